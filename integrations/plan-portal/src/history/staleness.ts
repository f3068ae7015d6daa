import type { Plan } from "../parse/types.ts";
import type { HistoryCommit, PlanHistory } from "./types.ts";

/** Code paths named by each plan (its tasks' file paths, its component table's locations). */
export interface CodePaths {
  byPlan: Map<Plan, string[]>;
  /** Every path once, for one `git log` over all of them. */
  all: string[];
}

/** A path a plan names (read from the repository's top), or null when it is not a plain relative path. */
function cleanPath(raw: string): string | null {
  const p = raw.trim().replace(/^\.\//, "").replace(/\/+$/, "");
  if (!p || /[\s*?[\]{}<>|`]/.test(p) || p.startsWith("/") || p.split("/").includes(".."))
    return null;
  if (!/[/.]/.test(p)) return null; // a bare word (`Core`) is a name, not a path
  return p;
}

/**
 * Paths are read as written from the repository's top, where tasks.md and component tables
 * write `src/…` (wherever the build runs from).
 */
export function codePaths(plans: Plan[]): CodePaths {
  const byPlan = new Map<Plan, string[]>();
  const all = new Set<string>();
  for (const plan of plans) {
    const raw = [
      ...(plan.feature.tasks?.tasks ?? []).flatMap((t) => t.paths.map((p) => p.path)),
      ...plan.components.map((c) => c.location),
    ];
    const clean = [...new Set(raw.map(cleanPath).filter((p) => p !== null))];
    byPlan.set(plan, clean);
    for (const p of clean) all.add(p);
  }
  return { byPlan, all: [...all].sort() };
}

/** The newest commit after the plan's last change that touched one of its code paths. */
export function codeChangeAfter(
  codeLog: { hash: string; date: string; files: string[] }[],
  code: CodePaths,
  plan: Plan,
  last: HistoryCommit,
): PlanHistory["codeChangedAfter"] {
  const own = code.byPlan.get(plan) ?? [];
  if (own.length === 0) return null;
  const after = Date.parse(last.date);
  for (const commit of codeLog) {
    if (Date.parse(commit.date) <= after) break;
    const hit = commit.files.find((f) => own.some((p) => f === p || f.startsWith(`${p}/`)));
    if (hit) return { path: hit, commit: commit.hash, date: commit.date.slice(0, 10) };
  }
  return null;
}
