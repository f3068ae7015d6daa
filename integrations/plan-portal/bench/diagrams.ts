/**
 * `npm run bench:diagrams`: build-time SVG, in two parts.
 *
 * 1. The SVG step alone: every mermaid block of the example specs/ (and ../shared/corpus when
 *    present) drawn once (one SVG serves both themes), first with an empty cache (cold), then
 *    again (warm, from the on-disk cache).
 * 2. The SVG ratio: the standalone `plan-portal build` of `--plans N` generated plans with
 *    diagrams drawn at build (`--diagrams svg`) over the same build with diagrams drawn in the
 *    browser (`--diagrams client`), both cold (no output, fresh caches), `--runs` pairs run
 *    alternately (client, svg, client, svg …) so that a machine's drift hits both alike; the
 *    ratio is taken pair by pair and its median reported. `--plans 0` skips this part.
 *
 *   npm run bench:diagrams -- --plans 300 --runs 3
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { TODAY, generatePlans } from "./gen/index.ts";
import { measure, median } from "./gen/measure.ts";

const { values } = parseArgs({
  options: {
    plans: { type: "string", default: "300" },
    runs: { type: "string", default: "3" },
  },
});
const plans = Number(values.plans);
const runs = Number(values.runs);
if (!Number.isInteger(plans) || plans < 0 || !Number.isInteger(runs) || runs < 1)
  throw new Error("--plans takes a whole number (0 skips the build ratio), --runs a positive one");

const work = mkdtempSync(path.join(os.tmpdir(), "plan-portal-svg-bench-"));
process.env["PLAN_PORTAL_CACHE_DIR"] = path.join(work, "step-cache");
const { createSvgRenderer } = await import("../src/diagrams/render-svg.ts");
const { runPipeline } = await import("../src/pipeline.ts");
const { stopMermaidWorker } = await import("../src/diagrams/validate-mermaid.ts");

const repo = path.resolve(import.meta.dirname, "..", "..", "..");
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Part 1: the renderer alone, cold then warm. */
async function svgStep(): Promise<void> {
  const corpus = path.resolve(repo, "..", "shared", "corpus");
  const roots = [path.join(repo, "specs"), ...(existsSync(corpus) ? [corpus] : [])];
  const result = await runPipeline({ roots, cwd: repo, today: TODAY });
  await stopMermaidWorker();
  const sources = [
    ...new Set(
      result.plans.flatMap((c) =>
        c.plan.diagrams.filter((d) => d.validation?.ok).map((d) => d.source),
      ),
    ),
  ];
  const renderer = await createSvgRenderer();
  if (!renderer) {
    console.error("No Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH).");
    process.exit(1);
  }
  const pass = async (label: string) => {
    const start = performance.now();
    renderer.prefetch(sources);
    await Promise.all(sources.map((s) => renderer.render(s)));
    const ms = performance.now() - start;
    console.log(
      `| ${label} | ${sources.length} | ${sec(ms)} | ${(sources.length / (ms / 1000)).toFixed(1)} |`,
    );
  };
  console.log(
    `valid diagrams in ${roots.map((r) => path.relative(repo, r) || ".").join(" + ")}: ${sources.length}\n`,
  );
  console.log("| cache | SVGs (one per diagram, both themes) | time | SVGs/s |");
  console.log("|---|---|---|---|");
  const start = performance.now();
  await pass("cold");
  await pass("warm");
  console.log(
    `\nrenderer stats: ${JSON.stringify(renderer.stats())}; total incl. Chromium's page setup ${sec(performance.now() - start)}`,
  );
  await renderer.close();
}

/** One cold standalone build of `specs` (its scratch Astro project, output and caches removed). */
async function coldBuild(specs: string, mode: "client" | "svg"): Promise<number> {
  const scratch = path.join(
    repo,
    "node_modules",
    ".cache",
    "plan-portal",
    `site-${createHash("sha1").update(specs).digest("hex").slice(0, 12)}`,
  );
  const out = path.join(work, `out-${mode}`);
  const cache = path.join(work, `cache-${mode}`);
  for (const dir of [scratch, out, cache]) rmSync(dir, { recursive: true, force: true });
  const bin = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
  const run = await measure(
    [process.execPath, bin, "build", specs, "--out", out, "--today", TODAY, "--diagrams", mode],
    {
      cwd: work,
      env: { ...process.env, PLAN_PORTAL_CACHE_DIR: cache, NO_COLOR: "1" },
      timeFile: path.join(work, "time.txt"),
    },
  );
  if (!run.ok) throw new Error(`plan-portal build --diagrams ${mode} failed:\n${run.log}`);
  rmSync(scratch, { recursive: true, force: true });
  return run.ms;
}

/** Part 2: cold build with SVG at build over cold build drawn in the browser, paired runs. */
async function svgRatio(): Promise<void> {
  const specs = generatePlans({ plans, out: path.join(work, "plans") }).specsRoots[0]!;
  const client: number[] = [];
  const svg: number[] = [];
  const ratios: number[] = [];
  console.log(`\nSVG ratio: ${plans} generated plans, cold standalone builds, ${runs} pairs\n`);
  console.log("| pair | diagrams client | diagrams svg | svg / client |");
  console.log("|---|---|---|---|");
  for (let i = 1; i <= runs; i++) {
    client.push(await coldBuild(specs, "client"));
    svg.push(await coldBuild(specs, "svg"));
    ratios.push(svg.at(-1)! / client.at(-1)!);
    console.log(
      `| ${i} | ${sec(client.at(-1)!)} | ${sec(svg.at(-1)!)} | ${ratios.at(-1)!.toFixed(2)} |`,
    );
  }
  console.log(
    `| median | ${sec(median(client))} | ${sec(median(svg))} | **${median(ratios).toFixed(2)}** (target ≤ 1.5) |`,
  );
}

try {
  await svgStep();
  if (plans > 0) await svgRatio();
} finally {
  rmSync(work, { recursive: true, force: true });
}
