import { parseDate } from "../dates.ts";
import type { PlanRule } from "../types.ts";

export default {
  id: "open-question-fields",
  description: "Each open question names an Owner, a Deadline (a date) and its Impact.",
  severity: "warning",
  applies: ({ plan }) => plan.questions.some((q) => !q.resolved),
  check({ plan }, report) {
    for (const q of plan.questions) {
      if (q.resolved) continue;
      const missing = [
        !q.owner && "Owner",
        !q.deadline && "Deadline",
        !q.impact && "Impact",
      ].filter(Boolean) as string[];
      if (missing.length) {
        report({
          message: `Open question ${q.id} has no ${missing.join(", ")}.`,
          hint: "Under the question add - **Owner**: … - **Deadline**: YYYY-MM-DD - **Impact**: …",
          line: q.line,
          column: q.column,
        });
      }
      if (q.deadline && parseDate(q.deadline) === null) {
        report({
          message: `Open question ${q.id} has deadline "${q.deadline}", which is not a date.`,
          hint: "Write the deadline as YYYY-MM-DD so overdue questions can be found.",
          line: q.line,
          column: q.column,
        });
      }
    }
  },
} satisfies PlanRule;
