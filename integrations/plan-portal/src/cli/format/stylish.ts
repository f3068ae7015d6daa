import type { JsonReport } from "./json.ts";

export interface StylishOptions {
  color: boolean;
}

/**
 * ESLint's stylish layout: the path underlined, aligned `line:col  severity  message  rule-id`
 * rows, then `✖ N problems (E errors, W warnings)`. Prints nothing about clean plans.
 */
export function formatStylish(report: JsonReport, { color }: StylishOptions): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  for (const plan of report.plans) {
    if (plan.findings.length === 0) continue;
    out.push("", paint("4", plan.path));
    const rows = plan.findings.map((f) => [
      `  ${f.line}:${f.column}`,
      f.severity,
      f.message,
      f.ruleId,
    ]);
    const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const [pos, severity, message, rule] of rows) {
      const sev = severity!.padEnd(width[1]!);
      out.push(
        `${paint("2", pos!.padEnd(width[0]!))}  ${paint(severity === "error" ? "31" : severity === "warning" ? "33" : "36", sev)}  ${message!.padEnd(width[2]!)}  ${paint("2", rule!)}`,
      );
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
  const infos = report.plans.reduce(
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
  return out.join("\n").replace(/^\n/, "") + "\n";
}
