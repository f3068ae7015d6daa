import { existsSync } from "node:fs";
import path from "node:path";
import { checkPlans, type CheckedPlan } from "./check/index.ts";
import type { SeveritySetting } from "./check/types.ts";
import { discoverPlans, type DiscoveryNotice } from "./discover/index.ts";
import type { PlanPortalOptions } from "./options.ts";
import { specsRoots } from "./util/specs-roots.ts";
import { loadPlan } from "./discover/load.ts";
import { catalogNotice } from "./discover/notice.ts";
import { MermaidParserUnavailable } from "./errors.ts";
import { parsePlan } from "./parse/index.ts";
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
}

export interface PipelineResult {
  plans: CheckedPlan[];
  notices: DiscoveryNotice[];
  profile: TemplateProfile | null;
  /** How many diagrams mermaid's parser checked now and how many came from the cache. */
  diagrams: { validated: number; cached: number; error?: string };
  /** Milliseconds per stage. */
  timings: { discover: number; parse: number; diagrams: number; check: number };
}

/** Mermaid's parser could not run: diagrams fall back to a structural check, and the user hears why. */
function validationNotice(options: PipelineOptions, error: string): DiscoveryNotice {
  const at = path.relative(options.cwd, options.roots[0] ?? options.cwd) || ".";
  return catalogNotice(MermaidParserUnavailable, at, error);
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** discover → load → parse → validate diagrams → check, for the CLI and the integration alike. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const t0 = performance.now();
  const { plans: found, notices } = discoverPlans(options.roots);
  const t1 = performance.now();
  const templateFile =
    options.template !== undefined
      ? path.resolve(options.cwd, options.template)
      : findRepositoryTemplate(options.roots[0] ?? options.cwd);
  const profile = templateFile ? loadRepositoryProfile(templateFile) : null;
  const phrases = (profile ?? bundledProfiles().extended).phrases;
  const parsed = found.map((d) =>
    parsePlan(loadPlan(d, options.cwd), { templatePhrases: phrases }),
  );
  const t2a = performance.now();
  const { run: diagrams, verdicts } = await validateDiagrams(parsed.flatMap((p) => p.diagrams));
  const validated = withVerdicts(parsed, verdicts);
  const t2 = performance.now();
  const existsCache = new Map<string, boolean>();
  const checked = checkPlans(validated, {
    severities: options.rules ?? {},
    today: options.today ?? todayUtc(),
    repositoryProfile: profile,
    exists: (plan, relative) => {
      const target = path.resolve(options.cwd, path.dirname(plan.path), relative);
      let hit = existsCache.get(target);
      if (hit === undefined) existsCache.set(target, (hit = existsSync(target)));
      return hit;
    },
  });
  const t3 = performance.now();
  return {
    plans: checked,
    notices: diagrams.error ? [...notices, validationNotice(options, diagrams.error)] : notices,
    profile,
    diagrams,
    timings: { discover: t1 - t0, parse: t2a - t1, diagrams: t2 - t2a, check: t3 - t2 },
  };
}

/**
 * The pipeline over the integration's specs folders, as `buildPortal` (render) receives it: the
 * integration and its dev rebuilds run this, then hand the result to render.
 */
export function runPortalPipeline(
  options: PlanPortalOptions,
  root: string,
  today: string,
): Promise<PipelineResult> {
  return runPipeline({
    roots: specsRoots(options.specsDir, root),
    cwd: root,
    rules: options.rules,
    today,
    template: options.template,
  });
}
