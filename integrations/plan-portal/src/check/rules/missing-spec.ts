import type { PlanRule } from "../types.ts";

export default {
  id: "missing-spec",
  description: "The plan's folder has the spec.md it implements.",
  severity: "warning",
  check({ plan }, report) {
    if (plan.siblings.spec) return;
    report({
      message: "There is no spec.md beside this plan.",
      hint: "Add the feature specification (Spec Kit's specify step) so readers know what the plan implements.",
      line: 1,
      column: 1,
    });
  },
} satisfies PlanRule;
