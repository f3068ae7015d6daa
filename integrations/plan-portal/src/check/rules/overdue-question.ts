import { parseDate } from "../dates.ts";
import type { PlanRule } from "../types.ts";

export default {
  id: "overdue-question",
  description: "No open question is past its deadline.",
  severity: "error",
  applies: ({ plan }) => plan.questions.some((q) => !q.resolved && parseDate(q.deadline) !== null),
  check({ plan, today }, report) {
    for (const q of plan.questions) {
      const due = q.resolved ? null : parseDate(q.deadline);
      if (due === null || due >= today) continue;
      report({
        message: `Open question ${q.id} was due ${due}${q.owner ? ` (owner ${q.owner})` : ""}.`,
        hint: "Record the answer and mark the question resolved, or agree a new deadline.",
        line: q.line,
        column: q.column,
      });
    }
  },
} satisfies PlanRule;
