import type { PlanRule } from "../types.ts";

export default {
  id: "incomplete-checklist",
  scope: "feature",
  description: "Every item of the feature's checklists (checklists/*.md) is checked off.",
  severity: "warning",
  applies: ({ plan }) => plan.feature.checklists.length > 0,
  check({ plan }, report) {
    for (const list of plan.feature.checklists) {
      const open = list.items.filter((i) => !i.done);
      open.forEach((item, n) => {
        report({
          file: list.path,
          message: `Checklist "${list.name}" has an open item (${n + 1} of ${open.length} open): ${item.text}`,
          hint: "Check the item off when it holds, or fix the spec or plan until it does; drop it if it does not apply.",
          line: item.line,
          column: item.column,
          messageId: "open-item",
          data: { checklist: list.name, item: item.text },
        });
      });
    }
  },
} satisfies PlanRule;
