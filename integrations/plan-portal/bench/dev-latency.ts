/**
 * `npm run bench:dev`: time from saving a plan.md to `astro dev` serving the updated page, on a
 * copy of the example site (the repository is never edited). Runs N edits, prints the median.
 *
 *   npm run bench:dev -- --runs 20
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
// The copy lives inside the repository so that node_modules resolve; it is removed at the end.
const root = mkdtempSync(path.join(repo, "tests", "fixtures", "sites", "bench-dev-"));
cpSync(path.join(repo, "specs"), path.join(root, "specs"), { recursive: true });
writeFileSync(
  path.join(root, "astro.config.mjs"),
  `import { defineConfig } from "astro/config";\nimport planPortal from "plan-portal";\nexport default defineConfig({ integrations: [planPortal({ today: "2026-11-25" })] });\n`,
);
writeFileSync(path.join(root, "package.json"), `{ "private": true, "type": "module" }\n`);

const port = await new Promise<number>((resolve) => {
  const srv = createServer();
  srv.listen(0, "127.0.0.1", () => {
    const p = (srv.address() as { port: number }).port;
    srv.close(() => resolve(p));
  });
});
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
    env: { ...process.env, NODE_ENV: "development" },
    stdio: "ignore",
  },
);
const page = `http://127.0.0.1:${port}/plans/003-checkout-flow/`;
const get = () =>
  fetch(page).then(
    (r) => r.text(),
    () => "",
  );
try {
  const start = Date.now();
  while (!(await get()).includes("Checkout Flow")) {
    if (Date.now() - start > 60_000) throw new Error("astro dev did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const file = path.join(root, "specs", "003-checkout-flow", "plan.md");
  const original = readFileSync(file, "utf8");
  const times: number[] = [];
  for (let run = 0; run < Number(values.runs); run++) {
    const token = `latency-probe-${run}-${Date.now()}`;
    const t0 = performance.now();
    writeFileSync(file, original.replace("## Summary\n", `## Summary\n\n${token}\n`));
    while (!(await get()).includes(token)) {
      if (performance.now() - t0 > 30_000) throw new Error("no update within 30 s");
    }
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 150));
  }
  writeFileSync(file, original);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `edit -> updated HTML over ${times.length} edits of specs/003-checkout-flow/plan.md (12 plans):`,
  );
  console.log(
    `median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times[times.length - 1]!.toFixed(0)} ms`,
  );
  console.log(
    "(includes the watcher's 30 ms debounce, re-running discover/parse/check, re-rendering the changed file and the page request)",
  );
} finally {
  child.kill();
  rmSync(root, { recursive: true, force: true });
}
