import type { PlanRule } from "../types.ts";

const HINTS = {
  "unclosed-fence": "Close the fence with the same number of backticks (or tildes) it opened with.",
  "unclosed-comment": "Close the comment with `-->`.",
  "merge-conflict": "Resolve the merge conflict and delete the <<<<<<< / ======= / >>>>>>> lines.",
  "invalid-frontmatter":
    'Write the lines between the two --- lines as YAML "key: value" fields (quote a value that holds ": " or starts with *, &, [ or {), or delete the first --- if it was meant as a horizontal rule.',
} as const;

export default {
  id: "markdown-structure",
  description:
    "No unclosed code fences or HTML comments, no merge conflict markers, no front matter that is not YAML fields.",
  severity: "warning",
  check({ plan }, report) {
    for (const s of plan.structure)
      report({ message: s.message, hint: HINTS[s.kind], line: s.line, column: s.column });
  },
} satisfies PlanRule;
