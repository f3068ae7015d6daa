/**
 * `npm run bench:check`: throughput of `plan-portal check` (discover + read + parse + all rules)
 * over at least 5,000 plans made by replicating ../shared/corpus (or the example specs/ when the
 * corpus is absent). Prints a markdown table row per run and the peak RSS.
 *
 *   npm run bench:check -- --plans 5000 --runs 5
 *   npm run bench:check -- --mode in-process     # runPipeline, the models held in one thread
 *
 * `--mode workers` (the default) is what `plan-portal check` runs without history: parse and
 * plan rules in worker threads, projections back (issue 19). Peak RSS covers every thread.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { planFolders } from "./replicate.ts";
import { runCheckPipeline, runPipeline } from "../src/pipeline.ts";
import { stopMermaidWorker } from "../src/diagrams/validate-mermaid.ts";

const { values } = parseArgs({
  options: {
    plans: { type: "string", default: "5000" },
    runs: { type: "string", default: "5" },
    source: { type: "string" },
    mode: { type: "string", default: "workers" },
    workers: { type: "string" },
  },
});
if (values.mode !== "workers" && values.mode !== "in-process")
  throw new Error(`--mode is workers or in-process, not ${values.mode}`);
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
console.log(`node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? "?"})`);
console.log(
  `command: npm run bench:check -- ${process.argv.slice(2).join(" ")} (mode ${values.mode}), load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}\n`,
);
// CPU time (every thread) says more than wall time on a shared machine: it is not waiting.
console.log("| run | plans | wall ms | plans/s | MB/s | cpu ms | cpu ms/plan |");
console.log("|---|---|---|---|---|---|---|");
const rates: number[] = [];
for (let run = 1; run <= runs; run++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const options = { roots: [work], cwd: work, today: "2026-11-25" };
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  const result =
    values.mode === "workers"
      ? await runCheckPipeline(options, workers)
      : await runPipeline(options);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (result.plans.length !== made)
    throw new Error(`expected ${made} plans, got ${result.plans.length}`);
  const rate = made / (ms / 1000);
  rates.push(rate);
  console.log(
    `| ${run} | ${made} | ${ms.toFixed(0)} | ${rate.toFixed(0)} | ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} | ${cpuMs.toFixed(0)} | ${(cpuMs / made).toFixed(2)} |`,
  );
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)]!;
console.log(
  `\nmedian ${median.toFixed(0)} plans/s (min ${rates[0]!.toFixed(0)}, max ${rates[rates.length - 1]!.toFixed(0)})`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(
  `load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
rmSync(work, { recursive: true, force: true });
// The mermaid validation workers are unref'd, but stopping them lets the process exit at once.
await stopMermaidWorker();
