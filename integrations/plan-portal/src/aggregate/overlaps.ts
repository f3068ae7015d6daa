import type { CheckedPlan } from "../check/index.ts";

/**
 * File overlap (issue 17, spec-kit #2238 "do tasks from different features touch the same
 * files?"): every path that tasks of two or more features name, with each of those tasks. Paths
 * are compared as written after trimming `./` and a trailing `/`, so `src/a.ts` and `./src/a.ts`
 * are one file; a directory and a file inside it are not (a task naming a folder says little
 * about which file it changes).
 */

export interface OverlapTask {
  planId: string;
  planTitle: string;
  /** `T013`, or `line 40` for a task without an id. */
  taskId: string;
  /** Line of the task in tasks.md. */
  line: number;
  done: boolean;
  /** Title of the phase heading it sits under, or null. */
  phase: string | null;
}

export interface FileOverlap {
  path: string;
  /** How many features name it (at least two). */
  features: number;
  /** Each task naming it, by feature in the plans' order, then by line. */
  tasks: OverlapTask[];
  /** Tasks naming it that are still open: an overlap that can still conflict. */
  open: number;
}

export function normalisePath(path: string): string {
  return path
    .trim()
    .replace(/^(\.\/)+/, "")
    .replace(/\/+$/, "");
}

/** Paths named by tasks of two or more features; most features first, then by path. */
export function fileOverlaps(plans: readonly CheckedPlan[]): FileOverlap[] {
  const byPath = new Map<string, OverlapTask[]>();
  for (const c of plans) {
    for (const task of c.plan.feature.tasks?.tasks ?? []) {
      const named = new Set(task.paths.map((p) => normalisePath(p.path)).filter(Boolean));
      for (const path of named) {
        const list = byPath.get(path) ?? [];
        list.push({
          planId: c.plan.id,
          planTitle: c.plan.title,
          taskId: task.id ?? `line ${task.line}`,
          line: task.line,
          done: task.done,
          phase: task.phase?.title ?? null,
        });
        byPath.set(path, list);
      }
    }
  }
  const out: FileOverlap[] = [];
  for (const [path, tasks] of byPath) {
    const features = new Set(tasks.map((t) => t.planId)).size;
    if (features < 2) continue;
    out.push({ path, features, tasks, open: tasks.filter((t) => !t.done).length });
  }
  return out.sort((a, b) => b.features - a.features || (a.path < b.path ? -1 : 1));
}
