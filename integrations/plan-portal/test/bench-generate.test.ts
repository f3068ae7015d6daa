import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEFAULT_SOURCES,
  MAX_PLAN_BYTES,
  MIN_PLAN_BYTES,
  TODAY,
  generatePlans,
} from "../bench/gen/index.ts";
import { Rng } from "../bench/gen/prng.ts";
import { loadShapes } from "../bench/gen/shapes.ts";
import { runPipeline } from "../src/pipeline.ts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-generate-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// Shapes are read once (the example specs and, when present, ../shared/corpus).
const shapes = loadShapes(DEFAULT_SOURCES);

/** Every file below `dir` with the hash of its content, by relative path. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out[path.relative(dir, file)] = createHash("sha1").update(readFileSync(file)).digest("hex");
  }
  return out;
}

describe("bench plan generator", () => {
  it("draws the same numbers from the same seed", () => {
    const a = new Rng("seed");
    const b = new Rng("seed");
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Rng("other").next()).not.toBe(xs[0]);
  });

  it("writes identical plans for the same seed and different ones for another seed", () => {
    const run = (name: string, seed: string) => {
      const out = path.join(tmp, name);
      generatePlans({ plans: 15, out, seed, shapes });
      return tree(out);
    };
    const first = run("a", "s1");
    expect(run("b", "s1")).toEqual(first);
    expect(run("c", "s2")).not.toEqual(first);
    // Rewriting a folder the generator made is allowed and gives the same result.
    expect(run("a", "s1")).toEqual(first);
  });

  it("keeps plan.md between 3 and 40 KB, with siblings, diagrams and open questions", () => {
    const out = path.join(tmp, "sizes");
    const result = generatePlans({ plans: 60, out, seed: "sizes", shapes });
    expect(result.plans).toHaveLength(60);
    for (const p of result.plans) {
      expect(p.planBytes).toBeGreaterThanOrEqual(MIN_PLAN_BYTES);
      expect(p.planBytes).toBeLessThanOrEqual(MAX_PLAN_BYTES);
    }
    const sizes = result.plans.map((p) => p.planBytes).sort((a, b) => a - b);
    expect(sizes[sizes.length - 1]! - sizes[0]!).toBeGreaterThan(10_000);
    const texts = result.plans.map((p) => readFileSync(path.join(p.dir, "plan.md"), "utf8"));
    expect(texts.filter((t) => t.includes("```mermaid")).length).toBeGreaterThan(20);
    expect(texts.filter((t) => t.includes("erDiagram")).length).toBeGreaterThan(5);
    expect(texts.filter((t) => t.includes("### Open Questions")).length).toBeGreaterThan(20);
    const names = result.plans.flatMap((p) => readdirSync(p.dir));
    expect(names.filter((n) => n === "tasks.md").length).toBeGreaterThan(40);
    expect(names.filter((n) => n === "spec.md").length).toBeGreaterThan(45);
  });

  it("splits plans over several specs roots", () => {
    const out = path.join(tmp, "roots");
    const result = generatePlans({ plans: 10, out, seed: "roots", roots: 3, shapes });
    expect(result.specsRoots.map((r) => path.relative(out, r))).toEqual([
      path.join("root-1", "specs"),
      path.join("root-2", "specs"),
      path.join("root-3", "specs"),
    ]);
    expect(result.specsRoots.map((r) => readdirSync(r).length)).toEqual([4, 3, 3]);
  });

  it("mixes clean plans and plans with findings, all readable by the pipeline", async () => {
    const out = path.join(tmp, "check");
    const result = generatePlans({ plans: 30, out, seed: "check", shapes });
    const checked = await runPipeline({ roots: result.specsRoots, cwd: out, today: TODAY });
    expect(checked.plans).toHaveLength(30);
    const withErrors = checked.plans.filter((p) => p.findings.some((f) => f.severity === "error"));
    const clean = checked.plans.filter((p) => p.findings.length === 0);
    expect(clean.length).toBeGreaterThanOrEqual(9);
    expect(withErrors.length).toBeLessThanOrEqual(15);
    expect(checked.plans.length - clean.length).toBeGreaterThan(0);
  });
});
