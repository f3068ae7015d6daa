/**
 * What users see when something goes wrong, Astro-style: what happened, where, and what to do
 * (no "Error:" prefix). Each entry is turned into an AstroError by the integration.
 */
export interface ErrorData {
  name: string;
  title: string;
  message: (...args: never[]) => string;
  hint: string;
}

export const InvalidOptions = {
  name: "PlanPortalInvalidOptions",
  title: "Invalid plan-portal options.",
  message: (issues: string) => `planPortal() in astro.config got options it cannot use:\n${issues}`,
  hint: "The options are listed under Options in node_modules/plan-portal/README.md (the package README, also on npm).",
} satisfies ErrorData;

export const SpecsDirMissing = {
  name: "PlanPortalSpecsDirMissing",
  title: "Specs folder not found.",
  message: (dir: string, resolved: string) =>
    `planPortal({ specsDir }) names "${dir}", but ${resolved} does not exist.`,
  hint: "Point specsDir at the folder that holds your feature folders (default: specs), relative to the project root.",
} satisfies ErrorData;

export const FindingsFailBuild = {
  name: "PlanPortalFindings",
  title: "Plans have findings at or above failOn.",
  message: (count: number, level: string, list: string) =>
    `${count} finding${count === 1 ? "" : "s"} at "${level}" or worse (failOn: "${level}"):\n${list}`,
  hint: "Fix the findings (run `npx plan-portal check` for the full list), or relax failOn / rule severities in astro.config.",
} satisfies ErrorData;

export const DirectivesUnprocessed = {
  name: "PlanPortalDirectivesUnprocessed",
  title: "Plan directives left as text.",
  message: (list: string) =>
    `These built pages still show plan directives as text, so their markdown never went through plan-portal's plugin:\n${list}`,
  hint: 'Usually `mdx({ remarkPlugins: [...] })`: MDX then uses only those plugins. Add the directives to that list — `import { planDirectives } from "plan-portal"` and `mdx({ remarkPlugins: [...planDirectives(), ...] })` — or move your plugins to `markdown.processor: unified({ remarkPlugins })`, which MDX inherits.',
} satisfies ErrorData;
