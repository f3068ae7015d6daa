import type { PlanRule } from "../types.ts";

export default {
  id: "spec-needs-clarification",
  scope: "feature",
  description: "spec.md has no open NEEDS CLARIFICATION markers.",
  severity: "warning",
  applies: ({ plan }) => plan.feature.spec !== null,
  check({ plan }, report) {
    const spec = plan.feature.spec!;
    for (const m of spec.needsClarification) {
      report({
        file: spec.path,
        message: `Open clarification in spec.md: ${m.text}`,
        hint: "Run the clarify step (or decide), record the answer under ## Clarifications, and replace the marker with the decision.",
        line: m.line,
        column: m.column,
        endLine: m.line,
        endColumn: m.column + m.text.length,
        messageId: "open",
        data: { text: m.text },
      });
    }
  },
} satisfies PlanRule;
