import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBatch, prepareRun, type BatchRun } from "../src/check/batch.ts";
import { checkInWorkers } from "../src/check/pool.ts";
import { toJsonReport, type JsonReport } from "../src/contract/json.ts";
import { stopMermaidWorker } from "../src/diagrams/validate-mermaid.ts";
import { discoverPlans } from "../src/discover/index.ts";
import { runCheckPipeline, runPipeline, type PipelineOptions } from "../src/pipeline.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const ruleFixtures = path.join(here, "fixtures", "rules");
/** Every scenario folder of the rule fixtures: one specs root each, every rule represented. */
const scenarios = readdirSync(ruleFixtures).flatMap((rule) =>
  readdirSync(path.join(ruleFixtures, rule), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(ruleFixtures, rule, e.name)),
);
const today = "2026-11-25";

function report(plans: Parameters<typeof toJsonReport>[1]): JsonReport {
  return toJsonReport("specs", plans, [], (p) => p, today);
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "plan-portal-workers-"));
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await stopMermaidWorker();
});

describe("check in worker threads", () => {
  it("finds what the in-process check finds on every rule fixture, in the same order", async () => {
    const options: PipelineOptions = { roots: scenarios, cwd: ruleFixtures, today };
    const inProcess = await runPipeline(options);
    const inWorkers = await runCheckPipeline(options, 2);
    expect(inProcess.plans.length).toBeGreaterThan(200);
    expect(report(inWorkers.plans)).toEqual(report(inProcess.plans));
  });

  it("runs with one worker when asked for none (zero workers would never finish)", async () => {
    const options: PipelineOptions = { roots: scenarios.slice(0, 3), cwd: ruleFixtures, today };
    const inProcess = await runPipeline(options);
    const none = await runCheckPipeline(options, 0);
    expect(none.plans.length).toBeGreaterThan(0);
    expect(report(none.plans)).toEqual(report(inProcess.plans));
  });

  it("keeps a disable comment that silences a cross-plan finding used", async () => {
    const root = path.join(work, "silenced");
    const plan = (code: string, meaning: string, disable: boolean) =>
      [
        "# Feature",
        "",
        "## Error Handling",
        "",
        ...(disable ? ["<!-- plan-portal-disable-next-line conflicting-definition -->"] : []),
        `- \`${code}\` (402) — ${meaning}`,
        "",
      ].join("\n");
    for (const [folder, text] of [
      ["001-pay", plan("CARD_DECLINED", "the card was declined", false)],
      ["002-refund", plan("CARD_DECLINED", "the refund window closed", true)],
    ] as const) {
      mkdirSync(path.join(root, folder), { recursive: true });
      writeFileSync(path.join(root, folder, "plan.md"), text);
    }
    const options: PipelineOptions = { roots: [root], cwd: work, today };
    const inWorkers = report((await runCheckPipeline(options, 2)).plans);
    const rulesOf = (i: number) => inWorkers.plans[i]!.findings.map((f) => f.ruleId);
    // 001 hears of the conflict; 002's comment silenced it there, so the comment is not unused.
    expect(rulesOf(0)).toContain("conflicting-definition");
    expect(rulesOf(1)).not.toContain("conflicting-definition");
    expect(rulesOf(1)).not.toContain("unused-disable");
    expect(inWorkers).toEqual(report((await runPipeline(options)).plans));
  });

  it("returns plans in discovery order whichever worker finishes first", async () => {
    const found = discoverPlans(scenarios.slice(0, 40)).plans;
    const run: BatchRun = {
      cwd: ruleFixtures,
      roots: scenarios,
      templateFile: null,
      severities: {},
      today,
    };
    const { plans } = await checkInWorkers({ found, run, workers: 3, batchSize: 1 });
    expect(plans.map((p) => p.plan.path)).toEqual(
      found.map((f) => path.relative(ruleFixtures, f.file).split(path.sep).join("/")),
    );
  });

  it("turns a plan whose parsing throws into that plan's error, dropping nothing", () => {
    const found = discoverPlans(scenarios.slice(0, 3)).plans;
    const run: BatchRun = {
      cwd: ruleFixtures,
      roots: scenarios,
      templateFile: null,
      severities: {},
      today,
    };
    const prepared = prepareRun(run);
    const bad = found[1]!;
    const plans = parseBatch(found, prepared, (f, p) => {
      if (f === bad) throw new Error("unexpected token at 3:7");
      return parseBatch([f], p)[0]!;
    });
    expect(plans.map((p) => p.id)).toEqual(found.map((f) => f.id));
    expect(plans[1]!.problems).toEqual([
      expect.objectContaining({
        code: "PlanPortalPlanCheckFailed",
        line: 1,
        column: 1,
        message: expect.stringContaining("unexpected token at 3:7"),
      }),
    ]);
    expect(plans[0]!.problems).toEqual([]);
  });

  it("checks a batch in the main thread when its worker runs out of memory", async () => {
    const found = discoverPlans(scenarios.slice(0, 6)).plans;
    const run: BatchRun = {
      cwd: ruleFixtures,
      roots: scenarios,
      templateFile: null,
      severities: {},
      today,
    };
    // A 4 MB old generation cannot even load the rules: every worker dies of it.
    const starved = await checkInWorkers({ found, run, workers: 2, batchSize: 2, heapMb: 4 });
    const normal = await checkInWorkers({ found, run, workers: 2, batchSize: 2 });
    expect(found.length).toBeGreaterThan(4);
    expect(report(starved.plans)).toEqual(report(normal.plans));
  });

  it("says a worker failed instead of waiting for it", async () => {
    const found = discoverPlans(scenarios.slice(0, 2)).plans;
    // The template is read when the worker starts: a missing one makes it fail at once.
    const run: BatchRun = {
      cwd: ruleFixtures,
      roots: scenarios,
      templateFile: path.join(work, "no-such-template.md"),
      severities: {},
      today,
    };
    await expect(checkInWorkers({ found, run, workers: 1 })).rejects.toThrow(
      /check worker failed .*bug in plan-portal/,
    );
  });
});
