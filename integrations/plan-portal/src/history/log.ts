import type { HistoryCommit } from "./types.ts";

/** One file a commit touched, as `git log --name-status -M` prints it (paths from the top). */
export interface FileChange {
  /** A, M, D, R (renamed: `from` is the old path), T, C … */
  status: string;
  path: string;
  from?: string;
}

export interface RawCommit extends HistoryCommit {
  files: FileChange[];
}

const FIELD = "\x1f";

/** `git log` arguments for the commits touching `roots` (relative to the top), newest first. */
export function logArgs(range: string | null, roots: string[]): string[] {
  return [
    "log",
    `--format=%x00%H${FIELD}%aI${FIELD}%an${FIELD}%s`,
    "--name-status",
    "-M",
    ...(range ? [range] : []),
    "--",
    ...roots,
  ];
}

/** Parses `logArgs` output. Merge commits list no files (git prints no diff for them). */
export function parseLog(text: string): RawCommit[] {
  const commits: RawCommit[] = [];
  for (const block of text.split("\0").slice(1)) {
    const [head = "", ...rest] = block.split("\n");
    const [hash = "", date = "", author = "", subject = ""] = head.split(FIELD);
    const files: FileChange[] = [];
    for (const line of rest) {
      if (!line) continue;
      const [status = "", first = "", second] = line.split("\t");
      if (second !== undefined) files.push({ status: status[0]!, path: second, from: first });
      else files.push({ status: status[0]!, path: first });
    }
    commits.push({ hash, date, author, subject, files });
  }
  return commits;
}

/** The folder of `folders` that holds `file` (the deepest) and whose plan it is, else undefined. */
function folderOf(
  file: string,
  folders: ReadonlyMap<string, string>,
): { name: string; plan: string } | undefined {
  for (let i = file.lastIndexOf("/"); i > 0; i = file.lastIndexOf("/", i - 1)) {
    const name = file.slice(0, i);
    const plan = folders.get(name);
    if (plan !== undefined) return { name, plan };
  }
  return undefined;
}

/** A commit of a plan, and the name the plan's folder had in it (from the top). */
export interface FolderCommit {
  commit: HistoryCommit;
  folder: string;
}

/**
 * The commits of each plan folder (paths from the top), newest first. Walking back in time, a
 * commit that renamed a file into a plan's folder from another folder makes that old folder the
 * plan's too for older commits: one `git log -M` follows renames of whole folders, which
 * `git log --follow` (one file at a time) cannot.
 */
export function commitsPerFolder(
  commits: RawCommit[],
  planFolders: string[],
): Map<string, FolderCommit[]> {
  const names = new Map(planFolders.map((f) => [f, f]));
  const result = new Map(planFolders.map((f) => [f, [] as FolderCommit[]]));
  for (const commit of commits) {
    const touched = new Map<string, string>();
    for (const change of commit.files) {
      const hit = folderOf(change.path, names);
      if (hit === undefined) continue;
      touched.set(hit.plan, hit.name);
      if (change.status === "R" && change.from) followRename(change, hit.plan, names);
    }
    const { files: _files, ...bare } = commit;
    for (const [plan, folder] of touched) result.get(plan)!.push({ commit: bare, folder });
  }
  return result;
}

/** `old/x/plan.md` → `new/x/plan.md`: the old folder is the plan's before this commit. */
function followRename(change: FileChange, plan: string, names: Map<string, string>): void {
  const current = [...names].find(([name, p]) => p === plan && change.path.startsWith(`${name}/`));
  if (!current) return;
  const rest = change.path.slice(current[0].length);
  if (!change.from!.endsWith(rest)) return;
  const old = change.from!.slice(0, change.from!.length - rest.length);
  if (old && !names.has(old)) names.set(old, plan);
}

/** YYYY-MM-DD in UTC of an ISO date with offset. */
export function utcDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD), never negative. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.round(ms / 86_400_000));
}
