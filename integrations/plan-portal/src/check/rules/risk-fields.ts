import { impactOf, levelOf } from "../risk-levels.ts";
import type { PlanRule } from "../types.ts";

export default {
  id: "risk-fields",
  description:
    "Each risk states Probability (High/Medium/Low) and Impact (Critical/High/Medium/Low).",
  severity: "warning",
  // Risk tables without a Probability column describe impact in prose; only the template's shape
  // (or any risk of a speckitadv plan) is held to the matrix vocabulary.
  applies: ({ plan, template }) => plan.risks.some((r) => r.rated || template === "speckitadv"),
  check({ plan, template }, report) {
    for (const r of plan.risks) {
      if (!r.rated && template !== "speckitadv") continue;
      const name = r.text.length > 60 ? r.text.slice(0, 57) + "…" : r.text;
      const probability = r.probability.trim();
      const impact = r.impact.trim();
      if (levelOf(probability) === null) {
        report({
          message: probability
            ? `Risk "${name}" has probability "${r.probability}", not High, Medium or Low.`
            : `Risk "${name}" has no probability.`,
          hint: "Use High, Medium or Low so the risk lands in the risk matrix.",
          line: r.line,
          column: r.probabilityColumn,
        });
      }
      if (impactOf(impact) === null) {
        report({
          message: impact
            ? `Risk "${name}" has impact "${r.impact}", not Critical, High, Medium or Low.`
            : `Risk "${name}" has no impact.`,
          hint: "Use Critical, High, Medium or Low so the risk lands in the risk matrix.",
          line: r.line,
          column: r.impactColumn,
        });
      }
    }
  },
} satisfies PlanRule;
