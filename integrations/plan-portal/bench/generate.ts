/**
 * `npm run bench:gen -- --plans N --out DIR [--seed S] [--roots K]`: writes N realistic plan
 * folders for the benchmarks (see gen/). DIR must be outside the repository or git-ignored;
 * with --roots K the plans are split over DIR/root-1/specs … DIR/root-K/specs (a monorepo).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { generatePlans } from "./gen/index.ts";

const { values } = parseArgs({
  options: {
    plans: { type: "string", default: "100" },
    out: { type: "string" },
    seed: { type: "string", default: "plan-portal" },
    roots: { type: "string", default: "1" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help || !values.out) {
  console.log("Usage: npm run bench:gen -- --plans N --out DIR [--seed S] [--roots K]");
  process.exit(values.help ? 0 : 2);
}
const out = path.resolve(values.out);
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
if (out === repo || out.startsWith(repo + path.sep)) {
  const ignored = spawnSync("git", ["check-ignore", "-q", out], { cwd: repo }).status === 0;
  if (!ignored) {
    console.error(`${out} is inside the repository and not git-ignored; pass a folder outside it.`);
    process.exit(2);
  }
}
const start = performance.now();
const result = generatePlans({
  plans: Number(values.plans),
  out,
  seed: values.seed!,
  roots: Number(values.roots),
});
const withDefects = result.plans.filter((p) => p.defects.length > 0).length;
const sizes = result.plans.map((p) => p.planBytes).sort((a, b) => a - b);
console.log(
  `${result.plans.length} plans in ${result.specsRoots.length} root(s) (seed "${values.seed}", shapes from ${result.shapesFrom} real plans) in ${(performance.now() - start).toFixed(0)} ms`,
);
console.log(
  `plan.md: ${(result.planBytes / 1e6).toFixed(2)} MB, ${sizes[0]}–${sizes[sizes.length - 1]} bytes (median ${sizes[Math.floor(sizes.length / 2)]}); all files ${(result.totalBytes / 1e6).toFixed(2)} MB; ${withDefects} plans with deliberate findings`,
);
for (const root of result.specsRoots) console.log(root);
