/**
 * `npm run bench:check`: throughput of `plan-portal check` (discover + read + parse + all rules)
 * over at least 5,000 plans made by replicating ../shared/corpus (or the example specs/ when the
 * corpus is absent). Prints a markdown table row per run and the peak RSS.
 *
 *   npm run bench:check -- --plans 5000 --runs 5
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { planFolders } from "./replicate.ts";
import { runPipeline } from "../src/pipeline.ts";

const { values } = parseArgs({
  options: {
    plans: { type: "string", default: "5000" },
    runs: { type: "string", default: "5" },
    source: { type: "string" },
  },
});
const target = Number(values.plans);
const runs = Number(values.runs);
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
const corpus = path.resolve(repo, "..", "shared", "corpus");
const source = values.source ?? (existsSync(corpus) ? corpus : path.join(repo, "specs"));

const originals = planFolders(source);
const work = mkdtempSync(path.join(os.tmpdir(), "plan-portal-bench-"));
let made = 0;
let bytes = 0;
for (let copy = 0; made < target; copy++) {
  const root = path.join(work, `copy-${String(copy).padStart(3, "0")}`);
  mkdirSync(root);
  for (const folder of originals) {
    if (made >= target) break;
    const dest = path.join(root, `${String(made).padStart(5, "0")}-${path.basename(folder)}`);
    cpSync(folder, dest, { recursive: true });
    bytes += statSync(path.join(dest, "plan.md")).size;
    made++;
  }
}

console.log(
  `source: ${source} (${originals.length} plans), replicated to ${made} plans, ${(bytes / 1e6).toFixed(1)} MB of plan.md`,
);
console.log(`node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? "?"})\n`);
console.log("| run | plans | wall ms | plans/s | MB/s |");
console.log("|---|---|---|---|---|");
const rates: number[] = [];
for (let run = 1; run <= runs; run++) {
  const start = performance.now();
  const result = await runPipeline({ roots: [work], cwd: work, today: "2026-11-25" });
  const ms = performance.now() - start;
  if (result.plans.length !== made)
    throw new Error(`expected ${made} plans, got ${result.plans.length}`);
  const rate = made / (ms / 1000);
  rates.push(rate);
  console.log(
    `| ${run} | ${made} | ${ms.toFixed(0)} | ${rate.toFixed(0)} | ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} |`,
  );
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)]!;
console.log(
  `\nmedian ${median.toFixed(0)} plans/s (min ${rates[0]!.toFixed(0)}, max ${rates[rates.length - 1]!.toFixed(0)})`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
rmSync(work, { recursive: true, force: true });
