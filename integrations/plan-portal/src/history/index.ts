import { readFileSync } from "node:fs";
import path from "node:path";
import { catalogNotice } from "../discover/notice.ts";
import type { DiscoveryNotice } from "../discover/types.ts";
import {
  HistoryGitFailed,
  HistoryGitMissing,
  HistoryNotARepository,
  HistoryShallowClone,
} from "../errors.ts";
import type { ParseOptions } from "../parse/index.ts";
import type { Plan } from "../parse/types.ts";
import { readChangelog } from "./changelog.ts";
import {
  findRepository,
  GitMissing,
  isShallow,
  readHead,
  spawnGit,
  type GitRunner,
  type Repository,
} from "./git.ts";
import { commitsPerFolder, type RawCommit } from "./log.ts";
import { fromTop, historyCache, readCodeLog, readLog, type Reader } from "./read.ts";
import { codeChangeAfter, codePaths } from "./staleness.ts";
import { lineAges, type AgedItem } from "./ages.ts";
import type { HistoryCommit, PlanHistory } from "./types.ts";

export type * from "./types.ts";
export { daysBetween, utcDay } from "./log.ts";

export interface HistoryOptions {
  /** Where `Plan.path` is relative to. */
  cwd: string;
  /** Specs roots, absolute. */
  roots: string[];
  /** YYYY-MM-DD that ages are counted to (injected, so builds and tests are reproducible). */
  today: string;
  /**
   * `"auto"`: read history when the specs are in a git repository, silently none when not;
   * `true`: also say so when they are not. A missing git or a shallow clone is said either way.
   */
  mode?: "auto" | true;
  /** Default: spawn the `git` binary. */
  git?: GitRunner;
  /** Cache root (default: plan-portal's cache folder). */
  cacheRoot?: string;
  /** How plans are parsed: given, older revisions are parsed for each plan's changelog. */
  parse?: ParseOptions;
}

export interface HistoryResult {
  /** Per plan, by `Plan.path`; empty when there is no history. */
  byPlan: Map<string, PlanHistory>;
  notices: DiscoveryNotice[];
  /** The commit read (the first repository's, when history was read there), or null. */
  head: string | null;
  /** git processes started: 0 on a rebuild at the same HEAD with unchanged plans. */
  spawns: number;
}

/** The specs roots in one repository, and the plans below them. */
interface RepositoryGroup {
  repo: Repository;
  roots: string[];
  plans: Plan[];
}

/** Roots grouped by the repository each is in (several sources may be several repositories). */
function groupByRepository(
  plans: Plan[],
  options: HistoryOptions,
): { groups: RepositoryGroup[]; outside: string[] } {
  const groups = new Map<string, RepositoryGroup>();
  const outside: string[] = [];
  for (const root of options.roots) {
    const repo = findRepository(root);
    if (!repo) {
      outside.push(root);
      continue;
    }
    const group = groups.get(repo.gitDir) ?? { repo, roots: [], plans: [] };
    group.roots.push(root);
    groups.set(repo.gitDir, group);
  }
  for (const plan of plans) {
    const file = path.resolve(options.cwd, plan.path);
    const group = [...groups.values()].find((g) =>
      g.roots.some((r) => file.startsWith(r.endsWith(path.sep) ? r : r + path.sep)),
    );
    group?.plans.push(plan);
  }
  return { groups: [...groups.values()], outside };
}

/** Per plan: its commits, when its open and answered questions were written, staleness input. */
export function readHistory(plans: Plan[], options: HistoryOptions): HistoryResult {
  const result: HistoryResult = { byPlan: new Map(), notices: [], head: null, spawns: 0 };
  const rel = (p: string) => path.relative(options.cwd, p).split(path.sep).join("/") || ".";
  const { groups, outside } = groupByRepository(plans, options);
  if (options.mode === true)
    for (const root of outside)
      result.notices.push(catalogNotice(HistoryNotARepository, rel(root)));
  const run = options.git ?? spawnGit;
  const git: GitRunner = (cwd, args, input) => {
    result.spawns++;
    return run(cwd, args, input);
  };
  for (const group of groups) {
    const at = rel(group.roots[0]!);
    if (isShallow(group.repo)) {
      result.notices.push(catalogNotice(HistoryShallowClone, at));
      continue;
    }
    const head = readHead(group.repo);
    if (!head) continue; // a repository without commits: nothing to tell yet
    const reader: Reader = { repo: group.repo, head, git, cache: historyCache(options.cacheRoot) };
    try {
      const byPlan = planHistories(group.plans, reader, { ...options, roots: group.roots });
      for (const [key, history] of byPlan) result.byPlan.set(key, history);
      result.head ??= head;
    } catch (error) {
      result.notices.push(gitNotice(error, at));
    }
  }
  return result;
}

function gitNotice(error: unknown, at: string): DiscoveryNotice {
  if (error instanceof GitMissing) return catalogNotice(HistoryGitMissing, at, error.message);
  const command = (error as { command?: string }).command ?? "log";
  return catalogNotice(HistoryGitFailed, at, command, (error as Error).message);
}

function planHistories(
  plans: Plan[],
  reader: Reader,
  options: HistoryOptions,
): Map<string, PlanHistory> {
  const { repo } = reader;
  const folderOf = (p: Plan) => fromTop(repo, path.resolve(options.cwd, path.dirname(p.path)));
  const roots = options.roots.map((r) => fromTop(repo, r) || ".");
  const commits = readLog(reader, roots);
  const perFolder = commitsPerFolder(commits, plans.map(folderOf));
  const lastTouch = lastCommitPerFile(commits);
  const fileText = (file: string) => readFileSync(path.resolve(options.cwd, file), "utf8");
  const since = plans
    .map((p) => perFolder.get(folderOf(p))?.[0]?.commit.date.slice(0, 10))
    .filter((d): d is string => d !== undefined)
    .sort()[0];
  const code = codePaths(plans);
  const codeLog = since ? readCodeLog(reader, code.all, since) : [];
  const byPlan = new Map<string, PlanHistory>();
  for (const plan of plans) {
    const folderCommits = perFolder.get(folderOf(plan)) ?? [];
    const own = folderCommits.map((c) => c.commit);
    const ages = lineAges(plan, {
      reader,
      today: options.today,
      fromTop: (file) => fromTop(repo, path.resolve(options.cwd, file)),
      lastTouch,
      fileText,
    });
    byPlan.set(plan.path, {
      ...changeSpan(own),
      ...ages,
      codeChangedAfter: own[0] ? codeChangeAfter(codeLog, code, plan, own[0]) : null,
      changelog: options.parse ? readChangelog(reader, plan, folderCommits, options.parse) : [],
    });
  }
  return byPlan;
}

function changeSpan(
  commits: HistoryCommit[],
): Pick<PlanHistory, "commits" | "firstChange" | "lastChange"> {
  const day = (c: HistoryCommit | undefined) =>
    c ? new Date(c.date).toISOString().slice(0, 10) : null;
  return { commits, firstChange: day(commits.at(-1)), lastChange: day(commits[0]) };
}

/** The newest commit that touched each file (paths from the top). */
function lastCommitPerFile(commits: RawCommit[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const c of commits)
    for (const f of c.files) if (!last.has(f.path) && f.status !== "D") last.set(f.path, c.hash);
  return last;
}

export type { AgedItem };
