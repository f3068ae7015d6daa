/**
 * `npm run bench:diagrams`: the build-time SVG step alone. Every mermaid block of the example
 * specs/ (and ../shared/corpus when present) drawn in light and dark, first with an empty cache
 * (cold), then again (warm, from the on-disk cache).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const cache = mkdtempSync(path.join(os.tmpdir(), "plan-portal-svg-bench-"));
process.env["PLAN_PORTAL_CACHE_DIR"] = cache;
const { createSvgRenderer } = await import("../src/diagrams/render-svg.ts");
const { runPipeline } = await import("../src/pipeline.ts");
const { stopMermaidWorker } = await import("../src/diagrams/validate-mermaid.ts");

const repo = path.resolve(import.meta.dirname, "..", "..", "..");
const corpus = path.resolve(repo, "..", "shared", "corpus");
const roots = [path.join(repo, "specs"), ...(existsSync(corpus) ? [corpus] : [])];
const result = await runPipeline({ roots, cwd: repo, today: "2026-11-25" });
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
async function pass(label: string): Promise<void> {
  const start = performance.now();
  await Promise.all(
    sources.flatMap((s) => [renderer!.render(s, "light"), renderer!.render(s, "dark")]),
  );
  const s = (performance.now() - start) / 1000;
  console.log(
    `| ${label} | ${sources.length} | ${sources.length * 2} | ${s.toFixed(2)} s | ${((sources.length * 2) / s).toFixed(1)} |`,
  );
}
console.log(
  `valid diagrams in ${roots.map((r) => path.relative(repo, r) || ".").join(" + ")}: ${sources.length}\n`,
);
console.log("| cache | diagrams | SVGs (light + dark) | time | SVGs/s |");
console.log("|---|---|---|---|---|");
const launchStart = performance.now();
await pass("cold");
await pass("warm");
console.log(
  `\nrenderer stats: ${JSON.stringify(renderer.stats())}; total incl. first page setup ${((performance.now() - launchStart) / 1000).toFixed(2)} s`,
);
await renderer.close();
rmSync(cache, { recursive: true, force: true });
