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
  check({ plan, profile, template }, report) {
    const kinds = new Set(plan.sections.map((s) => s.kind));
    // Sections the parser does not recognise are matched by title, computed only when needed.
    let titles: Set<string> | null = null;
    for (const section of profile.sections) {
      if (!section.required) continue;
      let present: boolean;
      if (section.kind !== "other") present = kinds.has(section.kind);
      else {
        titles ??= new Set(plan.sections.map((s) => key(s.title)));
        present = titles.has(key(section.title));
      }
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
