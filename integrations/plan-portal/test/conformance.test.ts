import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FeatureCoverage } from "../src/check/coverage.ts";
import { toJsonReport } from "../src/contract/json.ts";
import type { Plan } from "../src/parse/types.ts";
import { runPipeline } from "../src/pipeline.ts";

/**
 * Real plans from public repositories (../shared/corpus beside the repository). The committed
 * summary makes every change of results on real plans show up in review: update it with
 * `npx vitest run -u integrations/plan-portal/test/conformance.test.ts` and read the diff.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const corpus = path.resolve(repo, "..", "shared", "corpus");
const present = existsSync(corpus);
const TODAY = "2026-11-25";

if (!present) {
  console.warn(
    `\n!!! CORPUS CONFORMANCE SKIPPED: ${corpus} does not exist.\n!!! Clone this repository next to the steering repo's shared/ folder to run it.\n`,
  );
}

function plansOnDisk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) plansOnDisk(p, out);
    else if (name === "plan.md") out.push(path.relative(repo, p).split(path.sep).join("/"));
  }
  return out;
}

const result = present ? await runPipeline({ roots: [corpus], cwd: repo, today: TODAY }) : null;

describe.skipIf(!present)("conformance on ../shared/corpus", () => {
  const report = result
    ? toJsonReport("corpus", result.plans, result.notices, (p) => p, TODAY)
    : null;

  it("lists every plan.md on disk, none lost", () => {
    expect(report!.plans.map((p) => p.path).sort()).toEqual(plansOnDisk(corpus).sort());
  });

  it("keeps every finding inside its file", () => {
    for (const c of result!.plans) {
      // A feature rule's finding is in spec.md, tasks.md, a checklist or data-model.md (`file`):
      // its lines count.
      const { spec, tasks, checklists, dataModel } = c.plan.feature;
      const lineCounts = new Map(
        [spec, tasks, ...checklists, dataModel].flatMap((d) =>
          d ? [[d.path, d.lineCount] as const] : [],
        ),
      );
      for (const f of c.findings) {
        const where = `${f.file ?? c.plan.path} ${f.ruleId}`;
        expect(f.file === undefined || lineCounts.has(f.file), where).toBe(true);
        const lineCount = f.file === undefined ? c.plan.lineCount : lineCounts.get(f.file)!;
        expect(f.line, where).toBeGreaterThanOrEqual(1);
        expect(f.line, where).toBeLessThanOrEqual(Math.max(1, lineCount));
        expect(f.column).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("matches the committed summary of results on real plans", async () => {
    const features = new Map(result!.plans.map((c) => [c.plan.path, featureSummary(c.plan)]));
    const plans = report!.plans.map((p) => {
      const rules: Record<string, number> = {};
      for (const f of p.findings) rules[f.ruleId] = (rules[f.ruleId] ?? 0) + 1;
      return {
        path: p.path.replace(/^.*?corpus\//, ""),
        title: p.title,
        template: p.template,
        status: p.status,
        score: p.score,
        openQuestions: p.openQuestions.length,
        risks: p.risks.length,
        dependencies: p.dependencies.length,
        needsClarification: p.needsClarification.map((m) => m.line),
        progress: p.progress ? `${p.progress.done}/${p.progress.total}` : null,
        feature: features.get(p.path)!,
        coverage: p.coverage && coverageText(p.coverage),
        findings: rules,
      };
    });
    const summary = {
      plans: report!.summary.plans,
      byStatus: report!.summary.byStatus,
      errors: report!.summary.errors,
      warnings: report!.summary.warnings,
      openQuestions: plans.reduce((n, p) => n + p.openQuestions, 0),
      risks: plans.reduce((n, p) => n + p.risks, 0),
      dependencies: plans.reduce((n, p) => n + p.dependencies, 0),
      needsClarification: plans.reduce((n, p) => n + p.needsClarification.length, 0),
      feature: totals(plans.map((p) => p.feature)),
      perPlan: plans,
    };
    await expect(JSON.stringify(summary, null, 1) + "\n").toMatchFileSnapshot(
      "corpus-summary.json",
    );
  });
});

/** What the sibling models read in one feature (counts only: the diff shows what changed). */
function featureSummary(plan: Plan): Record<string, number> {
  const { spec, tasks, checklists, dataModel } = plan.feature;
  return {
    requirements: spec?.requirements.length ?? 0,
    stories: spec?.stories.length ?? 0,
    keyEntities: spec?.entities.length ?? 0,
    clarifications: spec?.clarifications.reduce((n, s) => n + s.entries.length, 0) ?? 0,
    tasks: tasks?.tasks.length ?? 0,
    taskPaths: tasks?.tasks.reduce((n, t) => n + t.paths.length, 0) ?? 0,
    checklistItems: checklists.reduce((n, c) => n + c.items.length, 0),
    dataModelEntities: dataModel?.entities.length ?? 0,
  };
}

function totals(rows: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) for (const [k, v] of Object.entries(row)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** `req 4/5, stories 3/3, tasks 14/19 (tasks cite FR ids; tasks cite US labels)`. */
function coverageText(c: FeatureCoverage): string {
  const { requirements: r, stories: s, tasks: t } = c;
  const how = c.convention.length > 0 ? ` (${c.convention.join("; ")})` : "";
  return `req ${r.covered}/${r.total}, stories ${s.withTasks}/${s.total}, tasks ${t.mapped}/${t.total}${how}`;
}
