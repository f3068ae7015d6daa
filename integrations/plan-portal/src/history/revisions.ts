import path from "node:path";
import { parsePlan, type ParseOptions } from "../parse/index.ts";
import type { PlanSource } from "../discover/types.ts";
import type { Plan } from "../parse/types.ts";
import { findRepository, readHead, spawnGit, type GitRunner } from "./git.ts";
import { fromTop, historyCache, type Reader } from "./read.ts";

/** A reader for the repository `from` is in (null outside git or without commits). */
export function openReader(
  from: string,
  git: GitRunner = spawnGit,
  cacheRoot?: string,
): Reader | null {
  const repo = findRepository(from);
  const head = repo ? readHead(repo) : null;
  if (!repo || !head) return null;
  return { repo, head, git, cache: historyCache(cacheRoot) };
}

/** The text of `file` (from the top) at `rev`, or null when it did not exist there. */
export function textAt(reader: Reader, rev: string, file: string): string | null {
  try {
    return reader.git(reader.repo.top, ["show", `${rev}:${file}`]);
  } catch {
    return null; // not in that revision
  }
}

/**
 * The plan as it was at `rev` (plan.md, spec.md and tasks.md of its folder then), parsed like
 * today's; null when its plan.md did not exist there. `source`: today's plan (where it lives).
 */
export function planAt(
  reader: Reader,
  rev: string,
  source: Plan,
  cwd: string,
  options: ParseOptions,
): Plan | null {
  const folder = fromTop(reader.repo, path.resolve(cwd, path.dirname(source.path)));
  const text = textAt(reader, rev, `${folder}/plan.md`);
  if (text === null) return null;
  const input: PlanSource = {
    id: source.id,
    folder: source.folder,
    number: source.number,
    path: source.path,
    group: source.group,
    text,
    problems: [],
    siblings: source.siblings,
    tasksText: textAt(reader, rev, `${folder}/tasks.md`),
  };
  return parsePlan({ ...input, specText: textAt(reader, rev, `${folder}/spec.md`) }, options);
}
