import { storyKey } from "../../parse/requirement-ids.ts";
import type { Plan } from "../../parse/types.ts";
import { matchesKey } from "../feature.ts";
import type { PlanRule } from "../types.ts";

/**
 * `## Phase 3: User Story 1 - Export`, `## Phase 6: User Story 3 & 4`, `(US3+US4)`: the stories a
 * phase's tasks serve.
 */
const PHASE_STORIES =
  /\b(?:user\s+stor(?:y|ies)|stor(?:y|ies)|US)[-_ ]?((?:\d{1,3}[A-Za-z]?)(?:\s*(?:&|,|\+|\/|and)\s*(?:US[-_ ]?)?\d{1,3}[A-Za-z]?)*)(?![\w])/gi;

function phaseStories(title: string): string[] {
  return [...title.matchAll(PHASE_STORIES)].flatMap((m) =>
    [...m[1]!.matchAll(/\d{1,3}[A-Za-z]?/g)].map((n) => storyKey(n[0])),
  );
}

/** Story keys tasks.md's tasks serve: their `[USn]` labels and the story their phase names. */
function servedStories(plan: Plan): Set<string> {
  const served = new Set<string>();
  for (const task of plan.feature.tasks?.tasks ?? []) {
    for (const s of task.stories) served.add(s.key);
    for (const key of phaseStories(task.phase?.title ?? "")) served.add(key);
  }
  return served;
}

/**
 * Story coverage by convention, as for requirements: only when tasks.md labels tasks with stories
 * at all (one task in ten, or labels naming at least half of the spec's stories).
 */
function labelsStories(plan: Plan): boolean {
  const tasks = plan.feature.tasks?.tasks ?? [];
  const labelled = tasks.filter((t) => t.stories.length > 0).length;
  if (labelled === 0) return false;
  const stories = plan.feature.spec?.stories ?? [];
  const named = new Set(tasks.flatMap((t) => t.stories.map((s) => s.key)));
  const hit = stories.filter((s) => matchesKey(named, s.key)).length;
  return labelled * 10 >= tasks.length || hit * 2 >= stories.length;
}

export default {
  id: "story-without-task",
  scope: "feature",
  description:
    "Each user story in spec.md has at least one task in tasks.md (when tasks.md labels tasks with stories).",
  severity: "warning",
  applies: ({ plan }) =>
    plan.feature.spec !== null &&
    plan.feature.spec.stories.length > 0 &&
    plan.feature.tasks !== null &&
    plan.feature.tasks.coversFeatures.every((f) => plan.folder.toLowerCase().endsWith(f)) &&
    labelsStories(plan),
  check({ plan }, report) {
    const spec = plan.feature.spec!;
    const served = servedStories(plan);
    for (const story of spec.stories) {
      if (matchesKey(served, story.key)) continue;
      report({
        file: spec.path,
        message: `User Story ${story.number} (${story.title || story.key}) has no task in tasks.md.`,
        hint: `Add tasks labelled [${story.key}] (or a phase for the story), or drop the story from the spec if it is out of scope.`,
        line: story.line,
        column: story.column,
        messageId: "no-task",
        data: { story: story.key, title: story.title },
      });
    }
  },
} satisfies PlanRule;
