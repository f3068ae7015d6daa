import { labelsStories, matchesKey, servedStories } from "../feature.ts";
import type { PlanRule } from "../types.ts";

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
