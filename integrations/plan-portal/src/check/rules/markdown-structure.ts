import type { PlanRule } from "../types.ts";

const HINTS = {
  "unclosed-fence": "Close the fence with the same number of backticks (or tildes) it opened with.",
  "unclosed-comment": "Close the comment with `-->`.",
  "merge-conflict": "Resolve the merge conflict and delete the <<<<<<< / ======= / >>>>>>> lines.",
} as const;

export default {
  id: "markdown-structure",
  description: "No unclosed code fences or HTML comments, no merge conflict markers.",
  severity: "warning",
  check({ plan }, report) {
    for (const s of plan.structure)
      report({ message: s.message, hint: HINTS[s.kind], line: s.line, column: s.column });
  },
} satisfies PlanRule;
