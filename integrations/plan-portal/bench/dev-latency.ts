/**
 * `npm run bench:dev`: time from saving a plan.md to `astro dev` serving the updated page, on a
 * copy of the example site (the repository is never edited) or on N generated plans.
 *
 *   npm run bench:dev -- --plans 1000 --runs 20 [--burst 20] [--cache DIR]
 *
 * Reports: start (spawn to the plan page served), the first edit after start, then `--runs`
 * edits one after another (median, p90, min, max), then a burst of `--burst` saves within one
 * second (time from the last save to its text on the page, and how many rebuilds the server
 * logged for the burst). Diagrams follow the site's default (`auto`: SVG when Chromium exists);
 * `--cache` keeps plan-portal's cache (drawn SVGs, rendered markdown) between bench runs, default
 * a folder per plan count under the system's temp folder; `--cold-cache` empties it first.
 * `--log` prints the server's plan-portal lines (each rebuild's stages) at the end.
 * `--package DIR` serves another build of the package (a built copy of an older commit).
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generatePlans } from "./gen/index.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "15" },
    plans: { type: "string", default: "12" },
    burst: { type: "string", default: "20" },
    cache: { type: "string" },
    "cold-cache": { type: "boolean", default: false },
    package: { type: "string" },
    log: { type: "boolean", default: false },
  },
});
const planCount = Number(values.plans);
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
// The copy lives inside the repository so that node_modules resolve; it is removed at the end.
const root = mkdtempSync(path.join(repo, "tests", "fixtures", "sites", "bench-dev-"));
const cache = path.resolve(
  values.cache ?? path.join(os.tmpdir(), `plan-portal-bench-dev-cache-${planCount}`),
);
if (values["cold-cache"]) rmSync(cache, { recursive: true, force: true });

/** The example specs (12 plans) or N generated ones; the plan to edit and its page. */
function writeSpecs(): { specsDir: string; plan: string; title: string } {
  if (planCount === 12) {
    cpSync(path.join(repo, "specs"), path.join(root, "specs"), { recursive: true });
    return { specsDir: "specs", plan: "003-checkout-flow", title: "Checkout Flow" };
  }
  const generated = generatePlans({ plans: planCount, out: path.join(root, "gen") });
  const middle = generated.plans[Math.floor(generated.plans.length / 2)]!;
  const text = readFileSync(path.join(middle.dir, "plan.md"), "utf8");
  const title = /^# (?:Implementation Plan: )?(.+)$/m.exec(text)?.[1] ?? middle.id;
  return { specsDir: "gen/specs", plan: middle.id, title: title.trim() };
}

/**
 * A snapshot of the built package for this server alone: other builds of dist/ (shared checkout)
 * would otherwise pull the files from under a running dev server. Taken under the build lock.
 */
function snapshotPackage(): void {
  const into = path.join(root, "node_modules", "plan-portal");
  mkdirSync(into, { recursive: true });
  const from = path.resolve(values.package ?? path.join(repo, "integrations", "plan-portal"));
  const copy = spawnSync(
    "flock",
    [
      "-s",
      "/tmp/plan-portal-site.lock",
      "cp",
      "-r",
      "package.json",
      "dist",
      "templates",
      "docs",
      into,
    ],
    { cwd: from, encoding: "utf8" },
  );
  if (copy.status !== 0) throw new Error(`could not copy the package: ${copy.stderr}`);
}

snapshotPackage();
const specs = writeSpecs();
writeFileSync(
  path.join(root, "astro.config.mjs"),
  `import { defineConfig } from "astro/config";\nimport planPortal from "plan-portal";\nexport default defineConfig({ integrations: [planPortal({ today: "2026-11-25", specsDir: ${JSON.stringify(specs.specsDir)} })] });\n`,
);
writeFileSync(path.join(root, "package.json"), `{ "private": true, "type": "module" }\n`);

const port = await new Promise<number>((resolve) => {
  const srv = createServer();
  srv.listen(0, "127.0.0.1", () => {
    const p = (srv.address() as { port: number }).port;
    srv.close(() => resolve(p));
  });
});
const started = performance.now();
const child = spawn(
  process.execPath,
  [
    path.join(repo, "node_modules", "astro", "bin", "astro.mjs"),
    "dev",
    "--root",
    root,
    "--port",
    String(port),
    "--host",
    "127.0.0.1",
  ],
  {
    env: { ...process.env, NODE_ENV: "development", PLAN_PORTAL_CACHE_DIR: cache },
    stdio: ["ignore", "pipe", "pipe"],
  },
);
// The server's log: rebuilds are counted from its "plans updated" lines.
let log = "";
child.stdout.on("data", (d: Buffer) => (log += d.toString()));
child.stderr.on("data", (d: Buffer) => (log += d.toString()));
let exited: string | null = null;
child.on("exit", (code, signal) => (exited = `astro dev exited (${signal ?? code})`));
const rebuilds = () => log.match(/plans updated in/g)?.length ?? 0;

const page = `http://127.0.0.1:${port}/plans/${specs.plan}/`;
const get = () =>
  fetch(page).then(
    (r) => r.text(),
    () => "",
  );
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const file = path.join(root, specs.specsDir, specs.plan, "plan.md");
const original = readFileSync(file, "utf8");
const withToken = (token: string) =>
  original.includes("## Summary\n")
    ? original.replace("## Summary\n", `## Summary\n\n${token}\n`)
    : `${original}\n\n${token}\n`;

/** Save `token` into the plan, then poll the page until it shows it; milliseconds. */
async function edit(token: string, timeoutMs = 120_000): Promise<number> {
  const t0 = performance.now();
  writeFileSync(file, withToken(token));
  await untilShown(token, t0, timeoutMs);
  return performance.now() - t0;
}

async function untilShown(token: string, t0: number, timeoutMs: number): Promise<void> {
  while (!(await get()).includes(token)) {
    if (exited) throw new Error(exited);
    if (performance.now() - t0 > timeoutMs) throw new Error(`no update within ${timeoutMs} ms`);
  }
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;

/** A burst: saves every 1000/N ms; only the last state has to reach the page. */
async function burst(saves: number): Promise<string> {
  const before = rebuilds();
  let last = "";
  for (let i = 0; i < saves; i++) {
    last = `latency-burst-${i}-${Date.now()}`;
    writeFileSync(file, withToken(last));
    if (i < saves - 1) await pause(1000 / saves);
  }
  const burstStart = performance.now();
  try {
    await untilShown(last, burstStart, 120_000);
  } catch {
    return `last save not on the page after 120 s, ${rebuilds() - before} rebuild(s) logged by then`;
  }
  const burstMs = performance.now() - burstStart;
  // Rebuilds still running or queued after the final state would show up here.
  await pause(2000);
  return `last save to its HTML ${ms(burstMs)}, ${rebuilds() - before} rebuild(s) logged`;
}

try {
  while (!(await get()).includes(specs.title)) {
    if (exited) throw new Error(exited);
    if (performance.now() - started > 900_000) throw new Error("astro dev did not start");
    await pause(100);
  }
  console.log(
    `astro dev, ${planCount} plans, edits of ${path.relative(root, file)} (diagrams: the site's default; cache ${cache}):`,
  );
  console.log(`start to plan page served: ${ms(performance.now() - started)}`);
  console.log(`first edit after start: ${ms(await edit(`latency-probe-first-${Date.now()}`))}`);
  await pause(300);

  const times: number[] = [];
  for (let run = 0; run < Number(values.runs); run++) {
    times.push(await edit(`latency-probe-${run}-${Date.now()}`));
    await pause(150);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${times.length} edits one after another: median ${ms(at(times, 0.5))}, p90 ${ms(at(times, 0.9))}, min ${ms(times[0]!)}, max ${ms(times[times.length - 1]!)}`,
  );
  await pause(500);
  const saves = Number(values.burst);
  console.log(`burst of ${saves} saves within 1 s: ${await burst(saves)}`);
  console.log(
    "(edit times include the watcher's debounce, the rebuild of the model, re-rendering the changed file and the page request)",
  );
  writeFileSync(file, original);
  if (values.log)
    console.log(
      log
        .split("\n")
        .filter((l) => l.includes("[plan-portal]"))
        .join("\n"),
    );
} catch (error) {
  console.error(log.slice(-4000));
  throw error;
} finally {
  child.kill();
  rmSync(root, { recursive: true, force: true });
}
