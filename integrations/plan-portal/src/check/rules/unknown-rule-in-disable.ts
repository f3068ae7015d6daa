import { didYouMean } from "../../util/suggest.ts";
import { disablesByFile } from "../disables.ts";
import type { PlanRule } from "../types.ts";

export default {
  id: "unknown-rule-in-disable",
  description: "Every rule id in a plan-portal-disable-next-line comment names a plan-portal rule.",
  severity: "warning",
  applies: ({ plan }) =>
    disablesByFile(plan).some((d) => d.comments.some((c) => c.rules.length > 0)),
  check({ plan, rules }, report) {
    const ids = [...rules.keys()];
    for (const { file, comments } of disablesByFile(plan)) {
      for (const r of comments.flatMap((c) => c.rules)) {
        if (rules.has(r.id)) continue;
        const guess = didYouMean(r.id, ids);
        report({
          ...(file === undefined ? {} : { file }),
          message: `Unknown rule "${r.id}" in a disable comment: it silences nothing.${guess ? ` Did you mean "${guess}"?` : ""}`,
          hint: guess
            ? `Write <!-- plan-portal-disable-next-line ${guess} -->.`
            : `Use a rule id listed in docs/rules/README.md of the plan-portal package, or delete "${r.id}" from the comment.`,
          line: r.line,
          column: r.column,
          endLine: r.line,
          endColumn: r.column + r.id.length,
        });
      }
    }
  },
} satisfies PlanRule;
