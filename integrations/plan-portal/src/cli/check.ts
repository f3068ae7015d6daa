import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { allRules } from "../check/rules/index.ts";
import type { SeveritySetting } from "../check/types.ts";
import { DOC_RULE } from "../directives/check-docs.ts";
import { runCheckPipeline, runPipeline, todayUtc, type PipelineOptions } from "../pipeline.ts";
import type { DiscoveryNotice } from "../discover/index.ts";
import { checkDocs, docFiles, docTargets } from "./docs.ts";
import {
  toJsonReport,
  type JsonDoc,
  type JsonReport,
  type ReportedPlan,
} from "../contract/json.ts";
import { formatSarif } from "./format/sarif.ts";
import { formatStylish } from "./format/stylish.ts";
import { didYouMean } from "../util/suggest.ts";
import { SEVERITY_SETTINGS } from "../vocabulary.ts";
import {
  catalogError,
  DocRuleFixed,
  MaxWarningsNotANumber,
  RuleSettingInvalid,
  SpecsFolderNotFound,
  TemplateNotFound,
  UnknownFormat,
  UnknownRule,
} from "../errors.ts";
import { checkTodayOption } from "./usage.ts";
import { formatMarkdown } from "./format/markdown.ts";
import type { ReviewContext } from "../review/index.ts";
import { reviewPlans, reviewRequest, reviewScopeOf, type ReviewRequest } from "./review.ts";
import { bundledProfiles } from "../template/profile.ts";
import { cacheRoot } from "../cache/disk-cache.ts";
import { spawnGit } from "../sources/git.ts";
import { resolveSources } from "../sources/resolve.ts";
import { sourcesConfig } from "./sources.ts";

export const CHECK_HELP = `Usage: plan-portal check [dir ...] [options]

Check every plan.md below each dir (default: specs) against the plan template, and the plan
directives (:plan[…], ::plan-card{…} …) in the site's .md/.mdx docs against those plans.

Options:
  --format stylish|json|sarif|markdown
                                Output format (default: stylish); markdown: a summary for a
                                pull request comment or $GITHUB_STEP_SUMMARY
  --docs DIR                    Check the plan directives in the docs below DIR (or in one
                                file); repeatable. Default: src/pages and src/content of the
                                Astro project in the current directory or above the specs dir
  --no-docs                     Check plans only
  --max-warnings N              Exit 1 when there are more than N warnings
  --rule id=level               Set a rule's severity: off, info, warning, error (repeatable)
  --today YYYY-MM-DD            Date used for overdue questions (default: today, UTC)
  --template FILE               Plan template defining required sections
                                (default: .specify/templates/plan-template.md when present)
  --history                     Read git history (last change, question ages, stale-plan)
  --stale-days N                stale-plan: days without a change (default 60)
  --changed-since REF           Only plans whose feature folder changed since REF (REF...HEAD,
                                plus the working tree), and the cross-plan findings they cause
  --baseline FILE               Report only findings not in FILE (accepted findings)
  --write-baseline FILE         Write the findings of this run to FILE as the baseline
  --config FILE                 Check the sources of FILE (plan-portal.config.json or .mjs; read
                                from the current folder when no dir is given)
  --no-color                    Plain stylish output
  -h, --help                    Show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or I/O failure.
`;

export interface CheckRun {
  stdout: string;
  exitCode: 0 | 1;
}

const CHECK_OPTIONS = {
  format: { type: "string", default: "stylish" },
  "max-warnings": { type: "string" },
  rule: { type: "string", multiple: true, default: [] },
  today: { type: "string" },
  template: { type: "string" },
  docs: { type: "string", multiple: true, default: [] },
  "no-docs": { type: "boolean", default: false },
  "no-color": { type: "boolean", default: false },
  history: { type: "boolean", default: false },
  "stale-days": { type: "string" },
  "changed-since": { type: "string" },
  baseline: { type: "string" },
  "write-baseline": { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} satisfies ParseArgsOptionsConfig;

const FORMATS = ["stylish", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];

function outputFormat(format: string): Format {
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw catalogError(UnknownFormat, format);
  }
  return format as Format;
}

function maxWarningsOption(value: string | undefined): number {
  if (value === undefined) return Infinity;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 0) {
    throw catalogError(MaxWarningsNotANumber, value);
  }
  return max;
}

/** `--rule id=level` settings, each naming a plan rule and a severity. */
export function ruleSettings(settings: string[]): Record<string, SeveritySetting> {
  const ids = allRules.map((r) => r.id);
  const rules: Record<string, SeveritySetting> = {};
  for (const setting of settings) {
    const [id, level] = setting.split("=");
    if (!id || !level || !(SEVERITY_SETTINGS as readonly string[]).includes(level)) {
      throw catalogError(RuleSettingInvalid, setting, SEVERITY_SETTINGS);
    }
    if (id === DOC_RULE.id) {
      throw catalogError(DocRuleFixed, DOC_RULE.id);
    }
    if (!ids.includes(id)) {
      throw catalogError(UnknownRule, id, didYouMean(id, ids), ids);
    }
    rules[id] = level as SeveritySetting;
  }
  return rules;
}

/** The specs folders, absolute; each must exist. `named`: the user passed them. */
function specsRoots(dirs: string[], named: boolean, cwd: string): string[] {
  return dirs.map((dir) => {
    const abs = path.resolve(cwd, dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) {
      throw catalogError(SpecsFolderNotFound, dir, abs, named ? "check-named" : "check-default");
    }
    return abs;
  });
}

export function templateOption(template: string | undefined, cwd: string): string | undefined {
  if (template !== undefined && !existsSync(path.resolve(cwd, template))) {
    throw catalogError(TemplateNotFound, template);
  }
  return template;
}

/** What `check` was asked to do, checked in the order a user reads the options. */
interface CheckRequest {
  format: Format;
  maxWarnings: number;
  rules: Record<string, SeveritySetting>;
  today: string;
  template: string | undefined;
  docs: { docs: string[]; noDocs: boolean };
  color: boolean;
  review: ReviewRequest;
  /** Where the sources come from: `--config FILE`, else plan-portal.config.* when no dir is named. */
  sources: { config: string | undefined; dirs: string[] };
}

function checkRequest(argv: string[], cwd: string, color: boolean): CheckRequest | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: CHECK_OPTIONS,
  });
  if (values.help) return null;
  const format = outputFormat(values.format);
  const maxWarnings = maxWarningsOption(values["max-warnings"]);
  const rules = ruleSettings(values.rule);
  const today = checkTodayOption(values.today ?? todayUtc());
  return {
    sources: { config: values.config, dirs: positionals },
    format,
    maxWarnings,
    rules,
    today,
    template: templateOption(values.template, cwd),
    docs: { docs: values.docs, noDocs: values["no-docs"] },
    color: color && !values["no-color"],
    review: reviewRequest(values, cwd),
  };
}

/** The report in the asked format; stylish says when warnings alone fail the run. */
function formatReport(
  report: JsonReport,
  request: CheckRequest,
  version: string,
  review: ReviewContext,
): string {
  const { errors, warnings } = report.summary;
  if (request.format === "json") return JSON.stringify(report, null, 2) + "\n";
  if (request.format === "markdown") return formatMarkdown(report, review);
  if (request.format === "sarif") return formatSarif(report, version);
  let stdout = formatStylish(report, { color: request.color });
  if (warnings > request.maxWarnings && errors === 0)
    stdout += `Too many warnings (${warnings}, max ${request.maxWarnings}).\n`;
  return stdout;
}

/** What the report is made of: the checked plans, what the review found, the notices. */
interface CheckedRun {
  plans: ReportedPlan[];
  review: ReviewContext;
  written: number | null;
  notices: DiscoveryNotice[];
  docs: JsonDoc[] | undefined;
}

/** The plan-only run without history or review: worker threads, a projection per plan. */
function checksInWorkers(request: CheckRequest, targets: string[]): boolean {
  const { review } = request;
  return (
    targets.length === 0 &&
    !review.history &&
    review.changedSince === undefined &&
    review.baseline === undefined &&
    review.writeBaseline === undefined
  );
}

async function checkedRun(
  request: CheckRequest,
  options: PipelineOptions,
  targets: string[],
  cwd: string,
): Promise<CheckedRun> {
  if (checksInWorkers(request, targets)) {
    const result = await runCheckPipeline(options);
    const review = { ref: null, changes: new Map(), fixed: null };
    return { plans: result.plans, review, written: null, notices: result.notices, docs: undefined };
  }
  const scope = reviewScopeOf(request.review, options.roots[0] ?? cwd);
  const result = await runPipeline({
    ...options,
    ...(request.review.history ? { history: true as const } : {}),
    ...(request.review.staleDays ? { staleDays: request.review.staleDays } : {}),
  });
  const phrases = (result.profile ?? bundledProfiles().extended).phrases;
  const reviewed = reviewPlans(result.plans, request.review, scope, cwd, {
    templatePhrases: phrases,
  });
  const site = { root: cwd, specsRoots: options.roots };
  const found = targets.length ? docFiles(targets, site) : null;
  return {
    plans: reviewed.plans,
    review: reviewed.context,
    written: reviewed.written,
    notices: [...result.notices, ...(found?.notices ?? [])],
    docs: found ? checkDocs(found.files, site, result.plans) : undefined,
  };
}

export async function runCheck(
  argv: string[],
  cwd: string,
  version: string,
  color: boolean,
): Promise<CheckRun> {
  const request = checkRequest(argv, cwd, color);
  if (request === null) return { stdout: CHECK_HELP, exitCode: 0 };
  const { rules, today, template } = request;
  const config = await sourcesConfig(request.sources.config, request.sources.dirs, cwd);
  const resolved = config
    ? resolveSources(config.sources, cwd, { cacheRoot: cacheRoot(), git: spawnGit })
    : null;
  // With sources the config names the folders; otherwise the dirs given, or ./specs.
  const { dirs } = request.sources;
  const roots = resolved
    ? resolved.sources.flatMap((s) => s.roots)
    : specsRoots(dirs.length ? dirs : ["specs"], dirs.length > 0, cwd);
  const targets = docTargets(request.docs, cwd, roots);
  const options: PipelineOptions = {
    roots,
    ...(resolved ? { sources: resolved.sources } : {}),
    cwd,
    rules,
    today,
    template,
    ...(request.review.staleDays ? { staleDays: request.review.staleDays } : {}),
  };
  const run = await checkedRun(request, options, targets, cwd);
  const rel = (p: string) => path.relative(cwd, p).split(path.sep).join("/") || ".";
  const report = toJsonReport(
    roots.map(rel).join(","),
    run.plans,
    [...(resolved?.notices ?? []), ...run.notices],
    rel,
    today,
    run.docs,
  );
  const { errors, warnings } = report.summary;
  return {
    stdout:
      formatReport(report, request, version, run.review) +
      (run.written !== null && request.format === "stylish"
        ? `Baseline with ${run.written} findings written to ${request.review.writeBaseline}.\n`
        : ""),
    // Writing a baseline accepts what was found: the run that writes it passes.
    exitCode: run.written === null && (errors > 0 || warnings > request.maxWarnings) ? 1 : 0,
  };
}
