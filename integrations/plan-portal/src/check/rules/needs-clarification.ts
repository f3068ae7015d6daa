import type { PlanRule } from "../types.ts";

export default {
  id: "needs-clarification",
  description:
    "No open NEEDS CLARIFICATION markers (in checklists or instructions they are not counted).",
  severity: "warning",
  check({ plan }, report) {
    for (const m of plan.needsClarification) {
      report({
        message: `Open clarification: ${m.text}`,
        hint: "Answer it (in spec.md's Clarifications or here) and replace the marker with the decision.",
        line: m.line,
        column: m.column,
        endLine: m.line,
        endColumn: m.column + m.text.length,
      });
    }
  },
} satisfies PlanRule;
