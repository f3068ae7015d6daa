import type { Plan } from "../parse/types.ts";
import type { TemplateName } from "../template/profile.ts";
import { featureCoverage, type FeatureCoverage } from "./coverage.ts";
import { silencerFor, silencerOf } from "./disables.ts";
import {
  checkOwnRules,
  finishPlan,
  runPortalRules,
  type CheckedPlan,
  type CheckSettings,
  type PlanPart,
  type StatusFacts,
} from "./index.ts";
import type { Finding, PortalFacts, SeveritySetting } from "./types.ts";

/**
 * What check's output (the JSON contract, and stylish, SARIF and markdown made from it) and the
 * portal rules read of one plan: the parsed model without its text, sections and feature
 * documents. A check worker returns this instead of the model (issue 19: 5,000 full models held
 * at once were ~1 GB).
 */
export type PlanProjection = PortalFacts &
  StatusFacts &
  Pick<
    Plan,
    | "group"
    | "repository"
    | "title"
    | "header"
    | "progress"
    | "resolvedClarifications"
    | "risks"
    | "disables"
    | "lineCount"
  >;

/** One plan after its own rules ran where it was parsed; the portal rules come later. */
export interface ProjectedPlan {
  plan: PlanProjection;
  part: PlanPart;
  coverage: FeatureCoverage | null;
}

/** A checked plan as the report reads it (`CheckedPlan` with the projection for the model). */
export interface CheckedProjection extends Omit<CheckedPlan, "plan"> {
  plan: PlanProjection;
  coverage: FeatureCoverage | null;
}

/** Copies the fields the projection keeps, so nothing else of the model stays reachable. */
export function projectionOf(plan: Plan): PlanProjection {
  return {
    id: plan.id,
    folder: plan.folder,
    number: plan.number,
    path: plan.path,
    group: plan.group,
    ...(plan.repository ? { repository: plan.repository } : {}),
    title: plan.title,
    header: plan.header,
    progress: plan.progress,
    questions: plan.questions,
    needsClarification: plan.needsClarification,
    resolvedClarifications: plan.resolvedClarifications,
    risks: plan.risks,
    dependencies: plan.dependencies,
    errorCodes: plan.errorCodes,
    endpoints: plan.endpoints,
    disables: plan.disables,
    lineCount: plan.lineCount,
  };
}

/** The plan rules on one plan, as a worker runs them. */
export function projectPlan(
  plan: Plan,
  settings: CheckSettings,
  rules: ReadonlyMap<string, SeveritySetting>,
): ProjectedPlan {
  const part = checkOwnRules(plan, silencerFor(plan), settings, rules);
  return { plan: projectionOf(plan), part, coverage: featureCoverage(plan) };
}

/** A plan checked in process, as the report reads it. */
export function toProjection(checked: CheckedPlan): CheckedProjection {
  const { plan, template, findings, score, status } = checked;
  return {
    plan: projectionOf(plan),
    template,
    findings,
    score,
    status,
    coverage: featureCoverage(plan),
  };
}

/**
 * Whether a plan's disable comments silence one of its portal findings. Then `unused-disable`,
 * which ran in the worker before the portal rules, may have called that comment unused.
 */
function portalSilenced(plan: PlanProjection, found: Map<string, Finding[]>): boolean {
  const silencer = silencerOf([
    { file: undefined, comments: plan.disables, lineCount: plan.lineCount },
  ]);
  // A finding in another file could be silenced by that file's comments, which are not kept.
  return [...found.values()].some((list) =>
    list.some((f) => f.file !== undefined || silencer.silences(f.line, f.ruleId)),
  );
}

/**
 * The portal rules across the projected plans, then each plan's findings, score and status:
 * the same as `checkPlans` on the full models. The rare plan whose disable comments silence a
 * portal finding is checked again in process (`reload` gives its model), in the order
 * `checkPlans` runs things.
 */
export async function checkProjected(
  projected: readonly ProjectedPlan[],
  settings: CheckSettings,
  rules: ReadonlyMap<string, SeveritySetting>,
  reload: (index: number) => Promise<Plan>,
): Promise<CheckedProjection[]> {
  const plans = projected.map((p) => p.plan);
  const portal = runPortalRules(plans, settings, () => false);
  const out: CheckedProjection[] = [];
  for (const [index, { plan, part, coverage }] of projected.entries()) {
    const found = portal.get(plan);
    if (found && portalSilenced(plan, found)) {
      out.push(recheck(await reload(index), found, settings, rules));
      continue;
    }
    const template: TemplateName = part.template;
    out.push({ plan, template, ...finishPlan(plan, part, found, settings), coverage });
  }
  return out;
}

/** `checkPlans` on one full plan, given its portal findings before disable comments applied. */
function recheck(
  full: Plan,
  found: Map<string, Finding[]>,
  settings: CheckSettings,
  rules: ReadonlyMap<string, SeveritySetting>,
): CheckedProjection {
  const silencer = silencerFor(full);
  const kept = new Map<string, Finding[]>();
  for (const [ruleId, list] of found)
    kept.set(
      ruleId,
      list.filter((f) => !silencer.silences(f.line, ruleId, f.file)),
    );
  const part = checkOwnRules(full, silencer, settings, rules);
  const finished = finishPlan(full, part, kept, settings);
  return {
    plan: projectionOf(full),
    template: part.template,
    ...finished,
    coverage: featureCoverage(full),
  };
}
