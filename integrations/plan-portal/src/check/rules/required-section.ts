import { headingKey } from "../../parse/sections.ts";
import type { Section } from "../../parse/types.ts";
import type { TemplateProfile, TemplateSection } from "../../template/profile.ts";
import type { PlanRule } from "../types.ts";

const key = (title: string) =>
  headingKey(title)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** The title without its parenthesis: "Source Code (repository root)" → "source code". */
const base = (title: string) => key(headingKey(title).replace(/\s*[(（][^()（）]*[)）]\s*$/, ""));

/** A plan heading as the rule compares it: its kind, title key and title key without parenthesis. */
interface Heading {
  section: Section;
  index: number;
  key: string;
  base: string;
}

/** Whether a plan heading is the template's section by kind, title, or title without parenthesis. */
function sameSection(plan: Heading, template: TemplateSection): boolean {
  if (template.kind !== "other") return plan.section.kind === template.kind;
  return plan.key === key(template.title) || plan.base === base(template.title);
}

/**
 * Sub-sections the template names but has no synonyms for ("Documentation (this feature)",
 * "Source Code (repository root)") are often translated or renamed (`### 文档（当前功能）`,
 * `### Código`). Under the plan's own parent section, its sub-sections that match no template
 * sub-section stand for the template's unmatched ones, in order: the n-th unmatched template
 * sub-section counts as present when the parent has at least n unmatched sub-sections, content
 * of its own before them counting as one.
 */
function pairedUnderParent(
  headings: Heading[],
  profile: TemplateProfile,
  wanted: TemplateSection,
): boolean {
  const parent = profile.sections.find((s) => s.level === 2 && s.title === wanted.parent);
  if (!parent) return false;
  const siblings = profile.sections.filter((s) => s.parent === wanted.parent && s.level > 2);
  const unmatched = siblings.filter(
    (t) => t.kind === "other" && !headings.some((h) => sameSection(h, t)),
  );
  const position = unmatched.indexOf(wanted);
  if (position < 0) return false;
  return headings.some((p) => {
    if (!sameSection(p, parent)) return false;
    const own = headings.filter(
      (c) =>
        c.section.parent === p.index &&
        c.section.kind === "other" &&
        !siblings.some((t) => sameSection(c, t)),
    );
    // Content written directly under the parent (`## Project Structure` and its tree, then
    // `### Source Code`) stands for the first unmatched sub-section.
    return own.length + (p.section.contentLines > 0 ? 1 : 0) > position;
  });
}

export default {
  id: "required-section",
  description: "Every section the template marks as required is present (at any heading level).",
  severity: "error",
  check({ plan, profile, template }, report) {
    const headings: Heading[] = plan.sections.map((section, index) => ({
      section,
      index,
      key: key(section.title),
      base: base(section.title),
    }));
    for (const section of profile.sections) {
      if (!section.required) continue;
      if (headings.some((h) => sameSection(h, section))) continue;
      if (section.parent && pairedUnderParent(headings, profile, section)) continue;
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
