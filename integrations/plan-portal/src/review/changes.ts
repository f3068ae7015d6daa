import path from "node:path";
import type { CheckedPlan } from "../check/index.ts";
import { ChangedSinceNoRepository, ChangedSinceUnknownRef, catalogError } from "../errors.ts";
import type { GitRunner } from "../history/git.ts";
import { fromTop, type Reader } from "../history/read.ts";
import { openReader } from "../history/revisions.ts";
import { portalRules } from "../check/rules/index.ts";

/** What `--changed-since REF` compares with: the resolved commit, and the files changed since. */
export interface ChangeScope {
  ref: string;
  /** REF's commit. */
  base: string;
  reader: Reader;
  /** Changed files, from the repository's top: REF...HEAD, the working tree, untracked files. */
  files: string[];
}

const lines = (text: string) => text.split("\0").filter(Boolean);

/** Resolves REF and lists the files changed since it; usage errors name the flag and what to do. */
export function changeScope(ref: string, from: string, git?: GitRunner): ChangeScope {
  const reader = openReader(from, git);
  if (!reader) throw catalogError(ChangedSinceNoRepository, ref);
  const top = reader.repo.top;
  let base: string;
  try {
    base = reader
      .git(top, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])
      .trim();
  } catch (error) {
    throw catalogError(ChangedSinceUnknownRef, ref, "git rev-parse found no such commit");
  }
  const files = new Set([
    // Three dots: what HEAD's side changed since the merge base, as a pull request shows it.
    ...lines(reader.git(top, ["diff", "--name-only", "-z", "--no-renames", `${base}...HEAD`])),
    ...lines(reader.git(top, ["diff", "--name-only", "-z", "--no-renames", "HEAD"])),
    ...lines(reader.git(top, ["ls-files", "--others", "--exclude-standard", "-z"])),
  ]);
  return { ref, base, reader, files: [...files].sort() };
}

/** The plan's folder from the repository's top. */
export function folderFromTop(scope: ChangeScope, c: CheckedPlan, cwd: string): string {
  return fromTop(scope.reader.repo, path.resolve(cwd, path.dirname(c.plan.path)));
}

/** Changed files in each plan's folder, relative to the folder; plans without any are absent. */
export function changedPlans(
  plans: CheckedPlan[],
  scope: ChangeScope,
  cwd: string,
): Map<string, string[]> {
  const changed = new Map<string, string[]>();
  for (const c of plans) {
    const folder = folderFromTop(scope, c, cwd);
    const own = scope.files.filter((f) => f.startsWith(`${folder}/`));
    if (own.length)
      changed.set(
        c.plan.id,
        own.map((f) => f.slice(folder.length + 1)),
      );
  }
  return changed;
}

const PORTAL = new Set(portalRules.map((r) => r.id));

/**
 * The changed plans with all their findings, then the other plans with only the cross-plan
 * findings the changed ones cause: portal-rule findings whose message names a changed plan
 * (`… is also used by 004-x`, `… defined differently in 004-x`).
 */
export function reviewScope(
  plans: CheckedPlan[],
  changed: ReadonlyMap<string, string[]>,
): CheckedPlan[] {
  const names = plans
    .filter((c) => changed.has(c.plan.id))
    .flatMap((c) => [c.plan.id, c.plan.folder]);
  const mentions = (message: string) =>
    names.some((n) =>
      new RegExp(`(^|[^\\w-])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w-])`).test(message),
    );
  const result: CheckedPlan[] = [];
  for (const c of plans) {
    if (changed.has(c.plan.id)) result.push(c);
    else {
      const caused = c.findings.filter((f) => PORTAL.has(f.ruleId) && mentions(f.message));
      if (caused.length) result.push({ ...c, findings: caused });
    }
  }
  return result;
}
