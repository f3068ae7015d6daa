import { headingKey } from "../../parse/sections.ts";
import type { PlanRule } from "../types.ts";

const key = (title: string) =>
  headingKey(title)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

export default {
  id: "required-section",
  description: "Every section the template marks as required is present (at any heading level).",
  severity: "error",
  applies: ({ plan }) => plan.problems.length === 0 || plan.lineCount > 0,
  check({ plan, profile, template }, report) {
    const kinds = new Set(plan.sections.map((s) => s.kind));
    const titles = new Set(plan.sections.map((s) => key(s.title)));
    for (const section of profile.sections) {
      if (!section.required) continue;
      const present =
        section.kind !== "other" ? kinds.has(section.kind) : titles.has(key(section.title));
      if (present) continue;
      const where = section.parent ? ` under "${section.parent}"` : "";
      report({
        message: `Missing required section "${section.title}"${where} (${template === "other" ? "spec-kit" : template} template).`,
        hint: `Add a "${"#".repeat(section.level)} ${section.title}" section, or mark it CONDITIONAL in your template if it does not apply.`,
        line: plan.headerLine,
        column: 1,
      });
    }
  },
} satisfies PlanRule;
