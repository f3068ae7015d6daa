import { existsSync } from "node:fs";
import path from "node:path";
import type { DiscoveredPlan } from "../discover/index.ts";
import type { PlanSource } from "../discover/types.ts";
import { loadPlan } from "../discover/load.ts";
import { catalogProblem } from "../discover/notice.ts";
import { repositoryFiles } from "../discover/repository.ts";
import { PlanCheckFailed } from "../errors.ts";
import { parsePlan, type ParseOptions } from "../parse/index.ts";
import type { Diagram, DiagramValidation, Plan } from "../parse/types.ts";
import type { SourcedPlan } from "../sources/discover.ts";
import { withRepository } from "../sources/discover.ts";
import { withVerdicts } from "../diagrams/validate-mermaid.ts";
import {
  bundledProfiles,
  loadRepositoryProfile,
  type TemplateProfile,
} from "../template/profile.ts";
import { ruleSeverities, type CheckSettings } from "./index.ts";
import { projectPlan, type ProjectedPlan } from "./projection.ts";
import type { SeveritySetting } from "./types.ts";

/** What every batch of one run shares; plain data, so it can be a worker's `workerData`. */
export interface BatchRun {
  cwd: string;
  roots: string[];
  /** The repository's plan template (absolute), or null for the bundled profiles. */
  templateFile: string | null;
  severities: Record<string, SeveritySetting>;
  today: string;
  staleDays?: number;
}

/** How a plan is read and parsed (injected by tests to make one fail). */
export type ReadPlan = (found: DiscoveredPlan | SourcedPlan, run: PreparedRun) => Plan;

/** A run's settings as the plan rules need them, made once per worker. */
export interface PreparedRun {
  run: BatchRun;
  parse: ParseOptions;
  settings: CheckSettings;
  rules: ReadonlyMap<string, SeveritySetting>;
}

export function prepareRun(run: BatchRun): PreparedRun {
  const profile: TemplateProfile | null = run.templateFile
    ? loadRepositoryProfile(run.templateFile)
    : null;
  const existsCache = new Map<string, boolean>();
  const repository = repositoryFiles(run.cwd, run.roots);
  const settings: CheckSettings = {
    severities: run.severities,
    today: run.today,
    repositoryProfile: profile,
    ...(run.staleDays !== undefined ? { staleDays: run.staleDays } : {}),
    exists: (plan, relative) => {
      const target = path.resolve(run.cwd, path.dirname(plan.path), relative);
      let hit = existsCache.get(target);
      if (hit === undefined) existsCache.set(target, (hit = existsSync(target)));
      return hit;
    },
    existsInRepository: (plan, relative) => repository.exists(plan.path, relative),
  };
  const parse = { templatePhrases: (profile ?? bundledProfiles().extended).phrases };
  return { run, parse, settings, rules: ruleSeverities(settings) };
}

/** Read and parse one plan, as `runPipeline` does. */
export const readPlan: ReadPlan = (found, prepared) =>
  withRepository(parsePlan(loadPlan(found, prepared.run.cwd), prepared.parse), found);

/**
 * The plan as an unreadable one: no text, and the failure as its read problem, so plan-readable
 * reports it on the plan's line 1 and the plan still appears with everything else.
 */
function failedPlan(
  found: DiscoveredPlan | SourcedPlan,
  prepared: PreparedRun,
  error: unknown,
): Plan {
  const why = error instanceof Error ? error.message : String(error);
  const source = emptySource(found, prepared.run.cwd);
  const problem = catalogProblem(PlanCheckFailed, { line: 1, column: 1 }, why);
  return withRepository(parsePlan({ ...source, problems: [problem] }, prepared.parse), found);
}

function emptySource(found: DiscoveredPlan, cwd: string): PlanSource {
  return {
    id: found.id,
    folder: found.folder,
    number: found.number,
    path: path.relative(cwd, found.file).split(path.sep).join("/"),
    group: found.group,
    siblings: {
      spec: false,
      tasks: false,
      research: false,
      dataModel: false,
      quickstart: false,
      contracts: false,
    },
    text: null,
    problems: [],
    tasksText: null,
  };
}

/** Parse each plan of a batch; a plan whose reading or parsing throws becomes its own error. */
export function parseBatch(
  found: readonly (DiscoveredPlan | SourcedPlan)[],
  prepared: PreparedRun,
  read: ReadPlan = readPlan,
): Plan[] {
  return found.map((f) => {
    try {
      return read(f, prepared);
    } catch (error) {
      return failedPlan(f, prepared, error);
    }
  });
}

/** Every diagram of the batch, in plan order: what the main thread validates (cached). */
export function batchDiagrams(plans: readonly Plan[]): Diagram[] {
  return plans.flatMap((p) => p.diagrams);
}

/** The plan rules on each parsed plan of a batch, with the diagrams' verdicts applied. */
export function projectBatch(
  found: readonly (DiscoveredPlan | SourcedPlan)[],
  plans: readonly Plan[],
  verdicts: readonly (DiagramValidation | undefined)[],
  prepared: PreparedRun,
): ProjectedPlan[] {
  return withVerdicts(plans, verdicts).map((plan, i) => {
    try {
      return projectPlan(plan, prepared.settings, prepared.rules);
    } catch (error) {
      return projectPlan(failedPlan(found[i]!, prepared, error), prepared.settings, prepared.rules);
    }
  });
}
