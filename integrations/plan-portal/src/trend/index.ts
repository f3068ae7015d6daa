import { DiskCache, sha1, stableStringify } from "../cache/disk-cache.ts";
import { checkPlans, type CheckSettings } from "../check/index.ts";
import { readBlobs } from "../history/changelog.ts";
import { utcDay, type RawCommit } from "../history/log.ts";
import { readLog, type Reader } from "../history/read.ts";
import { parsePlan, type ParseOptions } from "../parse/index.ts";
import type { Plan } from "../parse/types.ts";
import { emptyStatusCounts, type PlanStatus } from "../vocabulary.ts";

/** The portal at one commit that touched the specs (issue 20): what the health page charts. */
export interface TrendPoint {
  commit: string;
  /** YYYY-MM-DD (UTC) of the commit; "today" for its overdue questions. */
  date: string;
  subject: string;
  plans: number;
  byStatus: Record<PlanStatus, number>;
  openQuestions: number;
  overdueQuestions: number;
  findings: { errors: number; warnings: number; infos: number };
  tasks: { done: number; total: number };
}

export interface TrendOptions {
  /** Specs roots from the repository's top. */
  roots: string[];
  /** How many of the newest commits touching the specs the trend covers (default 50). */
  commits?: number;
  /** At most this many points are drawn from them (default 12), always including the newest. */
  samples?: number;
  parse: ParseOptions;
  check: Pick<CheckSettings, "severities" | "repositoryProfile">;
  /** Cache root (default: plan-portal's cache folder). */
  cacheRoot?: string;
}

/**
 * Which commits of the window to sample: every `step`-th counted from the repository's first
 * commit touching the specs (so the same commits are picked as HEAD moves on, and their points
 * stay cached), and the newest.
 */
export function sampleCommits(all: RawCommit[], window: number, samples: number): RawCommit[] {
  const recent = all.slice(0, window);
  const step = Math.max(1, Math.ceil(recent.length / samples));
  const picked = recent.filter((_, i) => i === 0 || (all.length - 1 - i) % step === 0);
  return picked.reverse();
}

/**
 * Every file of the repository at `commit`, from its top: the plan folders below the roots are
 * found in it, and phantom-completion asks it whether a task's file existed then, as today's
 * check asks the working tree.
 */
function filesAt(reader: Reader, commit: string): Set<string> {
  const out = reader.git(reader.repo.top, ["ls-tree", "-r", "--name-only", "-z", commit]);
  return new Set(out.split("\0").filter(Boolean));
}

/** Whether a file or folder (path from the repository's top) is in `files`. */
function treeLookup(files: ReadonlySet<string>): (target: string) => boolean {
  const folders = new Set<string>();
  for (const f of files)
    for (let i = f.indexOf("/"); i > 0; i = f.indexOf("/", i + 1)) folders.add(f.slice(0, i));
  return (target) => files.has(target) || folders.has(target);
}

const underRoots = (file: string, roots: string[]) =>
  roots.some((r) => r === "." || file.startsWith(`${r}/`));

/** The documents one past plan is parsed from, in the order `readBlobs` returns them. */
const DOCUMENTS = ["plan.md", "spec.md", "tasks.md", "data-model.md"] as const;

function parseAt(
  reader: Reader,
  commit: string,
  options: TrendOptions,
): { plans: Plan[]; files: Set<string> } {
  const files = filesAt(reader, commit);
  const folders = [...files]
    .filter((f) => f.endsWith("/plan.md") && underRoots(f, options.roots))
    .map((f) => f.slice(0, -"/plan.md".length));
  const checklistFiles = folders.map((f) =>
    [...files].filter((c) => c.startsWith(`${f}/checklists/`) && c.endsWith(".md")).sort(),
  );
  const blobs = readBlobs(reader, [
    ...folders.flatMap((f) => DOCUMENTS.map((n) => `${commit}:${f}/${n}`)),
    ...checklistFiles.flat().map((c) => `${commit}:${c}`),
  ]);
  let nextChecklist = folders.length * DOCUMENTS.length;
  const doc = (i: number, n: number) => blobs[i * DOCUMENTS.length + n] ?? null;
  const plans = folders.map((folder, i) => {
    const name = folder.split("/").pop()!;
    const number = /^(\d+)/.exec(name)?.[1];
    const has = (n: string) => files.has(`${folder}/${n}`);
    return parsePlan(
      {
        id: name,
        folder: name,
        number: number === undefined ? null : Number(number),
        path: `${folder}/plan.md`,
        group: folder.split("/").slice(0, -1).join("/"),
        text: doc(i, 0) ?? "",
        problems: [],
        siblings: {
          spec: has("spec.md"),
          tasks: has("tasks.md"),
          research: has("research.md"),
          dataModel: has("data-model.md"),
          quickstart: has("quickstart.md"),
          contracts: false,
        },
        tasksText: doc(i, 2),
        specText: doc(i, 1),
        dataModelText: doc(i, 3),
        checklistTexts: checklistFiles[i]!.flatMap((c) => {
          const text = blobs[nextChecklist++] ?? null;
          const name = c.slice(c.lastIndexOf("/") + 1, -".md".length);
          return text === null ? [] : [{ name, text }];
        }),
      },
      options.parse,
    );
  });
  return { plans, files };
}

/** One point: the plans at the commit parsed and checked as today's are, with its date as today. */
function pointAt(reader: Reader, commit: RawCommit, options: TrendOptions): TrendPoint {
  const date = utcDay(commit.date);
  const { plans, files } = parseAt(reader, commit.hash, options);
  const inTree = treeLookup(files);
  const checked = checkPlans(plans, {
    ...options.check,
    today: date,
    // A relative link resolves against the tree of that commit.
    exists: (plan, relative) => {
      const dir = plan.path.slice(0, plan.path.lastIndexOf("/"));
      const target = new URL(relative, `file:///${dir}/`).pathname.slice(1).replace(/\/$/, "");
      return inTree(target);
    },
    existsInRepository: (_plan, relative) =>
      inTree(relative.replace(/^\.\//, "").replace(/\/$/, "")),
  });
  const point: TrendPoint = {
    commit: commit.hash,
    date,
    subject: commit.subject,
    plans: checked.length,
    byStatus: emptyStatusCounts(),
    openQuestions: 0,
    overdueQuestions: 0,
    findings: { errors: 0, warnings: 0, infos: 0 },
    tasks: { done: 0, total: 0 },
  };
  for (const c of checked) {
    point.byStatus[c.status]++;
    const open = c.plan.questions.filter((q) => !q.resolved);
    point.openQuestions += open.length;
    point.overdueQuestions += open.filter(
      (q) => /^\d{4}-\d{2}-\d{2}$/.test(q.deadline.trim()) && q.deadline.trim() < date,
    ).length;
    for (const f of c.findings)
      point.findings[
        f.severity === "error" ? "errors" : f.severity === "warning" ? "warnings" : "infos"
      ]++;
    point.tasks.done += c.plan.progress?.done ?? 0;
    point.tasks.total += c.plan.progress?.total ?? 0;
  }
  return point;
}

function isPoint(value: unknown): value is TrendPoint {
  const v = value as Partial<TrendPoint> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.commit === "string" &&
    typeof v.byStatus === "object"
  );
}

/**
 * The portal over its last commits touching the specs, sampled, oldest first. Each point is
 * cached by its commit and the check settings: a new HEAD computes only the points it adds.
 */
export function readTrend(reader: Reader, options: TrendOptions): TrendPoint[] {
  const settings = stableStringify({
    s: options.check.severities,
    p: options.check.repositoryProfile,
  });
  const cache = new DiskCache<TrendPoint>("trend", {
    // v2: past commits read data-model.md, checklists and the whole tree, as today's check does.
    fingerprint: sha1(`trend-v2\0${settings}`),
    valid: isPoint,
    ...(options.cacheRoot ? { root: options.cacheRoot } : {}),
  });
  const all = readLog(reader, options.roots);
  return sampleCommits(all, options.commits ?? 50, options.samples ?? 12).map((commit) => {
    const key = sha1(`${reader.repo.commonDir}\0${commit.hash}\0${options.roots.join("\0")}`);
    const hit = cache.get(key);
    if (hit) return hit;
    const point = pointAt(reader, commit, options);
    cache.set(key, point);
    return point;
  });
}
