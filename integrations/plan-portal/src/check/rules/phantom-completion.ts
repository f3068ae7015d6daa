import type { Task } from "../../parse/types.ts";
import type { PlanContext, PlanRule } from "../types.ts";

type NamedPath = Task["paths"][number];

/**
 * A path worth looking up: one with a folder part (`src/x.ts`, not a bare `user.py` that could
 * live anywhere), relative, inside the repository, and not a pattern or a template's placeholder
 * (`src/**\/*.ts`, `src/[feature]/x.ts`, `<name>.md`, `tests/XXX.test.ts`).
 */
function lookable(p: string): boolean {
  const bare = p.replace(/^\.\//, "");
  return (
    bare.includes("/") &&
    !/^(?:[a-z]:|[~/])/i.test(bare) &&
    !bare.split("/").includes("..") &&
    !/[*?[\]{}<>…]|\.{3}|\b(?:X{3,}|N{3,}|YYYY|feature-name|your-)/.test(bare)
  );
}

const lookablePaths = (task: Task): NamedPath[] => task.paths.filter((p) => lookable(p.path));

/**
 * A path into the specs themselves (`specs/003-x/contracts/api.yaml`) or Spec Kit's own folder
 * (`.specify/memory/constitution.md`) exists wherever the specs are, so it says nothing about
 * where the code is.
 */
const isDocument = (p: string): boolean => /(?:^|\/)(?:specs|\.specify)\//.test(p);

/**
 * The rule runs where the feature's code lives in the checked repository: at least one file of
 * code (not a document, not a folder) any task names exists there. Specs describing code kept
 * elsewhere (or a fictional product) name only missing files, and are skipped rather than flagged
 * task by task. Folders don't count: `src/` and `tests/` exist in most repositories, whoever's
 * code they hold.
 */
function codeIsHere({ plan, existsInRepository }: PlanContext): boolean {
  const tasks = plan.feature.tasks?.tasks ?? [];
  return tasks.some((t) =>
    lookablePaths(t).some(
      (p) => !p.path.endsWith("/") && !isDocument(p.path) && existsInRepository(p.path),
    ),
  );
}

export default {
  id: "phantom-completion",
  scope: "feature",
  description:
    "A task marked done in tasks.md names only files that exist in the repository (when the feature's code lives there).",
  severity: "warning",
  applies: (ctx) => ctx.plan.feature.tasks !== null && codeIsHere(ctx),
  check({ plan, existsInRepository }, report) {
    const tasks = plan.feature.tasks!;
    for (const task of tasks.tasks) {
      if (!task.done) continue;
      const seen = new Set<string>();
      for (const p of lookablePaths(task)) {
        const path = p.path.replace(/^\.\//, "").replace(/\/$/, "");
        if (seen.has(path) || existsInRepository(path)) continue;
        seen.add(path);
        report({
          file: tasks.path,
          message: `${task.id ?? "This task"} is marked done, but ${p.path} does not exist in the repository.`,
          hint: "Create the file, correct the path in the task (it is looked up from the repository root), or reopen the task ([ ]) if the work is not done.",
          line: p.line,
          column: p.column,
          endLine: p.line,
          endColumn: p.column + p.path.length,
          messageId: "missing-file",
          data: { task: task.id ?? "", path: p.path },
        });
      }
    }
  },
} satisfies PlanRule;
