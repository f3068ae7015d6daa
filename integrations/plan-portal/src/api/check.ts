/**
 * `plan-portal/check`: the library façade, the pipeline stages for other tools. A room of its own
 * above every stage, so no stage imports it.
 */
export {
  runCheckPipeline,
  runPipeline,
  todayUtc,
  type CheckPipelineResult,
  type PipelineOptions,
  type PipelineResult,
} from "../pipeline.ts";
export type { CheckedProjection, PlanProjection } from "../check/projection.ts";
export {
  checkPlans,
  deriveStatus,
  allRules,
  type CheckedPlan,
  type PlanStatus,
} from "../check/index.ts";
export type { Finding, Severity, SeveritySetting } from "../check/types.ts";
export { parsePlan, type PlanSource } from "../parse/index.ts";
export type * from "../parse/types.ts";
