import { parseDate } from "../check/dates.ts";
import { catalogError, TodayNotADate } from "../errors.ts";

/** `--today`, as `check`, `build` and `dev` take it: a real date written YYYY-MM-DD. */
export function checkTodayOption(today: string): string {
  if (parseDate(today) !== today) throw catalogError(TodayNotADate, today);
  return today;
}
