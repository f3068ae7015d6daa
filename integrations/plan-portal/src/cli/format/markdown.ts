import type { JsonPlan, JsonReport } from "../../contract/json.ts";
import type { Finding } from "../../check/types.ts";
import { describeChange, type PlanChange } from "../../history/diff.ts";
import type { ReviewContext } from "../../review/index.ts";

/**
 * Plan text is untrusted and lands in a pull request comment: markdown and HTML syntax is
 * escaped, `@` cannot mention anyone, and every item stays on one line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/[\\`*_{}[\]()#+!|~-]/g, "\\$&")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "&#64;");
}

const ICON = { error: "❌", warning: "⚠️", info: "ℹ️" } as const;

function findingLine(plan: JsonPlan, f: Finding): string {
  const file = (f.file ?? plan.path).split("/").pop();
  return `- ${ICON[f.severity]} ${f.severity} \`${f.ruleId}\` ${escapeMarkdown(file ?? "")}:${f.line}:${f.column}: ${escapeMarkdown(f.message)}`;
}

/** The model-level change as bullet points (nothing for a whitespace-only edit). */
export function changeLines(c: PlanChange): string[] {
  return describeChange(c).map(({ label, items }) =>
    items.length ? `- ${label}: ${items.map(escapeMarkdown).join("; ")}` : `- ${label}`,
  );
}

function planBlock(plan: JsonPlan, ctx: ReviewContext): string[] {
  const changed = ctx.changes.get(plan.id);
  const fixed = (ctx.fixed ?? []).filter((e) => e.plan === plan.id);
  const head = `### ${escapeMarkdown(plan.id)}: ${escapeMarkdown(plan.title)}`;
  const files = changed
    ? [`Changed: ${changed.files.map((f) => `\`${f.replace(/`/g, "'")}\``).join(", ")}`]
    : ["Not changed; findings the changed plans cause:"];
  const findings = plan.findings.length
    ? [
        `**${ctx.fixed ? "New findings" : "Findings"} (${plan.findings.length})**`,
        ...plan.findings.map((f) => findingLine(plan, f)),
      ]
    : [ctx.fixed ? "No new findings." : "No findings."];
  const gone = fixed.length
    ? [
        `**Fixed (${fixed.length})**`,
        ...fixed.map((e) => `- ✅ \`${e.ruleId}\` ${escapeMarkdown(e.message)}`),
      ]
    : [];
  return [
    head,
    "",
    ...files,
    ...(changed?.change ? changeLines(changed.change) : []),
    "",
    ...findings,
    ...(gone.length ? ["", ...gone] : []),
    "",
  ];
}

/** A summary for a pull request comment or `$GITHUB_STEP_SUMMARY` (GitHub-flavoured markdown). */
export function formatMarkdown(report: JsonReport, ctx: ReviewContext): string {
  const { errors, warnings } = report.summary;
  const fixedCount = ctx.fixed?.length ?? 0;
  const what = ctx.fixed ? "new findings" : "findings";
  const scope = ctx.ref
    ? `${report.plans.filter((p) => ctx.changes.has(p.id)).length} plans changed since \`${ctx.ref.replace(/`/g, "'")}\``
    : `${report.plans.length} plans`;
  const lines = [
    "## Plan Portal",
    "",
    `${scope}: ${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"} among the ${what}${ctx.fixed ? `, ${fixedCount} fixed` : ""}.`,
    "",
  ];
  if (report.plans.length) {
    lines.push(
      `| Plan | Status | Score | ${ctx.fixed ? "New" : "Findings"} |${ctx.fixed ? " Fixed |" : ""}`,
    );
    lines.push(`| --- | --- | --- | --- |${ctx.fixed ? " --- |" : ""}`);
    for (const p of report.plans) {
      const fixed = (ctx.fixed ?? []).filter((e) => e.plan === p.id).length;
      lines.push(
        `| ${escapeMarkdown(p.id)} | ${p.status} | ${p.score} | ${p.findings.length} |${ctx.fixed ? ` ${fixed} |` : ""}`,
      );
    }
    lines.push("");
  }
  for (const p of report.plans) lines.push(...planBlock(p, ctx));
  const orphans = (ctx.fixed ?? []).filter((e) => !report.plans.some((p) => p.id === e.plan));
  if (orphans.length) {
    lines.push("### Fixed in plans without findings now", "");
    for (const e of orphans)
      lines.push(`- ✅ ${escapeMarkdown(e.plan)} \`${e.ruleId}\` ${escapeMarkdown(e.message)}`);
    lines.push("");
  }
  return lines.join("\n");
}
