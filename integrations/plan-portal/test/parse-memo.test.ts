import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContentMemo } from "../src/cache/content-memo.ts";
import type { PlanSource } from "../src/discover/types.ts";
import type { Plan } from "../src/parse/types.ts";
import { runPipeline, type PipelineOptions } from "../src/pipeline.ts";

const exampleSpecs = path.resolve(import.meta.dirname, "..", "..", "..", "specs");

describe("dev rebuilds reuse the plans they parsed before", () => {
  let dir: string;
  let options: PipelineOptions;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "plan-portal-parse-memo-"));
    cpSync(exampleSpecs, path.join(dir, "specs"), { recursive: true });
    options = { roots: [path.join(dir, "specs")], cwd: dir, today: "2026-11-25" };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const plansJson = async (memo?: ContentMemo<PlanSource, Plan>) =>
    JSON.stringify((await runPipeline({ ...options, ...(memo ? { parseMemo: memo } : {}) })).plans);

  it("parses only the changed plan and gives what a fresh run gives", async () => {
    const memo = new ContentMemo<PlanSource, Plan>();
    await plansJson(memo);
    expect(memo.stats).toEqual({ computed: 12, reused: 0 });

    const plan = path.join(dir, "specs", "003-checkout-flow", "plan.md");
    appendFileSync(plan, "\n\nA sentence added in the test.\n");
    const remembered = await plansJson(memo);
    expect(memo.stats).toEqual({ computed: 1, reused: 11 });
    expect(remembered).toContain("A sentence added in the test.");
    expect(remembered).toBe(await plansJson());
  });

  it("parses a plan again when a file beside it changes", async () => {
    const memo = new ContentMemo<PlanSource, Plan>();
    await plansJson(memo);
    writeFileSync(
      path.join(dir, "specs", "003-checkout-flow", "tasks.md"),
      "# Tasks\n\n- [x] T001 Written by the test\n",
    );
    const remembered = await plansJson(memo);
    expect(memo.stats).toEqual({ computed: 1, reused: 11 });
    expect(remembered).toBe(await plansJson());
  });
});
