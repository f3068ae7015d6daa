/**
 * `npm run screenshots`: builds the example site, serves it with astro preview and writes
 * docs/screenshots/*.png with the system Chromium (what the README shows).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import { launch } from "./chromium.ts";
import { startPreview } from "./preview.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = path.join(repo, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const dist = mkdtempSync(path.join(tmpdir(), "plan-portal-shots-"));
await build({ root: repo, outDir: dist, logLevel: "error" });
const preview = await startPreview(repo, dist);
const browser = await launch();
const shots: [string, string, "light" | "dark", number, number][] = [
  ["/plans/", "index.png", "light", 1280, 900],
  ["/plans/003-checkout-flow/", "plan.png", "light", 1280, 900],
  ["/plans/questions/", "questions.png", "light", 1280, 900],
  ["/plans/risks/", "risks-dark.png", "dark", 1280, 900],
  ["/plans/catalog/", "catalog.png", "light", 1280, 900],
  ["/plans/", "index-phone.png", "light", 390, 844],
  ["/plans/003-checkout-flow/#component-interaction-diagram", "diagram.png", "light", 1280, 900],
  ["/plans/003-checkout-flow/", "plan-phone-dark.png", "dark", 390, 844],
  ["/plans/003-checkout-flow/tasks/", "tasks.png", "light", 1280, 900],
  ["/plans/graph/", "graph.png", "light", 1280, 900],
  ["/docs/start-here/", "docs-start-here.png", "light", 1280, 1800],
  ["/docs/checkout-team/", "docs-team-dark.png", "dark", 1280, 1400],
];
try {
  for (const [pathname, file, colorScheme, width, height] of shots) {
    const page = await browser.newPage({
      viewport: { width, height },
      colorScheme,
      deviceScaleFactor: 1,
    });
    await page.goto(preview.url + pathname, { waitUntil: "networkidle" });
    await page.screenshot({ path: path.join(out, file) });
    if (file === "index.png") {
      // The search dialog, with a query.
      await page.keyboard.press("/");
      await page.keyboard.type("Stripe");
      await page.waitForSelector("#search-results [role=option]");
      await page.screenshot({ path: path.join(out, "search.png") });
      console.log("docs/screenshots/search.png");
    }
    await page.close();
    console.log(`docs/screenshots/${file}`);
  }
} finally {
  await browser.close();
  preview.stop();
  rmSync(dist, { recursive: true, force: true });
}
// The index, a phone and the risk matrix at 1,000 generated plans.
await import("./scale-screenshots.ts");
