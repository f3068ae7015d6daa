import { existsSync } from "node:fs";
import path from "node:path";
import { checkPlans, type CheckedPlan } from "./check/index.ts";
import { checkInWorkers } from "./check/pool.ts";
import type { CheckedProjection } from "./check/projection.ts";
import type { SeveritySetting } from "./check/types.ts";
import { discoverPlans, type DiscoveryNotice } from "./discover/index.ts";
import type { PlanPortalOptions } from "./options.ts";
import { specsRoots } from "./util/specs-roots.ts";
import { loadPlan } from "./discover/load.ts";
import { repositoryFiles } from "./discover/repository.ts";
import { catalogNotice } from "./discover/notice.ts";
import { HistoryGitFailed, MermaidParserUnavailable } from "./errors.ts";
import { openReader } from "./history/revisions.ts";
import { readTrend, type TrendPoint } from "./trend/index.ts";
import { parsePlan } from "./parse/index.ts";
import type { Plan } from "./parse/types.ts";
import type { PlanSource } from "./discover/types.ts";
import type { ContentMemo } from "./cache/content-memo.ts";
import { discoverSources, withRepository } from "./sources/discover.ts";
import { resolveSources, type ResolvedSource } from "./sources/resolve.ts";
import { spawnGit } from "./sources/git.ts";
import { cacheRoot } from "./cache/disk-cache.ts";
import { readHistory, type HistoryOptions, type HistoryResult } from "./history/index.ts";
import { validateDiagrams, withVerdicts } from "./diagrams/validate-mermaid.ts";
import {
  bundledProfiles,
  findRepositoryTemplate,
  loadRepositoryProfile,
  type TemplateProfile,
} from "./template/profile.ts";

export interface PipelineOptions {
  /** Specs roots (folders searched for plan.md at any depth). */
  roots: string[];
  /** Where paths in the result are relative to. */
  cwd: string;
  rules?: Record<string, SeveritySetting>;
  /** YYYY-MM-DD; default: today's UTC date. */
  today?: string;
  /** Path to a plan template; default: `.specify/templates/plan-template.md` above the first root, if any. */
  template?: string;
  /**
   * The repositories the plans come from (`sources`, resolved): plans are discovered per source,
   * ids prefixed with the repository when there are several, and each plan knows its repository.
   */
  sources?: ResolvedSource[];
  /**
   * Read each plan's git history (issue 20): `"auto"` when the specs are in a repository, `true`
   * also says when they are not; absent or false: no history (nothing is spawned).
   */
  history?: false | "auto" | true;
  /** `stale-plan`'s threshold in days (default 60). */
  staleDays?: number;
  /** How many of the newest commits touching the specs the trend covers (default 50; 0: no trend). */
  trendCommits?: number;
  /** Injected git runner and cache root (tests). */
  historyIo?: Pick<HistoryOptions, "git" | "cacheRoot">;
  /** Plans parsed by an earlier run of this process (dev rebuilds): unchanged ones are reused. */
  parseMemo?: ContentMemo<PlanSource, Plan>;
}

export interface PipelineResult {
  plans: CheckedPlan[];
  notices: DiscoveryNotice[];
  profile: TemplateProfile | null;
  /** How many diagrams mermaid's parser checked now and how many came from the cache. */
  diagrams: { validated: number; cached: number; error?: string };
  /** The portal at sampled past commits, oldest first (null: no history). */
  trend: TrendPoint[] | null;
  /** What git history was read (null: history off). */
  history: Omit<HistoryResult, "byPlan" | "notices"> | null;
  /** Milliseconds per stage. */
  timings: { discover: number; parse: number; diagrams: number; check: number };
}

/** Mermaid's parser could not run: diagrams fall back to a structural check, and the user hears why. */
function validationNotice(options: PipelineOptions, error: string): DiscoveryNotice {
  const at = path.relative(options.cwd, options.roots[0] ?? options.cwd) || ".";
  return catalogNotice(MermaidParserUnavailable, at, error);
}

/** The trend of the first specs root's repository; a git failure is a notice, never a failure. */
function trendOf(
  options: PipelineOptions,
  profile: TemplateProfile | null,
  phrases: ReadonlySet<string>,
): { points: TrendPoint[] } | { notice: DiscoveryNotice } | null {
  const commits = options.trendCommits ?? 50;
  const root = options.roots[0];
  if (commits === 0 || root === undefined) return null;
  const reader = openReader(root, options.historyIo?.git, options.historyIo?.cacheRoot);
  if (!reader) return null;
  const roots = options.roots
    .map((r) => path.relative(reader.repo.top, r).split(path.sep).join("/") || ".")
    .filter((r) => !r.startsWith(".."));
  try {
    const points = readTrend(reader, {
      roots,
      commits,
      parse: { templatePhrases: phrases },
      check: { severities: options.rules ?? {}, repositoryProfile: profile },
      ...(options.historyIo?.cacheRoot ? { cacheRoot: options.historyIo.cacheRoot } : {}),
    });
    return { points };
  } catch (error) {
    const at = path.relative(options.cwd, root) || ".";
    return { notice: catalogNotice(HistoryGitFailed, at, "log", (error as Error).message) };
  }
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The plans on disk and the template they are checked against. */
function discoverRun(options: PipelineOptions) {
  const { plans: found, notices } = options.sources
    ? discoverSources(options.sources)
    : discoverPlans(options.roots);
  const templateFile =
    options.template !== undefined
      ? path.resolve(options.cwd, options.template)
      : findRepositoryTemplate(options.roots[0] ?? options.cwd);
  const profile = templateFile ? loadRepositoryProfile(templateFile) : null;
  return { found, notices, templateFile, profile };
}

/** What `check` reports when no history is read: each plan's projection, not its model. */
export interface CheckPipelineResult extends Pick<
  PipelineResult,
  "notices" | "profile" | "diagrams"
> {
  plans: CheckedProjection[];
}

/**
 * discover → (load → parse → plan rules, in worker threads) → portal rules: `runPipeline`'s
 * findings without history, holding a projection per plan instead of its model (issue 19).
 */
export async function runCheckPipeline(
  options: Omit<PipelineOptions, "history" | "historyIo" | "trendCommits">,
  workers?: number,
): Promise<CheckPipelineResult> {
  const { found, notices, templateFile, profile } = discoverRun(options);
  const { plans, diagrams } = await checkInWorkers({
    found,
    run: {
      cwd: options.cwd,
      roots: options.roots,
      templateFile: templateFile ?? null,
      severities: options.rules ?? {},
      today: options.today ?? todayUtc(),
      ...(options.staleDays !== undefined ? { staleDays: options.staleDays } : {}),
    },
    ...(workers !== undefined ? { workers } : {}),
  });
  return {
    plans,
    notices: [...notices, ...(diagrams.error ? [validationNotice(options, diagrams.error)] : [])],
    profile,
    diagrams,
  };
}

/** discover → load → parse → validate diagrams → check, for the CLI and the integration alike. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const t0 = performance.now();
  const { found, notices, profile } = discoverRun(options);
  const t1 = performance.now();
  const phrases = (profile ?? bundledProfiles().extended).phrases;
  const parse = (source: PlanSource) => parsePlan(source, { templatePhrases: phrases });
  const memo = options.parseMemo;
  memo?.startRun();
  const phrasesKey = memo ? [...phrases].join("\n") : "";
  const parsed = found.map((d) => {
    const source = loadPlan(d, options.cwd);
    return withRepository(memo ? memo.get(source, parse, phrasesKey) : parse(source), d);
  });
  const t2a = performance.now();
  const { run: diagrams, verdicts } = await validateDiagrams(parsed.flatMap((p) => p.diagrams));
  const validated = withVerdicts(parsed, verdicts);
  const t2 = performance.now();
  const history = options.history
    ? readHistory(validated, {
        cwd: options.cwd,
        roots: options.roots,
        today: options.today ?? todayUtc(),
        mode: options.history,
        parse: { templatePhrases: phrases },
        ...options.historyIo,
      })
    : null;
  const existsCache = new Map<string, boolean>();
  const repository = repositoryFiles(options.cwd, options.roots);
  const checked = checkPlans(validated, {
    severities: options.rules ?? {},
    today: options.today ?? todayUtc(),
    repositoryProfile: profile,
    ...(history ? { history: history.byPlan } : {}),
    ...(options.staleDays !== undefined ? { staleDays: options.staleDays } : {}),
    exists: (plan, relative) => {
      const target = path.resolve(options.cwd, path.dirname(plan.path), relative);
      let hit = existsCache.get(target);
      if (hit === undefined) existsCache.set(target, (hit = existsSync(target)));
      return hit;
    },
    existsInRepository: (plan, relative) => repository.exists(plan.path, relative),
  });
  const trend = history?.head ? trendOf(options, profile, phrases) : null;
  const t3 = performance.now();
  return {
    plans: checked,
    notices: [
      ...notices,
      ...(history?.notices ?? []),
      ...(trend && "notice" in trend ? [trend.notice] : []),
      ...(diagrams.error ? [validationNotice(options, diagrams.error)] : []),
    ],
    profile,
    diagrams,
    history: history ? { head: history.head, spawns: history.spawns } : null,
    trend: trend && "points" in trend ? trend.points : null,
    timings: { discover: t1 - t0, parse: t2a - t1, diagrams: t2 - t2a, check: t3 - t2 },
  };
}

/**
 * The pipeline over the integration's specs folders, as `buildPortal` (render) receives it: the
 * integration and its dev rebuilds run this, then hand the result to render.
 */
export async function runPortalPipeline(
  options: PlanPortalOptions,
  root: string,
  today: string,
  parseMemo?: ContentMemo<PlanSource, Plan>,
): Promise<PipelineResult> {
  // Git sources are fetched on every build and dev rebuild; a failed fetch keeps the last copy.
  const sources = options.sources
    ? resolveSources(options.sources, root, { cacheRoot: cacheRoot(), git: spawnGit })
    : null;
  const result = await runPipeline({
    roots: sources ? sources.sources.flatMap((s) => s.roots) : specsRoots(options.specsDir, root),
    ...(sources ? { sources: sources.sources } : {}),
    cwd: root,
    rules: options.rules,
    today,
    template: options.template,
    history: options.history.read,
    staleDays: options.history.staleDays,
    trendCommits: options.history.trendCommits,
    ...(parseMemo ? { parseMemo } : {}),
  });
  return sources ? { ...result, notices: [...sources.notices, ...result.notices] } : result;
}
