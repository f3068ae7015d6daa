import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { allRules } from "../check/rules/index.ts";
import type { SeveritySetting } from "../check/types.ts";
import { DOC_RULE } from "../directives/check-docs.ts";
import { runPipeline, todayUtc } from "../pipeline.ts";
import { checkDocs, docFiles, docTargets } from "./docs.ts";
import { toJsonReport } from "../contract/json.ts";
import { formatSarif } from "./format/sarif.ts";
import { formatStylish } from "./format/stylish.ts";
import { didYouMean } from "../util/suggest.ts";
import { SEVERITY_SETTINGS } from "../vocabulary.ts";
import { checkTodayOption, UsageError } from "./usage.ts";

export const CHECK_HELP = `Usage: plan-portal check [dir ...] [options]

Check every plan.md below each dir (default: specs) against the plan template, and the plan
directives (:plan[…], ::plan-card{…} …) in the site's .md/.mdx docs against those plans.

Options:
  --format stylish|json|sarif   Output format (default: stylish)
  --docs DIR                    Check the plan directives in the docs below DIR (or in one
                                file); repeatable. Default: src/pages and src/content of the
                                Astro project in the current directory or above the specs dir
  --no-docs                     Check plans only
  --max-warnings N              Exit 1 when there are more than N warnings
  --rule id=level               Set a rule's severity: off, info, warning, error (repeatable)
  --today YYYY-MM-DD            Date used for overdue questions (default: today, UTC)
  --template FILE               Plan template defining required sections
                                (default: .specify/templates/plan-template.md when present)
  --no-color                    Plain stylish output
  -h, --help                    Show this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or I/O failure.
`;

export interface CheckRun {
  stdout: string;
  exitCode: 0 | 1;
}

export async function runCheck(
  argv: string[],
  cwd: string,
  version: string,
  color: boolean,
): Promise<CheckRun> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "stylish" },
      "max-warnings": { type: "string" },
      rule: { type: "string", multiple: true, default: [] },
      today: { type: "string" },
      template: { type: "string" },
      docs: { type: "string", multiple: true, default: [] },
      "no-docs": { type: "boolean", default: false },
      "no-color": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return { stdout: CHECK_HELP, exitCode: 0 };

  const format = values.format!;
  if (!["stylish", "json", "sarif"].includes(format)) {
    throw new UsageError(`Unknown format "${format}".`, "Use --format stylish, json or sarif.");
  }
  let maxWarnings = Infinity;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new UsageError(
        `--max-warnings takes a whole number, not "${values["max-warnings"]}".`,
        "For example: --max-warnings 10",
      );
    }
  }
  const ids = allRules.map((r) => r.id);
  const rules: Record<string, SeveritySetting> = {};
  for (const setting of values.rule!) {
    const [id, level] = setting.split("=");
    if (!id || !level || !(SEVERITY_SETTINGS as readonly string[]).includes(level)) {
      throw new UsageError(
        `--rule takes id=level, not "${setting}".`,
        `For example: --rule missing-spec=off (levels: ${SEVERITY_SETTINGS.join(", ")}).`,
      );
    }
    if (id === DOC_RULE.id) {
      throw new UsageError(
        `${DOC_RULE.id} findings are always errors: an unknown name in a doc fails astro build too.`,
        "Fix the directive, or leave the docs out with --no-docs (or pick folders with --docs DIR).",
      );
    }
    if (!ids.includes(id)) {
      const guess = didYouMean(id, ids);
      throw new UsageError(
        `Unknown rule "${id}".${guess ? ` Did you mean "${guess}"?` : ""}`,
        `Rules: ${ids.join(", ")}.`,
      );
    }
    rules[id] = level as SeveritySetting;
  }
  const today = checkTodayOption(values.today ?? todayUtc());
  const dirs = positionals.length ? positionals : ["specs"];
  for (const dir of dirs) {
    const abs = path.resolve(cwd, dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) {
      throw new UsageError(
        `No folder "${dir}" (looked in ${abs}).`,
        positionals.length
          ? "Pass the folder that holds your feature folders, e.g. plan-portal check specs."
          : "Run from the repository root, or pass the folder: plan-portal check path/to/specs.",
      );
    }
  }
  if (values.template !== undefined && !existsSync(path.resolve(cwd, values.template))) {
    throw new UsageError(
      `Template "${values.template}" does not exist.`,
      "Pass the path to a plan template markdown file, or leave --template out.",
    );
  }

  const roots = dirs.map((d) => path.resolve(cwd, d));
  const targets = docTargets({ docs: values.docs!, noDocs: values["no-docs"]! }, cwd, roots);

  const result = await runPipeline({ roots, cwd, rules, today, template: values.template });
  const site = { root: cwd, specsRoots: roots };
  const found = targets.length ? docFiles(targets, site) : null;
  const rel = (p: string) => path.relative(cwd, p).split(path.sep).join("/") || ".";
  const report = toJsonReport(
    roots.map(rel).join(","),
    result.plans,
    [...result.notices, ...(found?.notices ?? [])],
    rel,
    today,
    found ? checkDocs(found.files, site, result.plans) : undefined,
  );
  const { errors, warnings } = report.summary;
  const exitCode = errors > 0 || warnings > maxWarnings ? 1 : 0;
  let stdout: string;
  if (format === "json") stdout = JSON.stringify(report, null, 2) + "\n";
  else if (format === "sarif") stdout = formatSarif(report, version);
  else {
    stdout = formatStylish(report, { color: color && !values["no-color"] });
    if (warnings > maxWarnings && errors === 0)
      stdout += `Too many warnings (${warnings}, max ${maxWarnings}).\n`;
  }
  return { stdout, exitCode };
}
