import { citedKinds, matchesKey, planReferences } from "../feature.ts";
import type { PlanRule } from "../types.ts";

const NAMES = {
  FR: "functional requirement",
  NFR: "non-functional requirement",
  SC: "success criterion",
};

/**
 * Coverage by convention: a kind (FR, NFR, SC) is checked only when tasks.md's tasks cite ids of
 * that kind at all, since many teams map tasks to stories instead and never cite requirement ids.
 */
export default {
  id: "uncovered-requirement",
  scope: "feature",
  description:
    "Each requirement and success criterion in spec.md is cited by a task or by plan.md (when tasks.md cites ids of its kind).",
  severity: "warning",
  applies: ({ plan }) =>
    plan.feature.spec !== null && plan.feature.tasks !== null && citedKinds(plan).size > 0,
  check({ plan }, report) {
    const spec = plan.feature.spec!;
    const tasks = plan.feature.tasks!;
    const kinds = citedKinds(plan);
    const cited = new Set(
      [...tasks.references, ...planReferences(plan)].filter((r) => !r.foreign).map((r) => r.key),
    );
    const seen = new Set<string>();
    for (const req of spec.requirements) {
      const using = kinds.get(req.kind);
      if (using === undefined || seen.has(req.key)) continue;
      seen.add(req.key);
      if (matchesKey(cited, req.key)) continue;
      const total = tasks.tasks.length;
      report({
        file: spec.path,
        message: `${req.id} is not cited by any task in tasks.md or by plan.md.`,
        hint: `tasks.md cites ${req.kind} ids (${using} of ${total} tasks do), so every ${NAMES[req.kind]} is expected to be cited: add a task for it, cite it in the task that implements it, or drop it from the spec.`,
        line: req.line,
        column: req.column,
        endLine: req.line,
        endColumn: req.column + req.id.length,
        messageId: "uncovered",
        data: { id: req.id, kind: req.kind, convention: `tasks cite ${req.kind} ids` },
      });
    }
  },
} satisfies PlanRule;
