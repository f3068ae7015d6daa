import { readFileSync } from "node:fs";
import { runCheck } from "./check.ts";
import { stopMermaidWorker } from "../diagrams/validate-mermaid.ts";
import { runSite } from "./site.ts";
import { runMcp } from "./mcp.ts";
import { runFederate } from "./federate.ts";
import {
  catalogError,
  describeError,
  InvalidArguments,
  PlanPortalError,
  UnexpectedFailure,
  UnknownCommand,
  type ErrorKind,
} from "../errors.ts";

const HELP = `Usage: plan-portal <command> [options]

Commands:
  check [dir ...]   Check plans for completeness (see plan-portal check --help)
  build [dir]       Build the portal for a folder of specs (default: specs) as a static site
  dev [dir]         Serve the portal with live reload while you edit plans
  preview           Serve the built portal
  mcp [dir ...]     Serve plan facts to coding agents over MCP (stdio)
  federate <fragment ...>  Build an organisation portal from repositories' portal fragments

Run plan-portal <command> --help for a command's options.
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** The CLI: returns the exit code; writes results to stdout and messages to stderr. Never throws. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  try {
    return await runReporting(argv, cwd);
  } finally {
    await stopMermaidWorker();
  }
}

async function run(argv: string[], cwd: string): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "-v" || command === "--version") {
    process.stdout.write(version() + "\n");
    return 0;
  }
  if (command === "check") {
    const color = process.stdout.isTTY === true && !process.env["NO_COLOR"];
    const { stdout, exitCode } = await runCheck(rest, cwd, version(), color);
    process.stdout.write(stdout);
    return exitCode;
  }
  if (command === "mcp") return await runMcp(rest, cwd, version());
  if (command === "federate") return await runFederate(rest, cwd);
  if (command === "build" || command === "dev" || command === "preview") {
    return await runSite(command, rest, cwd);
  }
  throw catalogError(UnknownCommand, command);
}

/** What the CLI prints about a failure, and who has to act (which sets the exit code). */
interface Reported {
  message: string;
  hint: string;
  kind: ErrorKind;
  /** For bugs: printed after the message when PLAN_PORTAL_DEBUG is set. */
  stack?: string | undefined;
}

/** A failure as the catalogue describes it; anything that is neither ours nor Astro's is a bug. */
function asCatalogued(error: unknown): Reported {
  if (error instanceof PlanPortalError) {
    return { message: error.message, hint: error.hint, kind: error.kind };
  }
  if ((error as { code?: string })?.code?.startsWith("ERR_PARSE_ARGS")) {
    return {
      ...describeError(InvalidArguments, (error as Error).message),
      kind: InvalidArguments.kind,
    };
  }
  const hint = (error as { hint?: unknown } | null)?.hint;
  if (error instanceof Error && typeof hint === "string") {
    // Astro-style errors from the portal build (failOn findings, a missing specs folder): what and what to do.
    return { message: error.message, hint, kind: "build" };
  }
  const what = (error as Error)?.message ?? String(error);
  return {
    ...describeError(UnexpectedFailure, what),
    kind: UnexpectedFailure.kind,
    stack: `${(error as Error)?.stack}`,
  };
}

/** Usage mistakes and bugs exit 2, findings and failed builds 1. */
const EXIT: Record<ErrorKind, number> = {
  usage: 2,
  bug: 2,
  config: 1,
  build: 1,
  directive: 1,
  read: 1,
};

async function runReporting(argv: string[], cwd: string): Promise<number> {
  try {
    return await run(argv, cwd);
  } catch (error) {
    const { message, hint, kind, stack } = asCatalogued(error);
    process.stderr.write(`plan-portal: ${message}\n  Hint: ${hint}\n`);
    if (stack !== undefined && process.env["PLAN_PORTAL_DEBUG"]) process.stderr.write(`${stack}\n`);
    return EXIT[kind];
  }
}
