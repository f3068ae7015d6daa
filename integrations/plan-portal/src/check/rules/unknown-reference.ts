import { matchesKey } from "../feature.ts";
import type { Plan } from "../../parse/types.ts";
import type { PlanRule, Report } from "../types.ts";

/**
 * A task citing an id the spec does not define: a requirement renumbered or dropped, a typo, a
 * story label for a story that is not there. Only kinds the spec defines at least once are checked
 * (a spec without stories says nothing about `[US3]`); ids cited through a range (`FR-001 through
 * FR-009`) or as another spec's (`FR-011 of 003 spec`) are not this spec's to define.
 */
export default {
  id: "unknown-reference",
  scope: "feature",
  description:
    "Tasks cite only requirement ids (FR/SC) and story labels (USn) that spec.md defines.",
  severity: "warning",
  applies: ({ plan }) =>
    plan.feature.spec !== null &&
    plan.feature.tasks !== null &&
    // Tasks written against another feature's spec (retroactive tests for 001-core) cite its ids.
    plan.feature.tasks.coversFeatures.every((f) => plan.folder.toLowerCase().endsWith(f)),
  check({ plan }, report) {
    unknownRequirements(plan, report);
    unknownStories(plan, report);
  },
} satisfies PlanRule;

function unknownRequirements(plan: Plan, report: (r: Report) => void): void {
  const spec = plan.feature.spec!;
  const tasks = plan.feature.tasks!;
  const defined = new Set(spec.requirements.map((r) => r.key));
  const kinds = new Set(spec.requirements.map((r) => r.kind));
  for (const task of tasks.tasks) {
    const once = new Set<string>();
    for (const ref of task.requirements) {
      if (ref.range || ref.foreign || !kinds.has(ref.kind) || once.has(ref.key)) continue;
      once.add(ref.key);
      if (matchesKey(defined, ref.key)) continue;
      report({
        file: tasks.path,
        message: `${task.id ?? "This task"} cites ${ref.id}, which spec.md does not define.`,
        hint: "Cite the requirement by the id spec.md gives it, or add the requirement to spec.md.",
        line: ref.line,
        column: ref.column,
        endLine: ref.line,
        endColumn: ref.column + ref.id.length,
        messageId: "unknown-requirement",
        data: { task: task.id ?? "", id: ref.id },
      });
    }
  }
}

function unknownStories(plan: Plan, report: (r: Report) => void): void {
  const spec = plan.feature.spec!;
  const tasks = plan.feature.tasks!;
  if (spec.stories.length === 0) return;
  const defined = new Set(spec.stories.map((s) => s.key));
  for (const task of tasks.tasks) {
    for (const label of task.stories) {
      if (matchesKey(defined, label.key)) continue;
      report({
        file: tasks.path,
        message: `${task.id ?? "This task"} is labelled ${label.label}, but spec.md has no User Story ${label.key.slice(2)}.`,
        hint: `spec.md's stories are ${spec.stories.map((s) => s.key).join(", ")}: label the task with one of them, or add the story to spec.md.`,
        line: label.line,
        column: label.column,
        endLine: label.line,
        endColumn: label.column + label.label.length,
        messageId: "unknown-story",
        data: { task: task.id ?? "", label: label.label },
      });
    }
  }
}
