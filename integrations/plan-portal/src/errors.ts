/**
 * What users see when something goes wrong, Astro-style: what happened, where, and what to do
 * (no "Error:" prefix). One catalogue for every host: the integration throws its entries as
 * AstroErrors (options-errors.ts `astroError`), the CLI and the directives as `PlanPortalError`s.
 * Each carries its entry's `name` as `name` and `code`, and its `title`, so callers read *what*
 * went wrong from data, never from the sentence.
 */

/**
 * Who has to act: `usage` the command line (the CLI exits 2), `config` astro.config, `build` the
 * plans or docs being built, `directive` a doc's plan directive, `read` a file or folder on disk,
 * `bug` plan-portal itself.
 */
export type ErrorKind = "usage" | "config" | "build" | "directive" | "read" | "bug";

export interface ErrorData {
  /** Stable id, e.g. `PlanPortalUnknownRule`: the thrown error's `name` and `code`. */
  name: string;
  title: string;
  kind: ErrorKind;
  message: (...args: never[]) => string;
  /** What to do; a function of the same details as the message when it names them. */
  hint: string | ((...args: never[]) => string);
}

type Details<E extends ErrorData> = Parameters<E["message"]>;

/** An entry's message and hint for the details of one occurrence. */
export function describeError<E extends ErrorData>(
  entry: E,
  ...details: Details<E>
): { message: string; hint: string } {
  const message = (entry.message as (...a: Details<E>) => string)(...details);
  const hint =
    typeof entry.hint === "string"
      ? entry.hint
      : (entry.hint as (...a: Details<E>) => string)(...details);
  return { message, hint };
}

/** An error from the catalogue: the entry it comes from, what happened and what to do. */
export class PlanPortalError extends Error {
  /** The entry's name, e.g. `PlanPortalUnknownRule`. */
  readonly code: string;
  readonly title: string;
  readonly kind: ErrorKind;
  readonly hint: string;
  constructor(entry: ErrorData, message: string, hint: string) {
    super(message);
    this.name = entry.name;
    this.code = entry.name;
    this.title = entry.title;
    this.kind = entry.kind;
    this.hint = hint;
  }
}

/** Throwable form of an entry: `throw catalogError(UnknownRule, id, guess, ids)`. */
export function catalogError<E extends ErrorData>(
  entry: E,
  ...details: Details<E>
): PlanPortalError {
  const { message, hint } = describeError(entry, ...details);
  return new PlanPortalError(entry, message, hint);
}

// ── The Astro integration (astro.config, astro build / dev) ───────────────────────────────────

export const InvalidOptions = {
  name: "PlanPortalInvalidOptions",
  title: "Invalid plan-portal options.",
  kind: "config",
  message: (issues: string) => `planPortal() in astro.config got options it cannot use:\n${issues}`,
  hint: "The options are listed under Options in node_modules/plan-portal/README.md (the package README, also on npm).",
} satisfies ErrorData;

export const SpecsDirMissing = {
  name: "PlanPortalSpecsDirMissing",
  title: "Specs folder not found.",
  kind: "config",
  message: (dir: string, resolved: string) =>
    `planPortal({ specsDir }) names "${dir}", but ${resolved} does not exist.`,
  hint: "Point specsDir at the folder that holds your feature folders (default: specs), relative to the project root.",
} satisfies ErrorData;

export const FindingsFailBuild = {
  name: "PlanPortalFindings",
  title: "Plans have findings at or above failOn.",
  kind: "build",
  message: (count: number, level: string, list: string) =>
    `${count} finding${count === 1 ? "" : "s"} at "${level}" or worse (failOn: "${level}"):\n${list}`,
  hint: "Fix the findings (run `npx plan-portal check` for the full list), or relax failOn / rule severities in astro.config.",
} satisfies ErrorData;

export const DirectivesUnprocessed = {
  name: "PlanPortalDirectivesUnprocessed",
  title: "Plan directives left as text.",
  kind: "config",
  message: (list: string) =>
    `These built pages still show plan directives as text, so their markdown never went through plan-portal's plugin:\n${list}`,
  hint: 'Usually `mdx({ remarkPlugins: [...] })`: MDX then uses only those plugins. Add the directives to that list — `import { planDirectives } from "plan-portal"` and `mdx({ remarkPlugins: [...planDirectives(), ...] })` — or move your plugins to `markdown.processor: unified({ remarkPlugins })`, which MDX inherits.',
} satisfies ErrorData;

export const DocDirectivesFailed = {
  name: "PlanPortalDocDirectives",
  title: "Plan directives in docs name what the plans do not have.",
  kind: "build",
  message: (list: string) =>
    `Docs of a content collection use plan directives the plans cannot answer (Astro's content layer logs such docs and builds them empty; plan-portal stops the build):\n${list}`,
  hint: "Fix each directive at the line shown: the plan was renamed or removed, or the section, owner or diagram is gone. `npx plan-portal check` lists them without building.",
} satisfies ErrorData;

export const StarlightMissing = {
  name: "PlanPortalStarlightMissing",
  title: "Starlight frame without Starlight.",
  kind: "config",
  message: () =>
    `planPortal({ frame: "starlight" }) renders the portal's pages in Starlight's frame, but @astrojs/starlight is not in astro.config's integrations.`,
  hint: 'Add starlight() to integrations (npx astro add starlight), with planPortalStarlight() from "plan-portal/starlight" in its plugins; or drop the frame option for the portal\'s own frame.',
} satisfies ErrorData;

export const PortalTwice = {
  name: "PlanPortalTwice",
  title: "plan-portal added twice.",
  kind: "config",
  message: () =>
    `planPortalStarlight() in starlight({ plugins }) adds the planPortal() integration itself, and astro.config's integrations list it too.`,
  hint: "Keep one: remove planPortal() from integrations and give its options to planPortalStarlight({ … }).",
} satisfies ErrorData;

export const DiagramsNeedChromium = {
  name: "PlanPortalDiagramsNeedChromium",
  title: "No Chromium to draw diagrams at build.",
  kind: "build",
  /** `startHint`: what to do when a Chromium was found but did not start (its own fix). */
  message: (what: string, _startHint?: string) =>
    `planPortal({ diagrams: { mode: "svg" } }) draws every mermaid diagram to SVG at build, but: ${what}`,
  hint: (_what: string, startHint?: string) =>
    startHint ??
    'Install Chromium (apt-get install chromium), point planPortal({ diagrams: { chromium: "/path/to/chrome" } }) or CHROMIUM_PATH at one, or use mode "auto" to fall back to drawing in the browser.',
} satisfies ErrorData;

export const ConfigNotResolved = {
  name: "PlanPortalConfigNotResolved",
  title: "Portal built before Astro resolved its config.",
  kind: "bug",
  message: () => "plan-portal: config not resolved yet",
  hint: "this is a bug in plan-portal: a page asked for the portal before astro:config:done; please report it with the command you ran.",
} satisfies ErrorData;

export const PagefindMissing = {
  name: "PlanPortalPagefindMissing",
  title: "Pagefind could not be loaded.",
  kind: "build",
  message: (what: string) =>
    `plan-portal could not load Pagefind to build the search index: ${what}`,
  hint: "Reinstall dependencies (npm install) so pagefind and its binary for this platform (@pagefind/<platform>) are present; installs made with --omit=optional or --ignore-scripts can leave it out.",
} satisfies ErrorData;

/** Pagefind loaded but one step failed; `step` is "start", "index <dir>" or "write <dir>". */
export const PagefindFailed = {
  name: "PlanPortalPagefindFailed",
  title: "Pagefind could not build the search index.",
  kind: "build",
  message: (step: string, errors: string) => `Pagefind could not ${step}: ${errors}`,
  hint: "Check that the build output folder is writable and has space, then build again; search: false in planPortal() builds the portal without a search index.",
} satisfies ErrorData;

// ── The command line (plan-portal check / build / dev / preview): usage errors exit 2 ─────────

export const UnknownCommand = {
  name: "PlanPortalUnknownCommand",
  title: "Unknown command.",
  kind: "usage",
  message: (command: string) => `Unknown command "${command}".`,
  hint: "Run plan-portal --help for the commands.",
} satisfies ErrorData;

/** Node's own parseArgs message (unknown option, missing value) with our hint. */
export const InvalidArguments = {
  name: "PlanPortalInvalidArguments",
  title: "Options the command does not take.",
  kind: "usage",
  message: (nodeMessage: string) => nodeMessage,
  hint: "Run plan-portal <command> --help for the options.",
} satisfies ErrorData;

export const UnknownFormat = {
  name: "PlanPortalUnknownFormat",
  title: "Unknown output format.",
  kind: "usage",
  message: (format: string) => `Unknown format "${format}".`,
  hint: "Use --format stylish, json, sarif or markdown.",
} satisfies ErrorData;

export const MaxWarningsNotANumber = {
  name: "PlanPortalMaxWarningsNotANumber",
  title: "--max-warnings is not a whole number.",
  kind: "usage",
  message: (value: string) => `--max-warnings takes a whole number, not "${value}".`,
  hint: "For example: --max-warnings 10",
} satisfies ErrorData;

export const RuleSettingInvalid = {
  name: "PlanPortalRuleSettingInvalid",
  title: "--rule is not id=level.",
  kind: "usage",
  message: (setting: string, _levels: readonly string[]) =>
    `--rule takes id=level, not "${setting}".`,
  hint: (_setting: string, levels: readonly string[]) =>
    `For example: --rule missing-spec=off (levels: ${levels.join(", ")}).`,
} satisfies ErrorData;

export const DocRuleFixed = {
  name: "PlanPortalDocRuleFixed",
  title: "Doc directive findings cannot change severity.",
  kind: "usage",
  message: (id: string) =>
    `${id} findings are always errors: an unknown name in a doc fails astro build too.`,
  hint: "Fix the directive, or leave the docs out with --no-docs (or pick folders with --docs DIR).",
} satisfies ErrorData;

export const UnknownRule = {
  name: "PlanPortalUnknownRule",
  title: "Unknown rule id.",
  kind: "usage",
  message: (id: string, guess: string | null, _ids: readonly string[]) =>
    `Unknown rule "${id}".${guess ? ` Did you mean "${guess}"?` : ""}`,
  hint: (_id: string, _guess: string | null, ids: readonly string[]) => `Rules: ${ids.join(", ")}.`,
} satisfies ErrorData;

export const TodayNotADate = {
  name: "PlanPortalTodayNotADate",
  title: "--today is not a date.",
  kind: "usage",
  message: (today: string) => `--today takes a date as YYYY-MM-DD, not "${today}".`,
  hint: "For example: --today 2026-11-25",
} satisfies ErrorData;

/** How the specs folder came to be looked for: named by the user, the default, or for a site. */
export type SpecsFolderSource = "check-named" | "check-default" | "site" | "mcp";

const SPECS_FOLDER_HINTS: Record<SpecsFolderSource, string> = {
  "check-named": "Pass the folder that holds your feature folders, e.g. plan-portal check specs.",
  "check-default":
    "Run from the repository root, or pass the folder: plan-portal check path/to/specs.",
  site: "Pass the folder that holds your feature folders, e.g. plan-portal build path/to/specs.",
  mcp: "Pass the folder that holds your feature folders, e.g. plan-portal mcp path/to/specs, or start the server from the repository root.",
};

export const SpecsFolderNotFound = {
  name: "PlanPortalSpecsFolderNotFound",
  title: "Specs folder not found.",
  kind: "usage",
  message: (dir: string, resolved: string, _source: SpecsFolderSource) =>
    `No folder "${dir}" (looked in ${resolved}).`,
  hint: (_dir: string, _resolved: string, source: SpecsFolderSource) => SPECS_FOLDER_HINTS[source],
} satisfies ErrorData;

export const DocsOptionsConflict = {
  name: "PlanPortalDocsOptionsConflict",
  title: "--docs and --no-docs together.",
  kind: "usage",
  message: () => "--docs and --no-docs were both given.",
  hint: "Keep --docs DIR to check those docs, or --no-docs to check plans only.",
} satisfies ErrorData;

export const DocsFolderNotFound = {
  name: "PlanPortalDocsFolderNotFound",
  title: "Docs folder not found.",
  kind: "usage",
  message: (dir: string, resolved: string) => `No docs folder "${dir}" (looked in ${resolved}).`,
  hint: "Pass the folder that holds the site's .md/.mdx pages, e.g. --docs src/pages, or leave --docs out to check the Astro project's src/pages and src/content.",
} satisfies ErrorData;

export const TemplateNotFound = {
  name: "PlanPortalTemplateNotFound",
  title: "Plan template not found.",
  kind: "usage",
  message: (template: string) => `Template "${template}" does not exist.`,
  hint: "Pass the path to a plan template markdown file, or leave --template out.",
} satisfies ErrorData;

export const AstroNotInstalled = {
  name: "PlanPortalAstroNotInstalled",
  title: "Astro is not installed.",
  kind: "usage",
  message: (command: string) => `${command} runs Astro, which is not installed in this project.`,
  hint: "Install it beside plan-portal: npm install --save-dev astro (plan-portal check works without it).",
} satisfies ErrorData;

export const DiagramModeUnknown = {
  name: "PlanPortalDiagramModeUnknown",
  title: "Unknown diagram mode.",
  kind: "usage",
  message: (mode: string) => `--diagrams takes auto, svg, client or off, not "${mode}".`,
  hint: "auto draws SVG at build when Chromium is found, else in the browser.",
} satisfies ErrorData;

export const PortNotANumber = {
  name: "PlanPortalPortNotANumber",
  title: "--port is not a port number.",
  kind: "usage",
  message: (port: string) => `--port takes a port number, not "${port}".`,
  hint: "For example: --port 4321",
} satisfies ErrorData;

export const NothingToPreview = {
  name: "PlanPortalNothingToPreview",
  title: "No built portal to preview.",
  kind: "usage",
  message: (outDir: string) => `Nothing to preview: ${outDir} does not exist.`,
  hint: "Run plan-portal build first (or pass --out DIR).",
} satisfies ErrorData;

export const OutDirNotOurs = {
  name: "PlanPortalOutDirNotOurs",
  title: "Output folder holds other files.",
  kind: "usage",
  message: (outDir: string) =>
    `${outDir} exists and was not written by plan-portal; it was left alone.`,
  hint: "Pass an empty or new folder with --out.",
} satisfies ErrorData;

export const UnexpectedFailure = {
  name: "PlanPortalUnexpectedFailure",
  title: "Unexpected failure.",
  kind: "bug",
  message: (what: string) => `unexpected failure: ${what}`,
  hint: "this is a bug in plan-portal; please report it with the command you ran (PLAN_PORTAL_DEBUG=1 prints the stack).",
} satisfies ErrorData;

// ── Plan directives in docs (:plan[…], ::plan-card{…} …): the problem, the doc's line beside it ─

export const DirectiveWrongKind = {
  name: "PlanPortalDirectiveWrongKind",
  title: "Directive written with the wrong number of colons.",
  kind: "directive",
  message: (written: string, name: string, leaf: boolean, example: string) =>
    `${written}: "${name}" is a ${leaf ? "leaf (block) directive with two colons on a line of its own" : "text (inline) directive with one colon"}: write ${example}.`,
  hint: "",
} satisfies ErrorData;

export const DirectiveUnknownAttribute = {
  name: "PlanPortalDirectiveUnknownAttribute",
  title: "Directive attribute it does not take.",
  kind: "directive",
  message: (
    written: string,
    name: string,
    guess: string | null,
    takes: string[],
    example: string,
  ) =>
    `${written}: unknown attribute "${name}".${guess ? ` Did you mean "${guess}"?` : ""} It takes ${takes.map((a) => `"${a}"`).join(", ")}; for example ${example}.`,
  hint: "",
} satisfies ErrorData;

export const DirectiveMissingAttribute = {
  name: "PlanPortalDirectiveMissingAttribute",
  title: "Directive without a required attribute.",
  kind: "directive",
  message: (written: string, name: string, example: string) =>
    `${written}: missing "${name}". Write it like ${example}.`,
  hint: "",
} satisfies ErrorData;

export const DirectiveMissingPlanId = {
  name: "PlanPortalDirectiveMissingPlanId",
  title: ":plan without a plan id.",
  kind: "directive",
  message: () =>
    ":plan: missing the plan id. Write :plan[003-checkout-flow] (or :plan{id=003-checkout-flow}).",
  hint: "",
} satisfies ErrorData;

/** A plan, section, owner, status or diagram the plans do not have; the hint says which exist. */
export const DirectiveUnknownName = {
  name: "PlanPortalDirectiveUnknownName",
  title: "Directive names what the plans do not have.",
  kind: "directive",
  message: (written: string, what: string, input: string, guess: string | null, _hint: string) =>
    `${written}: no ${what} "${input}".${guess ? ` Did you mean "${guess}"?` : ""}`,
  hint: (_written: string, _what: string, _input: string, _guess: string | null, hint: string) =>
    hint,
} satisfies ErrorData;

export const DirectiveNoDiagrams = {
  name: "PlanPortalDirectiveNoDiagrams",
  title: "::plan-diagram of a plan without diagrams.",
  kind: "directive",
  message: (id: string) =>
    `::plan-diagram: plan "${id}" has no mermaid diagrams. Link to it with :plan[${id}] instead.`,
  hint: "",
} satisfies ErrorData;

// ── Notices: what discovery and reading found that is not a plan, or not readable ─────────────
// Not thrown: each becomes a notice (`{ code, path, message, hint }`) or a plan's read problem
// (`{ code, message, hint, line, column }`), with the entry's name as `code`.

export const FolderUnresolvable = {
  name: "PlanPortalFolderUnresolvable",
  title: "Folder cannot be resolved.",
  kind: "read",
  message: (why: string) => `Cannot resolve this folder (${why}); it was skipped.`,
  hint: "Fix or remove the broken symbolic link.",
} satisfies ErrorData;

export const SymlinkLoop = {
  name: "PlanPortalSymlinkLoop",
  title: "Symbolic link loop.",
  kind: "read",
  message: () =>
    "Symbolic link loop: this folder links back to one of its parents; it was not walked again.",
  hint: "Remove the link or point it outside the specs folder.",
} satisfies ErrorData;

export const FolderUnlistable = {
  name: "PlanPortalFolderUnlistable",
  title: "Folder cannot be listed.",
  kind: "read",
  message: (why: string) => `Cannot list this folder (${why}); plans inside it are not checked.`,
  hint: "Give the user running the check read and execute permission on it.",
} satisfies ErrorData;

export const BrokenSymlink = {
  name: "PlanPortalBrokenSymlink",
  title: "Broken symbolic link.",
  kind: "read",
  message: (why: string) => `Broken symbolic link (${why}); skipped.`,
  hint: "Fix or remove the link.",
} satisfies ErrorData;

export const FeatureWithoutPlan = {
  name: "PlanPortalFeatureWithoutPlan",
  title: "Feature folder without plan.md.",
  kind: "build",
  message: () => "This feature folder has no plan.md, so it has no plan page.",
  hint: "Run the plan command of Spec Kit for it, or move its files.",
} satisfies ErrorData;

export const MermaidParserUnavailable = {
  name: "PlanPortalMermaidParserUnavailable",
  title: "Mermaid's parser did not start.",
  kind: "build",
  message: (why: string) =>
    `Mermaid diagrams were checked for structure only: mermaid's parser did not start (${why}).`,
  hint: "Reinstall plan-portal's dependencies (npm install) so the mermaid package is complete; PLAN_PORTAL_DEBUG=1 prints more.",
} satisfies ErrorData;

export const SiblingUnreadable = {
  name: "PlanPortalSiblingUnreadable",
  title: "Sibling document cannot be read.",
  kind: "read",
  message: (why: string) => `could not be read (${why}), so its page is missing from the portal.`,
  hint: "Check the file's permissions (the build must be able to read it), then build again.",
} satisfies ErrorData;

export const PlanEmpty = {
  name: "PlanPortalPlanEmpty",
  title: "plan.md is empty.",
  kind: "read",
  message: () => "plan.md is empty.",
  hint: "Fill it in from the plan template, or delete the feature folder.",
} satisfies ErrorData;

export const PlanBinary = {
  name: "PlanPortalPlanBinary",
  title: "plan.md is a binary file.",
  kind: "read",
  message: () => "plan.md looks like a binary file (it contains NUL bytes), so it was not parsed.",
  hint: "Replace it with the markdown plan; check that it was not committed through an LFS pointer or an encoding tool.",
} satisfies ErrorData;

export const PlanNotUtf8 = {
  name: "PlanPortalPlanNotUtf8",
  title: "plan.md is not valid UTF-8.",
  kind: "read",
  message: (byte: number, line: number, column: number) =>
    `plan.md is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, "0")} at line ${line}, column ${column}); unreadable characters were replaced.`,
  hint: "Re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).",
} satisfies ErrorData;

export const PlanTooLarge = {
  name: "PlanPortalPlanTooLarge",
  title: "plan.md is over the size limit.",
  kind: "read",
  message: (bytes: number, limit: number) =>
    `plan.md is ${(bytes / 1048576).toFixed(0)} MB, over the ${limit / 1048576} MB limit, so it was not parsed.`,
  hint: "Split the plan or move generated content out of it.",
} satisfies ErrorData;

export const PlanUnreadable = {
  name: "PlanPortalPlanUnreadable",
  title: "plan.md cannot be read.",
  kind: "read",
  message: (why: string) => `plan.md cannot be read: ${why}.`,
  hint: "Check the file's permissions (it must be readable by the user running the check).",
} satisfies ErrorData;

export const PlanCheckFailed = {
  name: "PlanPortalPlanCheckFailed",
  title: "plan-portal failed on this plan.",
  kind: "bug",
  message: (why: string) =>
    `plan-portal could not parse or check this plan (${why}); every other plan was checked.`,
  hint: "This is a bug in plan-portal: please report it with this plan.md (or the lines that trigger it).",
} satisfies ErrorData;

export const HistoryGitMissing = {
  name: "PlanPortalHistoryGitMissing",
  title: "git is not available, so plans have no history.",
  kind: "read",
  message: (why: string) =>
    `Plan history (last change, question ages, staleness) was not read: ${why}.`,
  hint: "Install git and put it on PATH, then build again; everything else works without it.",
} satisfies ErrorData;

export const HistoryNotARepository = {
  name: "PlanPortalHistoryNotARepository",
  title: "The specs folder is not in a git repository, so plans have no history.",
  kind: "read",
  message: () =>
    "Plan history (last change, question ages, staleness) was not read: the specs folder is not inside a git repository.",
  hint: "Run the check inside the repository's checkout (git init and commit the plans), or leave history off.",
} satisfies ErrorData;

export const HistoryShallowClone = {
  name: "PlanPortalHistoryShallowClone",
  title: "The repository is a shallow clone, so plans have no history.",
  kind: "read",
  message: () =>
    "Plan history (last change, question ages, staleness) was not read: the repository is a shallow clone, whose history stops at its newest commits.",
  hint: "Fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout), then build again.",
} satisfies ErrorData;

export const HistoryGitFailed = {
  name: "PlanPortalHistoryGitFailed",
  title: "git failed, so plans have no history.",
  kind: "read",
  message: (command: string, why: string) =>
    `Plan history was not read: \`git ${command}\` failed (${why}).`,
  hint: "Run that git command in the repository to see what is wrong (a corrupt or partial clone?), fix it, and build again.",
} satisfies ErrorData;

export const ChangedSinceNoRepository = {
  name: "PlanPortalChangedSinceNoRepository",
  title: "--changed-since needs a git repository.",
  kind: "usage",
  message: (ref: string) =>
    `--changed-since ${ref}: the specs folder is not inside a git repository (or it has no commits), so there is nothing to compare with.`,
  hint: "Run the check in the repository's checkout, or leave --changed-since out to check every plan.",
} satisfies ErrorData;

export const ChangedSinceUnknownRef = {
  name: "PlanPortalChangedSinceUnknownRef",
  title: "--changed-since names no commit git knows.",
  kind: "usage",
  message: (ref: string, why: string) =>
    `--changed-since ${ref}: git knows no commit by that name (${why}).`,
  hint: "Fetch it first (`git fetch origin main`, or `fetch-depth: 0` in actions/checkout), or name an existing commit, branch or tag.",
} satisfies ErrorData;

export const BaselineUnreadable = {
  name: "PlanPortalBaselineUnreadable",
  title: "The --baseline file cannot be read.",
  kind: "usage",
  message: (file: string, why: string) => `--baseline ${file} cannot be read: ${why}.`,
  hint: "Check the path (relative to the current directory), or write one with --write-baseline FILE.",
} satisfies ErrorData;

export const BaselineInvalid = {
  name: "PlanPortalBaselineInvalid",
  title: "The --baseline file is not a plan-portal baseline.",
  kind: "usage",
  message: (file: string, why: string) =>
    `--baseline ${file} is not a plan-portal baseline: ${why}.`,
  hint: "Write it again with `plan-portal check --write-baseline FILE` (do not edit it by hand).",
} satisfies ErrorData;

export const BaselineVersion = {
  name: "PlanPortalBaselineVersion",
  title: "The --baseline file has another format version.",
  kind: "usage",
  message: (file: string, version: string) =>
    `--baseline ${file} is baseline version ${version}; this plan-portal reads version 1.`,
  hint: "Write it again with this version: `plan-portal check --write-baseline FILE`, and commit it.",
} satisfies ErrorData;

export const BaselineUnwritable = {
  name: "PlanPortalBaselineUnwritable",
  title: "The --write-baseline file cannot be written.",
  kind: "usage",
  message: (file: string, why: string) => `--write-baseline ${file} cannot be written: ${why}.`,
  hint: "Check that its folder exists and is writable.",
} satisfies ErrorData;

export const StaleDaysNotANumber = {
  name: "PlanPortalStaleDaysNotANumber",
  title: "--stale-days is not a positive whole number.",
  kind: "usage",
  message: (value: string) => `--stale-days "${value}" is not a positive whole number of days.`,
  hint: "Pass a number of days, e.g. --stale-days 60.",
} satisfies ErrorData;
