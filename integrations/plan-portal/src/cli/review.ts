import { catalogError, StaleDaysNotANumber } from "../errors.ts";
import { changeScope, readBaseline, type ChangeScope, type ReviewInput } from "../review/index.ts";

/** The pull-request options of `check`, checked before anything runs. */
export interface ReviewRequest extends ReviewInput {
  baselineFile: string | undefined;
  /** Read git history (`--history`, implied by `--changed-since`). */
  history: boolean;
  staleDays: number | undefined;
}

export function staleDaysOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) throw catalogError(StaleDaysNotANumber, value);
  return days;
}

export function reviewRequest(
  values: {
    "changed-since"?: string | undefined;
    baseline?: string | undefined;
    "write-baseline"?: string | undefined;
    history?: boolean | undefined;
    "stale-days"?: string | undefined;
  },
  cwd: string,
): ReviewRequest {
  const baselineFile = values.baseline;
  return {
    changedSince: values["changed-since"],
    baseline: baselineFile === undefined ? undefined : readBaseline(baselineFile, cwd),
    baselineFile,
    writeBaseline: values["write-baseline"],
    history: Boolean(values.history) || values["changed-since"] !== undefined,
    staleDays: staleDaysOption(values["stale-days"]),
  };
}

/** Fails early (exit 2) on an unknown REF, before the pipeline runs. */
export function reviewScopeOf(request: ReviewRequest, from: string): ChangeScope | null {
  return request.changedSince === undefined ? null : changeScope(request.changedSince, from);
}

export { reviewPlans, type ReviewContext } from "../review/index.ts";
