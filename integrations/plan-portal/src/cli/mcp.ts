import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { createPlanServer } from "../mcp/server.ts";
import { PlanSnapshots } from "../mcp/snapshot.ts";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { catalogError, SpecsFolderNotFound } from "../errors.ts";
import { ruleSettings, templateOption } from "./check.ts";
import { checkTodayOption } from "./usage.ts";
import { sourcesConfig } from "./sources.ts";
import { cacheRoot } from "../cache/disk-cache.ts";
import { spawnGit } from "../sources/git.ts";
import { resolveSources } from "../sources/resolve.ts";

export const MCP_HELP = `Usage: plan-portal mcp [dir ...] [options]

Serve facts about the plans below each dir (default: specs) to a coding agent over the Model
Context Protocol on stdin/stdout, read-only: list_features, get_plan, open_questions, findings,
trace_requirement, search_plans. Plans are checked as plan-portal check checks them, again
whenever a markdown file below the dirs changes. Your agent starts this command; see the README.

With no dir, the sources of plan-portal.config.json or .mjs in the current folder are served
when there is one (several repositories; git sources are fetched once, at start).

Options:
  --config FILE          Serve the sources this config file lists
  --rule id=level        Set a rule's severity: off, info, warning, error (repeatable)
  --today YYYY-MM-DD     Date used for overdue questions (default: today, UTC)
  --template FILE        Plan template defining required sections
  -h, --help             Show this help
`;

const MCP_OPTIONS = {
  config: { type: "string" },
  rule: { type: "string", multiple: true, default: [] },
  today: { type: "string" },
  template: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} satisfies ParseArgsOptionsConfig;

/** A specs folder, absolute; checked before the server starts, so a wrong path exits with a message. */
function specsFolder(dir: string, cwd: string): string {
  const abs = path.resolve(cwd, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw catalogError(SpecsFolderNotFound, dir, abs, "mcp");
  }
  return abs;
}

/** Until the client closes stdin: that is how an MCP client ends a stdio server. */
function stdinClosed(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once("end", resolve);
    process.stdin.once("close", resolve);
  });
}

/** `plan-portal mcp`: options checked (errors exit before any protocol), then serve until stdin ends. */
export async function runMcp(argv: string[], cwd: string, version: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: MCP_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(MCP_HELP);
    return 0;
  }
  const rules = ruleSettings(values.rule);
  const today = values.today === undefined ? undefined : checkTodayOption(values.today);
  const template = templateOption(values.template, cwd);
  const config = await sourcesConfig(values.config, positionals, cwd);
  const sources = config
    ? resolveSources(config.sources, cwd, { cacheRoot: cacheRoot(), git: spawnGit })
    : null;
  const dirs = positionals.length ? positionals : ["specs"];
  const roots = sources
    ? sources.sources.flatMap((s) => s.roots)
    : dirs.map((dir) => specsFolder(dir, cwd));
  const snapshots = new PlanSnapshots(
    { roots, cwd, rules, today, template, ...(sources ? { sources: sources.sources } : {}) },
    sources?.notices ?? [],
  );
  const server = createPlanServer(snapshots, version);
  const closed = stdinClosed();
  await server.connect(new StdioServerTransport());
  await closed;
  await server.close();
  return 0;
}
