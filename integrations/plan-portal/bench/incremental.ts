/**
 * `node integrations/plan-portal/bench/incremental.ts --plans 1000 [--roots 3] [--runs cold,warm,edit]`:
 * standalone portal builds of N plans replicated from ../shared/corpus (or the example specs/),
 * spread over R specs folders: cold (empty PLAN_PORTAL_CACHE_DIR), warm with nothing changed, and
 * warm after appending a line to one plan.md. Prints wall time, peak RSS (`/usr/bin/time -v`: the
 * largest process of the build's tree) and the build's own stage and search-index lines.
 */
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { planFolders } from "./replicate.ts";

const { values } = parseArgs({
  options: {
    plans: { type: "string", default: "1000" },
    roots: { type: "string", default: "1" },
    runs: { type: "string", default: "cold,warm,edit" },
    source: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const target = Number(values.plans);
const rootCount = Math.max(1, Number(values.roots));
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
const corpus = path.resolve(repo, "..", "shared", "corpus");
const source = values.source ?? (existsSync(corpus) ? corpus : path.join(repo, "specs"));

const work = mkdtempSync(path.join(os.tmpdir(), "plan-portal-incremental-"));
const cache = path.join(work, "cache");
const roots = Array.from({ length: rootCount }, (_, i) =>
  rootCount === 1 ? path.join(work, "specs") : path.join(work, `app${i}`, "specs"),
);
for (const r of roots) mkdirSync(r, { recursive: true });
const originals = planFolders(source);
for (let i = 0; i < target; i++) {
  const folder = originals[i % originals.length]!;
  const name = `${String(i + 1).padStart(4, "0")}-${path.basename(folder).replace(/^\d+[-_]?/, "")}`;
  cpSync(folder, path.join(roots[i % rootCount]!, name), { recursive: true });
}
const time = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

function build(label: string): void {
  const args = [
    path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js"),
    "build",
    ...roots,
    "--out",
    path.join(work, "out"),
    "--today",
    "2026-11-25",
  ];
  const start = performance.now();
  const result = spawnSync(
    time ?? process.execPath,
    time ? ["-v", process.execPath, ...args] : args,
    {
      cwd: work,
      encoding: "utf8",
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, PLAN_PORTAL_CACHE_DIR: cache },
    },
  );
  const ms = performance.now() - start;
  const log = result.stdout + result.stderr;
  if (result.status !== 0) {
    console.error(log.slice(-4000));
    process.exit(1);
  }
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(log)?.[1] ?? NaN) / 1024;
  console.log(
    `${label.padEnd(5)} wall ${(ms / 1000).toFixed(1)} s, peak RSS ${Number.isNaN(rss) ? "?" : rss.toFixed(0) + " MB"}`,
  );
  for (const line of log
    .split("\n")
    .filter((l) => /\[plan-portal\] (stages|markdown|search index)/.test(l)))
    console.log(`      ${line.replace(/^\S+ \[plan-portal\] /, "")}`);
}

console.log(
  `source: ${source} (${originals.length} plans), ${target} plans in ${rootCount} folder(s)`,
);
for (const run of values.runs!.split(",")) {
  if (run === "cold") rmSync(cache, { recursive: true, force: true });
  if (run === "edit") {
    const first = roots[0]!;
    const plan = path.join(first, readdirSync(first).sort()[Math.floor(target / rootCount / 2)]!);
    appendFileSync(
      path.join(plan, "plan.md"),
      `\n\nEdited by bench/incremental at ${Date.now()}.\n`,
    );
  }
  build(run);
}
if (!values.keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
