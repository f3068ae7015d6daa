/**
 * The README's screenshots of the portal at 1,000 plans (`npm run screenshots` runs this after
 * screenshots.ts; `node tests/browser/scale-screenshots.ts` alone): generates the plans with
 * npm run bench:gen's generator, builds them with the standalone CLI (diagrams in the browser)
 * and writes docs/screenshots/index-1000.png, index-1000-phone.png, risks-1000.png, graph-1000.png and
 * questions-1000-phone-dark.png.
 * PLAN_PORTAL_SCALE_OUT=<dir> shoots a portal built that way before instead.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatePlans } from "../../integrations/plan-portal/bench/gen/index.ts";
import { launch } from "./chromium.ts";
import { startPreview } from "./preview.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const shots = path.join(repo, "docs", "screenshots");
mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(path.join(tmpdir(), "plan-portal-scale-shots-"));
let out = process.env["PLAN_PORTAL_SCALE_OUT"];
if (!out) {
  out = path.join(dir, "out");
  generatePlans({ plans: 1000, out: path.join(dir, "site"), seed: "plan-portal" });
  const cli = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
  const specs = path.join(dir, "site", "specs");
  const args = [cli, "build", specs, "--out", out, "--today", "2026-11-25", "--diagrams", "client"];
  const built = spawnSync(process.execPath, args, {
    cwd: dir,
    stdio: "inherit",
    env: { ...process.env, PLAN_PORTAL_CACHE_DIR: path.join(dir, "cache") },
  });
  if (built.status !== 0) throw new Error("plan-portal build of 1,000 plans failed");
}
const preview = await startPreview(repo, out);
const browser = await launch();
const list: [string, string, "light" | "dark", number, number, string | null][] = [
  ["/?group=owner&overdue=1", "index-1000.png", "light", 1280, 900, null],
  ["/?sort=questions", "index-1000-phone.png", "light", 390, 844, "#plans-table"],
  ["/risks/", "risks-1000.png", "dark", 1280, 900, null],
  ["/graph/", "graph-1000.png", "light", 1280, 900, null],
  ["/questions/", "questions-1000-phone-dark.png", "dark", 390, 844, null],
];
try {
  for (const [pathname, file, colorScheme, width, height, scrollTo] of list) {
    const page = await browser.newPage({ viewport: { width, height }, colorScheme });
    await page.goto(preview.url + pathname, { waitUntil: "networkidle" });
    if (scrollTo) await page.locator(scrollTo).evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: path.join(shots, file) });
    await page.close();
    console.log(`docs/screenshots/${file}`);
  }
} finally {
  await browser.close();
  preview.stop();
  rmSync(dir, { recursive: true, force: true });
}
