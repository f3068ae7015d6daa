import { readFileSync } from "node:fs";
import { CHECK_HELP, runCheck } from "./check.ts";
import { UsageError } from "./usage.ts";

const HELP = `Usage: plan-portal <command> [options]

Commands:
  check [dir ...]   Check plans for completeness (see plan-portal check --help)

Run plan-portal <command> --help for a command's options.
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** The CLI: returns the exit code; writes results to stdout and messages to stderr. Never throws. */
export function main(argv: string[], cwd = process.cwd()): number {
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
      const { stdout, exitCode } = runCheck(rest, cwd, version(), color);
      process.stdout.write(stdout);
      return exitCode;
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
      const hint = error instanceof UsageError ? error.hint : CHECK_HELP.split("\n")[0];
      process.stderr.write(`plan-portal: ${(error as Error).message}\n  Hint: ${hint}\n`);
      return 2;
    }
    process.stderr.write(
      `plan-portal: unexpected failure: ${(error as Error)?.message ?? String(error)}\n  Hint: this is a bug in plan-portal; please report it with the command you ran.\n`,
    );
    if (process.env["PLAN_PORTAL_DEBUG"]) process.stderr.write(`${(error as Error)?.stack}\n`);
    return 2;
  }
}
