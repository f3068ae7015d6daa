import type { PlanRule } from "../types.ts";

export default {
  id: "duplicate-requirement-id",
  scope: "feature",
  description: "Each requirement and success criterion id is defined once in spec.md.",
  severity: "warning",
  applies: ({ plan }) => plan.feature.spec !== null,
  check({ plan }, report) {
    const spec = plan.feature.spec!;
    const first = new Map<string, number>();
    for (const req of spec.requirements) {
      // Ids as written (case aside): `FR-0010` beside `FR-010` is a typo, not the same id.
      const id = req.id.toUpperCase();
      const line = first.get(id);
      if (line === undefined) {
        first.set(id, req.line);
        continue;
      }
      report({
        file: spec.path,
        message: `${req.id} is defined again; line ${line} defines it first.`,
        hint: "Give this requirement its own id (tasks and plan.md cite requirements by id), or merge the two definitions.",
        line: req.line,
        column: req.column,
        endLine: req.line,
        endColumn: req.column + req.id.length,
        messageId: "duplicate",
        data: { id: req.id, firstLine: String(line) },
      });
    }
  },
} satisfies PlanRule;
