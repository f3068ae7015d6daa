import type { PlanRule } from "../types.ts";

export default {
  id: "duplicate-task-id",
  scope: "feature",
  description: "Each task id (T001 …) is used once in tasks.md.",
  severity: "warning",
  applies: ({ plan }) => plan.feature.tasks !== null,
  check({ plan }, report) {
    const tasks = plan.feature.tasks!;
    const first = new Map<string, number>();
    for (const task of tasks.tasks) {
      if (task.id === null) continue;
      const line = first.get(task.id);
      if (line === undefined) {
        first.set(task.id, task.line);
        continue;
      }
      report({
        file: tasks.path,
        message: `Task id ${task.id} is used again; line ${line} uses it first.`,
        hint: "Renumber one of the two tasks, so progress and references name one task each.",
        line: task.line,
        column: task.column,
        messageId: "duplicate",
        data: { id: task.id, firstLine: String(line) },
      });
    }
  },
} satisfies PlanRule;
