/**
 * `npm run bench:portal -- --plans 1000`: a full standalone portal build (pages, dashboards and the
 * Pagefind index) of N plans replicated from ../shared/corpus (or the example specs/), reporting
 * wall time, per-stage times and the search index size from the build's own log.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { planFolders } from "./replicate.ts";

const { values } = parseArgs({
  options: { plans: { type: "string", default: "1000" }, source: { type: "string" } },
});
const target = Number(values.plans);
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
const corpus = path.resolve(repo, "..", "shared", "corpus");
const source = values.source ?? (existsSync(corpus) ? corpus : path.join(repo, "specs"));

const work = mkdtempSync(path.join(os.tmpdir(), "plan-portal-scale-"));
const specs = path.join(work, "specs");
mkdirSync(specs);
const originals = planFolders(source);
for (let i = 0; i < target; i++) {
  const folder = originals[i % originals.length]!;
  cpSync(
    folder,
    path.join(
      specs,
      `${String(i + 1).padStart(4, "0")}-${path.basename(folder).replace(/^\d+[-_]?/, "")}`,
    ),
    { recursive: true },
  );
}
const out = path.join(work, "out");
const start = performance.now();
const result = spawnSync(
  process.execPath,
  [
    path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js"),
    "build",
    specs,
    "--out",
    out,
    "--today",
    "2026-11-25",
  ],
  {
    cwd: work,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  },
);
const ms = performance.now() - start;
const log = result.stdout + result.stderr;
if (result.status !== 0) {
  console.error(log.slice(-4000));
  process.exit(1);
}
const pages = log.match(/(\d+) page\(s\) built/)?.[1];
console.log(`source: ${source} (${originals.length} plans), replicated to ${target}`);
console.log(`wall ${(ms / 1000).toFixed(1)} s for ${pages} pages`);
for (const line of log.split("\n").filter((l) => /\[plan-portal\] (stages|search index)/.test(l)))
  console.log(line.replace(/^\S+ /, ""));
rmSync(work, { recursive: true, force: true });
