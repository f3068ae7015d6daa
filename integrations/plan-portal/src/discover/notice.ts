import { describeError, type ErrorData } from "../errors.ts";
import type { DiscoveryNotice, ReadProblem } from "./types.ts";

/** A notice about `path` from the error catalogue: the entry's name as `code`, its message and hint. */
export function catalogNotice<E extends ErrorData>(
  entry: E,
  path: string,
  ...details: Parameters<E["message"]>
): DiscoveryNotice {
  return { code: entry.name, path, ...describeError(entry, ...details) };
}

/** A read problem at `at` in plan.md from the error catalogue (see catalogNotice). */
export function catalogProblem<E extends ErrorData>(
  entry: E,
  at: { line: number; column: number },
  ...details: Parameters<E["message"]>
): ReadProblem {
  return {
    code: entry.name,
    ...describeError(entry, ...details),
    line: at.line,
    column: at.column,
  };
}
