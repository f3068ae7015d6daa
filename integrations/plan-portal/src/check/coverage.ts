import type { Plan, RequirementKind } from "../parse/types.ts";
import {
  citedKinds,
  labelsStories,
  matchesKey,
  planReferences,
  servedStories,
  taskStories,
} from "./feature.ts";

/**
 * How far a feature's documents trace to each other (issue 17): what the JSON's `coverage`, the
 * CLI summary, plans.json, the index's coverage column and the traceability page show.
 */
export interface FeatureCoverage {
  /**
   * The conventions detected in tasks.md, as sentences: `tasks cite FR ids`, `tasks cite SC ids`,
   * `tasks cite US labels`. Empty when tasks.md cites neither ids nor story labels as a habit.
   */
  convention: string[];
  /**
   * Distinct requirement ids of spec.md cited by a task or by plan.md (sub-items matched with
   * their parent, as uncovered-requirement does). Counted over the kinds tasks cite by convention
   * (so `total - covered` is what uncovered-requirement reports); over every kind when tasks cite
   * none by convention.
   */
  requirements: { covered: number; total: number };
  /** spec.md's user stories that a task is labelled with (`[US2]`) or whose phase names them. */
  stories: { withTasks: number; total: number };
  /** tasks.md's tasks that cite a requirement id (not another feature's) or serve a story (label, phase). */
  tasks: { mapped: number; total: number };
}

const KIND_ORDER: RequirementKind[] = ["FR", "NFR", "SC"];

/** The feature's coverage, or null when it has neither spec.md nor tasks.md. */
export function featureCoverage(plan: Plan): FeatureCoverage | null {
  const { spec, tasks } = plan.feature;
  if (spec === null && tasks === null) return null;
  const kinds = citedKinds(plan);
  const convention = KIND_ORDER.filter((k) => kinds.has(k)).map((k) => `tasks cite ${k} ids`);
  if (labelsStories(plan)) convention.push("tasks cite US labels");
  return {
    convention,
    requirements: requirementCoverage(plan, new Set(kinds.keys())),
    stories: storyCoverage(plan),
    tasks: taskCoverage(plan),
  };
}

function requirementCoverage(
  plan: Plan,
  kinds: ReadonlySet<RequirementKind>,
): FeatureCoverage["requirements"] {
  const all = plan.feature.spec?.requirements ?? [];
  const counted = kinds.size === 0 ? all : all.filter((r) => kinds.has(r.kind));
  const refs = [...(plan.feature.tasks?.references ?? []), ...planReferences(plan)];
  const cited = new Set(refs.filter((r) => !r.foreign).map((r) => r.key));
  const keys = new Set(counted.map((r) => r.key));
  const covered = [...keys].filter((k) => matchesKey(cited, k)).length;
  return { covered, total: keys.size };
}

function storyCoverage(plan: Plan): FeatureCoverage["stories"] {
  const keys = new Set((plan.feature.spec?.stories ?? []).map((s) => s.key));
  const served = servedStories(plan);
  const withTasks = [...keys].filter((k) => matchesKey(served, k)).length;
  return { withTasks, total: keys.size };
}

function taskCoverage(plan: Plan): FeatureCoverage["tasks"] {
  const tasks = plan.feature.tasks?.tasks ?? [];
  const mapped = tasks.filter(
    (t) => t.requirements.some((r) => !r.foreign) || taskStories(t).length > 0,
  ).length;
  return { mapped, total: tasks.length };
}

/** The one number a table cell shows for a feature's coverage, and what it counts. */
export interface CoverageHeadline {
  measure: "requirements" | "stories";
  covered: number;
  total: number;
}

/**
 * What the feature's own convention traces: requirement ids when its tasks cite them, user
 * stories when its tasks only carry `[USn]` labels (there "0/12 requirements" would say nothing
 * about the work), requirements otherwise.
 */
export function coverageHeadline(c: FeatureCoverage): CoverageHeadline {
  const citesIds = c.convention.some((s) => s.endsWith(" ids"));
  if (!citesIds && c.convention.includes("tasks cite US labels") && c.stories.total > 0)
    return { measure: "stories", covered: c.stories.withTasks, total: c.stories.total };
  return { measure: "requirements", ...c.requirements };
}
