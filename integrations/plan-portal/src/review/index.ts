import type { CheckedPlan } from "../check/index.ts";
import { planChange, type PlanChange } from "../history/diff.ts";
import { planAt } from "../history/revisions.ts";
import type { ParseOptions } from "../parse/index.ts";
import {
  baselineOf,
  compareBaseline,
  lineSource,
  writeBaseline,
  type Baseline,
  type BaselineEntry,
} from "./baseline.ts";
import { changedPlans, reviewScope, type ChangeScope } from "./changes.ts";

export { changeScope, type ChangeScope } from "./changes.ts";
export { readBaseline, type Baseline, type BaselineEntry } from "./baseline.ts";

/**
 * Review of plan changes for a pull request, after check: which plans changed since a ref, which
 * findings are new against an accepted baseline. The CLI parses the flags; this room decides.
 */
export interface ReviewInput {
  changedSince: string | undefined;
  baseline: Baseline | undefined;
  writeBaseline: string | undefined;
}

/** What the summary says beyond the report: what changed in each plan and against what. */
export interface ReviewContext {
  /** `--changed-since` REF, or null (every plan). */
  ref: string | null;
  /** Per plan id: changed files (relative to the plan's folder) and the model-level change. */
  changes: ReadonlyMap<string, { files: string[]; change: PlanChange | null }>;
  /** Baseline entries nothing matched (null: no `--baseline`). */
  fixed: BaselineEntry[] | null;
}

export interface Reviewed {
  plans: CheckedPlan[];
  context: ReviewContext;
  /** Set when `--write-baseline` wrote the file: how many findings it holds. */
  written: number | null;
}

/**
 * The plans a pull request review reports: with `--changed-since`, the changed plans and the
 * cross-plan findings they cause (and what changed in each, against REF); with `--baseline`,
 * only findings the baseline does not hold. `--write-baseline` writes what was found (before any
 * baseline is applied).
 */
export function reviewPlans(
  plans: CheckedPlan[],
  request: ReviewInput,
  scope: ChangeScope | null,
  cwd: string,
  parse: ParseOptions,
): Reviewed {
  const changed = scope ? changedPlans(plans, scope, cwd) : null;
  const inScope = changed ? reviewScope(plans, changed) : plans;
  const lines = lineSource(cwd);
  let written: number | null = null;
  if (request.writeBaseline !== undefined) {
    const baseline = baselineOf(inScope, lines);
    writeBaseline(request.writeBaseline, cwd, baseline);
    written = baseline.findings.length;
  }
  const ids = changed ? new Set(changed.keys()) : undefined;
  const compared = request.baseline
    ? compareBaseline(inScope, request.baseline, lines, ids)
    : { plans: inScope, fixed: null };
  const changes = new Map<
    string,
    { files: string[]; change: ReturnType<typeof planChange> | null }
  >();
  for (const c of inScope) {
    const files = changed?.get(c.plan.id);
    if (!files || !scope) continue;
    const before = planAt(scope.reader, scope.base, c.plan, cwd, parse);
    changes.set(c.plan.id, { files, change: planChange(before, c.plan) });
  }
  return {
    plans: compared.plans,
    context: { ref: request.changedSince ?? null, changes, fixed: compared.fixed },
    written,
  };
}
