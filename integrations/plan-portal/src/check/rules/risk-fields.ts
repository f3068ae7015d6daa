import type { PlanRule } from "../types.ts";

const LEVEL =
  /^(very\s+)?(high|medium|med|low)$|^(h|m|l)$|^(高|中|低|높음|중간|낮음|alta|alto|m[ée]dia|m[ée]dio|baja|bajo|baixa|baixo)$/i;
const IMPACT = /^(critical|crítico|crítica|致命|严重|重大|심각)$/i;

/** Emoji and decorations such as "🔴 High" or "**High**" around the level word. */
const clean = (v: string) =>
  v
    .replace(/[\p{Extended_Pictographic}\uFE0F*_]/gu, "")
    .replace(/\s*\(.*\)$/, "")
    .trim();

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
      const probability = clean(r.probability);
      const impact = clean(r.impact);
      if (!LEVEL.test(probability)) {
        report({
          message: probability
            ? `Risk "${name}" has probability "${r.probability}", not High, Medium or Low.`
            : `Risk "${name}" has no probability.`,
          hint: "Use High, Medium or Low so the risk lands in the risk matrix.",
          line: r.line,
          column: r.probabilityColumn,
        });
      }
      if (!LEVEL.test(impact) && !IMPACT.test(impact)) {
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
