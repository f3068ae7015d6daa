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

export const DocDirectivesFailed = {
  name: "PlanPortalDocDirectives",
  title: "Plan directives in docs name what the plans do not have.",
  message: (list: string) =>
    `Docs of a content collection use plan directives the plans cannot answer (Astro's content layer logs such docs and builds them empty; plan-portal stops the build):\n${list}`,
  hint: "Fix each directive at the line shown: the plan was renamed or removed, or the section, owner or diagram is gone. `npx plan-portal check` lists them without building.",
} satisfies ErrorData;

export const StarlightMissing = {
  name: "PlanPortalStarlightMissing",
  title: "Starlight frame without Starlight.",
  message: () =>
    `planPortal({ frame: "starlight" }) renders the portal's pages in Starlight's frame, but @astrojs/starlight is not in astro.config's integrations.`,
  hint: 'Add starlight() to integrations (npx astro add starlight), with planPortalStarlight() from "plan-portal/starlight" in its plugins; or drop the frame option for the portal\'s own frame.',
} satisfies ErrorData;

export const PortalTwice = {
  name: "PlanPortalTwice",
  title: "plan-portal added twice.",
  message: () =>
    `planPortalStarlight() in starlight({ plugins }) adds the planPortal() integration itself, and astro.config's integrations list it too.`,
  hint: "Keep one: remove planPortal() from integrations and give its options to planPortalStarlight({ … }).",
} satisfies ErrorData;

export const DiagramsNeedChromium = {
  name: "PlanPortalDiagramsNeedChromium",
  title: "No Chromium to draw diagrams at build.",
  message: (what: string) =>
    `planPortal({ diagrams: { mode: "svg" } }) draws every mermaid diagram to SVG at build, but: ${what}`,
  hint: 'Install Chromium (apt-get install chromium), point planPortal({ diagrams: { chromium: "/path/to/chrome" } }) or CHROMIUM_PATH at one, or use mode "auto" to fall back to drawing in the browser.',
} satisfies ErrorData;
