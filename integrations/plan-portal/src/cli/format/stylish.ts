import type { Finding } from "../../check/types.ts";
import type { JsonReport } from "../../contract/json.ts";

export interface StylishOptions {
  color: boolean;
}

type Paint = (code: string, text: string) => string;

/** One file's block: its path underlined, then aligned `line:col  severity  message  rule-id` rows. */
function fileBlock(file: string, findings: Finding[], paint: Paint): string[] {
  const rows = findings.map((f) => [`  ${f.line}:${f.column}`, f.severity, f.message, f.ruleId]);
  const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const out = ["", paint("4", file)];
  for (const [pos, severity, message, rule] of rows) {
    const sev = severity!.padEnd(width[1]!);
    out.push(
      `${paint("2", pos!.padEnd(width[0]!))}  ${paint(severity === "error" ? "31" : severity === "warning" ? "33" : "36", sev)}  ${message!.padEnd(width[2]!)}  ${paint("2", rule!)}`,
    );
  }
  return out;
}

/** A plan's findings per file: plan.md's first, then each sibling's (`Finding.file`) in order met. */
function byFile(path: string, findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  if (findings.some((f) => f.file === undefined)) out.set(path, []);
  for (const f of findings) {
    const key = f.file ?? path;
    out.set(key, [...(out.get(key) ?? []), f]);
  }
  return out;
}

/**
 * ESLint's stylish layout: the path underlined, aligned `line:col  severity  message  rule-id`
 * rows, then `✖ N problems (E errors, W warnings)`. Plans first, then docs, each file its own
 * block. Prints nothing about clean files.
 */
export function formatStylish(report: JsonReport, { color }: StylishOptions): string {
  const paint: Paint = (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const files = [...report.plans, ...(report.docs ?? [])];
  for (const file of files) {
    for (const [path, findings] of byFile(file.path, file.findings)) {
      out.push(...fileBlock(path, findings, paint));
    }
  }
  for (const n of report.notices) {
    out.push(
      "",
      paint("4", n.path),
      `  ${paint("33", "notice")}  ${n.message} ${paint("2", n.hint)}`,
    );
  }
  const { errors, warnings } = report.summary;
  const infos = files.reduce(
    (sum, p) => sum + p.findings.filter((f) => f.severity === "info").length,
    0,
  );
  const problems = errors + warnings + infos;
  if (problems > 0) {
    const line = `✖ ${problems} problem${problems === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}${infos ? `, ${infos} info` : ""})`;
    out.push("", paint(errors ? "31;1" : "33;1", line));
  }
  const s = report.summary.byStatus;
  out.push(
    paint(
      "2",
      `${report.summary.plans} plan${report.summary.plans === 1 ? "" : "s"}: ${s.ready} ready, ${s.draft} draft, ${s["needs-clarification"]} needs clarification, ${s.blocked} blocked`,
    ),
  );
  const coverage = coverageLine(report);
  if (coverage) out.push(paint("2", coverage));
  if (report.docs) {
    const n = report.docs.length;
    const directives = report.docs.reduce((sum, d) => sum + d.directives, 0);
    out.push(
      paint(
        "2",
        `${n} doc${n === 1 ? "" : "s"}: ${directives} plan directive${directives === 1 ? "" : "s"}`,
      ),
    );
  }
  return out.join("\n").replace(/^\n/, "") + "\n";
}

/**
 * One line summing coverage over the features whose spec.md or tasks.md has something to count:
 * `coverage (3 features): requirements 40/52 cited, stories 9/10 with tasks, tasks 88/95 mapped`.
 * Per feature it is in the JSON (`coverage`) and the portal; nothing when no feature has any.
 */
function coverageLine(report: JsonReport): string | null {
  // A spec.md without requirements or stories and no tasks.md has nothing to count.
  const counts = (c: NonNullable<JsonReport["plans"][number]["coverage"]>): number =>
    c.requirements.total + c.stories.total + c.tasks.total;
  const all = report.plans.flatMap((p) =>
    p.coverage && counts(p.coverage) > 0 ? [p.coverage] : [],
  );
  if (all.length === 0) return null;
  const sum = (pick: (c: (typeof all)[number]) => number): number =>
    all.reduce((n, c) => n + pick(c), 0);
  const features = `${all.length} feature${all.length === 1 ? "" : "s"}`;
  return (
    `coverage (${features}): requirements ${sum((c) => c.requirements.covered)}/${sum((c) => c.requirements.total)} cited, ` +
    `stories ${sum((c) => c.stories.withTasks)}/${sum((c) => c.stories.total)} with tasks, ` +
    `tasks ${sum((c) => c.tasks.mapped)}/${sum((c) => c.tasks.total)} mapped`
  );
}
