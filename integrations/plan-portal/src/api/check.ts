/** `plan-portal/check`: the pipeline stages for other tools. */
export { runPipeline, todayUtc, type PipelineOptions, type PipelineResult } from "../pipeline.ts";
export { checkPlans, deriveStatus, allRules, type CheckedPlan, type PlanStatus } from "./index.ts";
export type { Finding, Severity, SeveritySetting } from "./types.ts";
export { parsePlan, type PlanSource } from "../parse/index.ts";
export type * from "../parse/types.ts";
