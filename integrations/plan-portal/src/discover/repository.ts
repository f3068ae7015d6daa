import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Where the paths tasks.md names are looked up (phantom-completion): the plan's repository root,
 * the nearest folder at or above the plan's folder holding `.git` (a folder, or a file in a
 * worktree or submodule), else the current directory; and the folder holding the plan's specs
 * root (`apps/web/` for `apps/web/specs/`), where a monorepo package's tasks name their files.
 * One stat per distinct folder and path per run, so a corpus of features costs little.
 */
export interface RepositoryFiles {
  /** Whether `relative` (a task's path, `/`-separated) exists under one of the plan's bases. */
  exists(planPath: string, relative: string): boolean;
}

export function repositoryFiles(cwd: string, roots: readonly string[]): RepositoryFiles {
  const stats = new Map<string, boolean>();
  const stat = (p: string): boolean => {
    let hit = stats.get(p);
    if (hit === undefined) stats.set(p, (hit = existsSync(p)));
    return hit;
  };
  const repoRoots = new Map<string, string>();
  const repositoryRoot = (dir: string): string => {
    const known = repoRoots.get(dir);
    if (known !== undefined) return known;
    const parent = path.dirname(dir);
    const found = stat(path.join(dir, ".git"))
      ? dir
      : parent === dir
        ? cwd
        : repositoryRoot(parent);
    repoRoots.set(dir, found);
    return found;
  };
  const absRoots = roots.map((r) => path.resolve(cwd, r));
  // Each plan asks once per path its tasks name: its bases are worked out once.
  const basesByPlan = new Map<string, string[]>();
  const basesOf = (planPath: string): string[] => {
    let known = basesByPlan.get(planPath);
    if (known) return known;
    const planDir = path.resolve(cwd, path.dirname(planPath));
    const specsRoot = absRoots.find((r) => planDir === r || planDir.startsWith(r + path.sep));
    const bases = new Set([repositoryRoot(planDir)]);
    if (specsRoot !== undefined) bases.add(path.dirname(specsRoot));
    basesByPlan.set(planPath, (known = [...bases]));
    return known;
  };
  return {
    exists(planPath, relative) {
      return basesOf(planPath).some((base) => stat(path.resolve(base, relative)));
    },
  };
}
