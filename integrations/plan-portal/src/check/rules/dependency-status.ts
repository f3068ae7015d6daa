import type { PlanRule } from "../types.ts";

export const DEPENDENCY_STATUS = /^(in[ -]?progress|blocked|done)$/i;

/** The status word without emoji, emphasis or a trailing note: "🚫 **Blocked** (waiting on DPA)" → "Blocked". */
export function cleanStatus(status: string): string {
  return status
    .replace(/[\p{Extended_Pictographic}\uFE0F*_]/gu, "")
    .replace(/\s*[(（].*[)）]\s*$/, "")
    .replace(/\s+[—–-]\s.*$/, "")
    .trim();
}

export default {
  id: "dependency-status",
  description: "Each dependency or blocker has status In Progress, Blocked or Done.",
  severity: "warning",
  applies: ({ plan }) => plan.dependencies.length > 0,
  check({ plan }, report) {
    for (const d of plan.dependencies) {
      if (DEPENDENCY_STATUS.test(cleanStatus(d.status))) continue;
      report({
        message: d.status
          ? `Dependency "${d.text}" has status "${d.status}", not In Progress, Blocked or Done.`
          : `Dependency "${d.text}" has no status.`,
        hint: "Use In Progress, Blocked or Done so the blockers board can show it.",
        line: d.line,
        column: d.statusColumn,
      });
    }
  },
} satisfies PlanRule;
