import type { CheckedPlan } from "../check/index.ts";
import type { Task } from "../parse/types.ts";
import { dependencyStatusOf } from "../vocabulary.ts";

/**
 * Where each feature stands in Spec Kit's flow, and which of its open tasks can start now.
 * Deterministic: read only from which files exist, what they say, and task check marks (the
 * derivation is documented in docs/pipeline.md and on the Pipeline page).
 */

export const FEATURE_STAGES = [
  "specified",
  "clarified",
  "planned",
  "tasked",
  "implementing",
  "done",
] as const;
export type FeatureStage = (typeof FEATURE_STAGES)[number];

export const FEATURE_STAGE_LABELS: Record<FeatureStage, string> = {
  specified: "Specified",
  clarified: "Clarified",
  planned: "Planned",
  tasked: "Tasked",
  implementing: "Implementing",
  done: "Done",
};

/** Why a feature sits at its stage, in one sentence of the page. */
export const FEATURE_STAGE_RULES: Record<FeatureStage, string> = {
  done: "tasks.md has tasks and every one is checked (or marked skipped).",
  implementing: "tasks.md has at least one checked task and at least one open.",
  tasked: "tasks.md has tasks, none checked yet.",
  planned: "No tasks yet; plan.md is complete enough to be ready (or only blocked).",
  clarified: "No tasks, plan.md still a draft or unclear; spec.md has no open NEEDS CLARIFICATION.",
  specified: "Anything earlier: spec.md still has NEEDS CLARIFICATION markers, or there is none.",
};

/** Tasks still to do: neither checked nor skipped. */
export function isOpen(task: Task): boolean {
  return !task.done && !task.skipped;
}

/** The furthest stage the feature's files show (see FEATURE_STAGE_RULES, checked in order). */
export function featureStage(c: CheckedPlan): FeatureStage {
  const tasks = c.plan.feature.tasks?.tasks ?? [];
  if (tasks.length > 0) {
    const open = tasks.filter(isOpen).length;
    if (open === 0) return "done";
    return tasks.some((t) => t.done) ? "implementing" : "tasked";
  }
  if (c.status === "ready" || c.status === "blocked") return "planned";
  const spec = c.plan.feature.spec;
  return spec && spec.needsClarification.length === 0 ? "clarified" : "specified";
}

export type BlockedReason = "blocker" | "earlier-phase";

export interface TaskReadiness {
  /** Open tasks that can start now. */
  ready: Task[];
  /** Open tasks that wait, each with why. */
  blocked: { task: Task; reason: BlockedReason }[];
  /** The plan's dependencies whose status says Blocked (what `blocker` refers to). */
  blockers: string[];
  /** Title of the first phase (in tasks.md order) with open tasks: later phases wait for it. */
  currentPhase: string | null;
}

/**
 * Ready or blocked, for every open task: all are blocked while plan.md lists a dependency whose
 * status is Blocked; otherwise the tasks of the first phase that has open tasks are ready and the
 * open tasks of every later phase wait for it. Tasks above the first phase heading form a phase
 * of their own. Order inside a phase is not a dependency (Spec Kit marks parallel work `[P]` but
 * never says which sequential task waits for which).
 */
export function taskReadiness(c: CheckedPlan): TaskReadiness {
  const tasks = c.plan.feature.tasks?.tasks ?? [];
  const blockers = c.plan.dependencies
    .filter((d) => dependencyStatusOf(d.status) === "blocked")
    .map((d) => d.text);
  const open = tasks.filter(isOpen);
  const phaseKey = (t: Task) => t.phase?.line ?? 0;
  const current = open[0] ? phaseKey(open[0]) : null;
  const ready: Task[] = [];
  const blocked: TaskReadiness["blocked"] = [];
  for (const task of open) {
    if (blockers.length > 0) blocked.push({ task, reason: "blocker" });
    else if (phaseKey(task) !== current) blocked.push({ task, reason: "earlier-phase" });
    else ready.push(task);
  }
  return {
    ready,
    blocked,
    blockers,
    currentPhase: open[0]?.phase?.title ?? null,
  };
}

export interface FeatureRow {
  planId: string;
  title: string;
  stage: FeatureStage;
  tasks: { done: number; total: number };
  ready: number;
  blocked: number;
  blockers: string[];
  currentPhase: string | null;
  /** First ready task ids (up to three), for the row. */
  next: string[];
}

export interface PipelineBoard {
  counts: Record<FeatureStage, number>;
  /** One row per feature, in the plans' order. */
  features: FeatureRow[];
  /** Open tasks across the portal. */
  ready: number;
  blocked: number;
}

function featureRow(c: CheckedPlan): FeatureRow {
  const tasks = c.plan.feature.tasks?.tasks ?? [];
  const readiness = taskReadiness(c);
  return {
    planId: c.plan.id,
    title: c.plan.title,
    stage: featureStage(c),
    tasks: { done: tasks.filter((t) => t.done).length, total: tasks.length },
    ready: readiness.ready.length,
    blocked: readiness.blocked.length,
    blockers: readiness.blockers,
    currentPhase: readiness.currentPhase,
    next: readiness.ready.slice(0, 3).map((t) => t.id ?? `line ${t.line}`),
  };
}

/** Every feature's stage and ready/blocked tasks, with the counts the dashboard leads with. */
export function pipelineBoard(plans: readonly CheckedPlan[]): PipelineBoard {
  const counts = Object.fromEntries(FEATURE_STAGES.map((s) => [s, 0])) as Record<
    FeatureStage,
    number
  >;
  const features = plans.map(featureRow);
  let ready = 0;
  let blocked = 0;
  for (const f of features) {
    counts[f.stage]++;
    ready += f.ready;
    blocked += f.blocked;
  }
  return { counts, features, ready, blocked };
}
