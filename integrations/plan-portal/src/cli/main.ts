import { readFileSync } from "node:fs";
import { runCheck } from "./check.ts";
import { stopMermaidWorker } from "../diagrams/validate-mermaid.ts";
import { runSite } from "./site.ts";
import { UsageError } from "./usage.ts";

const HELP = `Usage: plan-portal <command> [options]

Commands:
  check [dir ...]   Check plans for completeness (see plan-portal check --help)
  build [dir]       Build the portal for a folder of specs (default: specs) as a static site
  dev [dir]         Serve the portal with live reload while you edit plans
  preview           Serve the built portal

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
    return await run(argv, cwd);
  } finally {
    await stopMermaidWorker();
  }
}

async function run(argv: string[], cwd: string): Promise<number> {
  const [command, ...rest] = argv;
  try {
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
    if (command === "build" || command === "dev" || command === "preview") {
      return await runSite(command, rest, cwd);
    }
    throw new UsageError(
      `Unknown command "${command}".`,
      "Run plan-portal --help for the commands.",
    );
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string })?.code?.startsWith("ERR_PARSE_ARGS")
    ) {
      const hint =
        error instanceof UsageError
          ? error.hint
          : "Run plan-portal <command> --help for the options.";
      process.stderr.write(`plan-portal: ${(error as Error).message}\n  Hint: ${hint}\n`);
      return 2;
    }
    if (error instanceof Error && typeof (error as { hint?: unknown }).hint === "string") {
      // Astro-style errors from the portal build (failOn findings, a missing specs folder): what and what to do.
      process.stderr.write(
        `plan-portal: ${error.message}\n  Hint: ${(error as unknown as { hint: string }).hint}\n`,
      );
      return 1;
    }
    process.stderr.write(
      `plan-portal: unexpected failure: ${(error as Error)?.message ?? String(error)}\n  Hint: this is a bug in plan-portal; please report it with the command you ran (PLAN_PORTAL_DEBUG=1 prints the stack).\n`,
    );
    if (process.env["PLAN_PORTAL_DEBUG"]) process.stderr.write(`${(error as Error)?.stack}\n`);
    return 2;
  }
}
