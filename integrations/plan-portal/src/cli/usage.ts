import { parseDate } from "../check/dates.ts";

/** A mistake in how the command was called (exit 2): what happened, and what to do. */
export class UsageError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
}

/** `--today`, as `check`, `build` and `dev` take it: a real date written YYYY-MM-DD. */
export function checkTodayOption(today: string): string {
  if (parseDate(today) !== today) {
    throw new UsageError(
      `--today takes a date as YYYY-MM-DD, not "${today}".`,
      "For example: --today 2026-11-25",
    );
  }
  return today;
}
