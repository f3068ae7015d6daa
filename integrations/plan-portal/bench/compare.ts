/**
 * `npm run bench`: the portal against a plain Astro site and Starlight on the same generated plans.
 *
 *   npm run bench -- --plans 100,1000 --runs 3 --out BENCHMARKS-table.md
 *   npm run bench -- --quick          # N = 20, one run, short check/dev runs: a smoke test
 *
 * For each N, plans are generated once (seeded, see generate.ts), then every site is built cold
 * (no output, no Astro or plan-portal caches) and warm (one plan's text edited, caches kept),
 * `--runs` times, sites interleaved within a run:
 *   (a)     the portal via the standalone `plan-portal build`, diagrams drawn in the browser
 *   (a-svg) the same with `--diagrams svg` (diagrams drawn at build in headless Chromium)
 *   (b)     plain Astro 7: the plans as a content collection, `render(entry)`, then Pagefind
 *   (c)     Starlight 0.42: the plans as its docs collection, its built-in Pagefind search
 * The templates of (b) and (c) are in bench/sites/ at the repository root; they are copied into
 * bench/.work/ (git-ignored; inside the repository so that node_modules resolve) and built there.
 * Then bench:check and bench:dev run, and the whole report is written as markdown to --out.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { TODAY, generatePlans, type GenerateResult } from "./gen/index.ts";
import { dirSize, measure, median, pageScripts, type Measured } from "./gen/measure.ts";

const { values } = parseArgs({
  options: {
    plans: { type: "string", default: "100,1000" },
    runs: { type: "string", default: "3" },
    out: { type: "string", default: "BENCHMARKS-table.md" },
    seed: { type: "string", default: "plan-portal" },
    sites: { type: "string", default: "portal,portal-svg,plain,starlight" },
    quick: { type: "boolean", default: false },
    "skip-extra": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const quick = values.quick!;
const sizes = quick ? [20] : values.plans!.split(",").map(Number);
const runs = quick ? 1 : Number(values.runs);
const chosen = values.sites!.split(",");
const outFile = path.resolve(values.out!);
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
const node = process.execPath;
const astroBin = path.join(repo, "node_modules", "astro", "bin", "astro.mjs");
const pagefindBin = path.join(repo, "node_modules", "pagefind", "lib", "runner", "bin.cjs");
const portalBin = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(runs >= 1))
  throw new Error("--plans takes a comma-separated list of positive integers, --runs a number");

const work = mkdtempSync(path.join(os.tmpdir(), "plan-portal-compare-"));
mkdirSync(path.join(repo, "bench", ".work"), { recursive: true });
const siteWork = mkdtempSync(path.join(repo, "bench", ".work", "compare-"));
const timeFile = path.join(work, "time.txt");
const log = (line: string) => process.stdout.write(line + "\n");

interface Site {
  key: string;
  label: string;
  /** Remove every output and cache, so the next build is cold. */
  cold(): void;
  /** Commands run one after the other; their times add up, peak RSS is the larger. */
  steps(): { argv: string[]; cwd: string; env: NodeJS.ProcessEnv }[];
  dist(): string;
  planPage(id: string): string;
  cleanup(): void;
}

const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };

function portalSite(specs: string, mode: "client" | "svg"): Site {
  const out = path.join(work, `out-portal-${mode}`);
  // The standalone build's Astro project (see src/cli/site.ts scratchRoot): one per specs folder.
  const scratch = path.join(
    repo,
    "node_modules",
    ".cache",
    "plan-portal",
    `site-${createHash("sha1").update(specs).digest("hex").slice(0, 12)}`,
  );
  let cache = "";
  return {
    key: mode === "client" ? "portal" : "portal-svg",
    label:
      mode === "client" ? "(a) plan-portal, diagrams client" : "(a-svg) plan-portal, diagrams svg",
    cold() {
      rmSync(scratch, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
      cache = mkdtempSync(path.join(work, `cache-${mode}-`));
    },
    steps: () => [
      {
        argv: [node, portalBin, "build", specs, "--out", out, "--today", TODAY, "--diagrams", mode],
        cwd: work,
        env: { ...baseEnv, PLAN_PORTAL_CACHE_DIR: cache },
      },
    ],
    dist: () => out,
    planPage: (id) => path.join(out, id, "index.html"),
    cleanup() {
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function astroSite(specs: string, kind: "plain" | "starlight"): Site {
  const dir = path.join(siteWork, kind);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(repo, "bench", "sites", kind), dir, { recursive: true });
  const env = { ...baseEnv, BENCH_SPECS_DIR: specs };
  return {
    key: kind,
    label: kind === "plain" ? "(b) plain Astro + Pagefind" : "(c) Starlight",
    cold() {
      for (const d of ["dist", ".astro", ".astro-cache", "node_modules"])
        rmSync(path.join(dir, d), { recursive: true, force: true });
    },
    steps: () => [
      { argv: [node, astroBin, "build"], cwd: dir, env },
      ...(kind === "plain" ? [{ argv: [node, pagefindBin, "--site", "dist"], cwd: dir, env }] : []),
    ],
    dist: () => path.join(dir, "dist"),
    planPage: (id) =>
      path.join(dir, "dist", ...(kind === "plain" ? ["plans", id] : [id]), "index.html"),
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function build(site: Site): Promise<Measured> {
  let total: Measured = { ok: true, ms: 0, treeRss: 0, maxRss: 0, log: "" };
  for (const step of site.steps()) {
    const m = await measure(step.argv, { cwd: step.cwd, env: step.env, timeFile });
    total = {
      ok: total.ok && m.ok,
      ms: total.ms + m.ms,
      treeRss: Math.max(total.treeRss, m.treeRss),
      maxRss: Math.max(total.maxRss, m.maxRss),
      log: m.log,
    };
    if (!m.ok) break;
  }
  return total;
}

interface SiteResult {
  label: string;
  cold: Measured[];
  warm: Measured[];
  output?: { bytes: number; files: number; pages: number };
  js?: { bytes: number; files: number };
  notes: string[];
}

interface SizeResult {
  n: number;
  gen: GenerateResult;
  genMs: number;
  sites: Record<string, SiteResult>;
}

const results: SizeResult[] = [];
const extras: { title: string; command: string; output: string }[] = [];

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const spread = (ms: number[]) =>
  ms.length === 0
    ? "–"
    : ms.length === 1
      ? sec(ms[0]!)
      : `${sec(median(ms))} (${sec(Math.min(...ms))}–${sec(Math.max(...ms))})`;
const ok = (ms: Measured[]) => ms.filter((m) => m.ok);

for (const n of sizes) {
  const genDir = path.join(work, `plans-${n}`);
  const t0 = performance.now();
  const gen = generatePlans({ plans: n, out: genDir, seed: values.seed! });
  const genMs = performance.now() - t0;
  const specs = gen.specsRoots[0]!;
  log(
    `\n== N=${n}: ${gen.plans.length} plans generated in ${sec(genMs)} (${(gen.planBytes / 1e6).toFixed(1)} MB of plan.md) in ${specs}`,
  );
  const all: Site[] = [
    portalSite(specs, "client"),
    portalSite(specs, "svg"),
    astroSite(specs, "plain"),
    astroSite(specs, "starlight"),
  ];
  const sites = all.filter((s) => chosen.includes(s.key));
  const size: SizeResult = { n, gen, genMs, sites: {} };
  results.push(size);
  for (const s of sites) size.sites[s.key] = { label: s.label, cold: [], warm: [], notes: [] };

  // The plan edited before each warm build, and the plan whose page is weighed.
  const edited = gen.plans[Math.floor(gen.plans.length / 2)]!;
  const editedFile = path.join(edited.dir, "plan.md");
  const original = readFileSync(editedFile, "utf8");
  const probe = gen.plans[0]!.id;

  for (let run = 1; run <= runs; run++) {
    for (const site of sites) {
      const r = size.sites[site.key]!;
      writeFileSync(editedFile, original);
      site.cold();
      const cold = await build(site);
      r.cold.push(cold);
      log(
        `[N=${n} run ${run}/${runs}] ${site.key} cold: ${cold.ok ? sec(cold.ms) : "FAILED"}, tree RSS ${mb(cold.treeRss)}, largest process ${mb(cold.maxRss)}`,
      );
      if (!cold.ok) {
        log(cold.log.slice(-3000));
        continue;
      }
      if (!r.output) {
        const out = dirSize(site.dist());
        const pages = readdirSync(site.dist(), { recursive: true }).filter((f) =>
          String(f).endsWith(".html"),
        ).length;
        r.output = { ...out, pages };
        const page = site.planPage(probe);
        if (existsSync(page)) r.js = pageScripts(page, site.dist());
        else r.notes.push(`plan page not found at ${path.relative(site.dist(), page)}`);
      }
      const token = `bench-edit-${run}-${Date.now().toString(36)}`;
      writeFileSync(
        editedFile,
        original.replace(/^## Summary\n/m, `## Summary\n\nEdited for the warm build: ${token}.\n`),
      );
      const warm = await build(site);
      r.warm.push(warm);
      const page = site.planPage(edited.id);
      const seen = warm.ok && existsSync(page) && readFileSync(page, "utf8").includes(token);
      if (warm.ok && !seen && !r.notes.includes("edit not seen"))
        r.notes.push("edit not seen on the page after the warm build");
      log(
        `[N=${n} run ${run}/${runs}] ${site.key} warm: ${warm.ok ? sec(warm.ms) : "FAILED"}, tree RSS ${mb(warm.treeRss)}${seen ? "" : " (edit NOT seen on the page)"}`,
      );
      if (!warm.ok) log(warm.log.slice(-3000));
    }
  }
  writeFileSync(editedFile, original);
  for (const s of all) s.cleanup();
  writeFileSync(outFile, report());
}

if (!values["skip-extra"]) {
  const extra = [
    {
      title: "`plan-portal check` throughput",
      script: "check-throughput.ts",
      args: quick ? ["--plans", "500", "--runs", "1"] : [],
      npm: "npm run bench:check",
    },
    {
      title: "dev: edit to updated HTML",
      script: "dev-latency.ts",
      args: quick ? ["--runs", "3"] : ["--plans", "1000"],
      npm: "npm run bench:dev",
    },
  ];
  for (const e of extra) {
    log(`\n== ${e.npm} ${e.args.join(" ")}`);
    const m = await measure([node, path.join(import.meta.dirname, e.script), ...e.args], {
      cwd: repo,
      env: baseEnv,
      timeFile,
    });
    const output = m.log.trim();
    log(output);
    extras.push({
      title: e.title,
      command: `${e.npm}${e.args.length ? ` -- ${e.args.join(" ")}` : ""}`,
      output: m.ok ? output : `FAILED\n${output.slice(-3000)}`,
    });
  }
}
writeFileSync(outFile, report());
log(`\nreport written to ${outFile}`);
if (!values.keep) {
  rmSync(work, { recursive: true, force: true });
  rmSync(siteWork, { recursive: true, force: true });
} else log(`kept ${work} and ${siteWork}`);

function sh(cmd: string, args: string[], trimStart = true): string {
  try {
    const out = execFileSync(cmd, args, { encoding: "utf8", cwd: repo }).trimEnd();
    return trimStart ? out.trimStart() : out;
  } catch {
    return "?";
  }
}

function report(): string {
  const osName =
    /^PRETTY_NAME="?([^"\n]*)/m.exec(
      existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "",
    )?.[1] ?? os.platform();
  const args = process.argv.slice(2).join(" ");
  const lines: string[] = [
    "## Portal vs plain Astro vs Starlight — `npm run bench`",
    "",
    "```sh",
    `npm run bench${args ? ` -- ${args}` : ""}`,
    "```",
    "",
    `Machine: ${sh("nproc", [])} cores (${os.cpus()[0]?.model ?? "?"}), ${osName}, Node ${process.version}; ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; commit ${sh("git", ["rev-parse", "--short", "HEAD"])}.`,
    "",
    "```text",
    `$ free -g\n${sh("free", ["-g"], false)}`,
    "```",
    "",
    "Method: plans made by `npm run bench:gen` (seed " +
      `"${values.seed}"), the same files for every site. Cold = no output folder and no caches ` +
      "(a fresh `PLAN_PORTAL_CACHE_DIR`, the standalone build's Astro project removed; for the " +
      "Astro sites `dist/`, `.astro/` and their Astro cache removed). Warm = one plan's Summary " +
      "edited, then rebuilt with every cache kept. Time is wall time of the whole command (for (b) " +
      "`astro build` plus `pagefind --site dist`). Peak RSS = the largest sum of RSS over the " +
      "process tree, sampled every 100 ms (shared pages count once per process, so Chromium's " +
      "processes in (a-svg) are over-counted); in brackets the largest single process " +
      "(`/usr/bin/time` maximum resident set size). Output = apparent bytes of every file written. " +
      "JS per plan page = `<script src>` files, the modules they import statically, and inline " +
      "scripts of one plan page (uncompressed; `import()`-ed modules such as the search UI loaded on " +
      `use are not counted). ${runs} run(s) per site; median (min–max).`,
    "",
  ];
  for (const r of results) {
    const sizesSorted = r.gen.plans.map((p) => p.planBytes).sort((a, b) => a - b);
    lines.push(
      `### N = ${r.n}`,
      "",
      `${r.gen.plans.length} plans, ${(r.gen.planBytes / 1e6).toFixed(1)} MB of plan.md (${(sizesSorted[0]! / 1000).toFixed(1)}–${(sizesSorted[sizesSorted.length - 1]! / 1000).toFixed(1)} KB, median ${(median(sizesSorted) / 1000).toFixed(1)} KB), ${(r.gen.totalBytes / 1e6).toFixed(1)} MB with spec.md/tasks.md/research.md/data-model.md; generated in ${sec(r.genMs)}.`,
      "",
      "| site | cold | warm (one plan edited) | warm / cold | peak RSS cold (largest process) | output | pages | JS per plan page |",
      "|---|---|---|---|---|---|---|---|",
    );
    for (const s of Object.values(r.sites)) {
      const c = ok(s.cold).map((m) => m.ms);
      const w = ok(s.warm).map((m) => m.ms);
      const failed = s.cold.length - c.length + (s.warm.length - w.length);
      lines.push(
        `| ${s.label} | ${spread(c)} | ${spread(w)} | ${c.length && w.length ? (median(w) / median(c)).toFixed(2) : "–"} | ${c.length ? `${mb(Math.max(...ok(s.cold).map((m) => m.treeRss)))} (${mb(Math.max(...ok(s.cold).map((m) => m.maxRss)))})` : "–"} | ${s.output ? `${(s.output.bytes / 1e6).toFixed(1)} MB, ${s.output.files} files` : "–"} | ${s.output?.pages ?? "–"} | ${s.js ? `${(s.js.bytes / 1024).toFixed(1)} KB (${s.js.files} files)` : "–"} |${failed ? ` ${failed} build(s) failed` : ""}${s.notes.length ? ` ${s.notes.join("; ")}` : ""}`,
      );
    }
    const ratio = (a: string, b: string, pick: (s: SiteResult) => number[]) => {
      const x = r.sites[a];
      const y = r.sites[b];
      if (!x || !y) return null;
      const mx = median(pick(x));
      const my = median(pick(y));
      return Number.isFinite(mx) && Number.isFinite(my) && my > 0 ? (mx / my).toFixed(2) : "–";
    };
    const rows: string[] = [];
    for (const a of ["portal", "portal-svg"])
      for (const b of ["plain", "starlight"]) {
        const cold = ratio(a, b, (s) => ok(s.cold).map((m) => m.ms));
        if (cold === null) continue;
        const warm = ratio(a, b, (s) => ok(s.warm).map((m) => m.ms));
        const rss = ratio(a, b, (s) => ok(s.cold).map((m) => m.treeRss));
        const out = ratio(a, b, (s) => (s.output ? [s.output.bytes] : []));
        rows.push(
          `| ${a === "portal" ? "(a)" : "(a-svg)"} / ${b === "plain" ? "(b)" : "(c)"} | ${cold} | ${warm} | ${rss} | ${out} |`,
        );
      }
    // The SVG ratio: diagrams drawn at build over drawn in the browser (issue 19's target ≤ 1.5).
    const svgCold = ratio("portal-svg", "portal", (s) => ok(s.cold).map((m) => m.ms));
    if (svgCold !== null)
      rows.push(
        `| (a-svg) / (a), the SVG ratio | ${svgCold} | ${ratio("portal-svg", "portal", (s) => ok(s.warm).map((m) => m.ms))} | ${ratio("portal-svg", "portal", (s) => ok(s.cold).map((m) => m.treeRss))} | ${ratio("portal-svg", "portal", (s) => (s.output ? [s.output.bytes] : []))} |`,
      );
    if (rows.length > 0)
      lines.push(
        "",
        "| ratio (medians) | cold time | warm time | peak RSS (tree) | output size |",
        "|---|---|---|---|---|",
        ...rows,
      );
    lines.push("");
  }
  for (const e of extras)
    lines.push(`### ${e.title}`, "", "```sh", e.command, "```", "", "```text", e.output, "```", "");
  return lines.join("\n");
}
