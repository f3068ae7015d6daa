/**
 * `node tests/browser/starlight-screenshots.ts`: builds the Starlight fixture site twice (the
 * portal in Starlight's frame, then in its own frame: FIXTURE_FRAME=portal), serves each with
 * astro preview and writes docs/screenshots/starlight-*.png with the system Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import { launch } from "./chromium.ts";
import { startPreview } from "./preview.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const site = path.join(repo, "tests", "fixtures", "sites", "starlight");
const out = path.join(repo, "docs", "screenshots");
mkdirSync(out, { recursive: true });

type Shot = [
  pathname: string,
  file: string,
  scheme: "light" | "dark",
  width: number,
  height: number,
];

const FRAMES: { env: Record<string, string>; shots: Shot[] }[] = [
  {
    env: {},
    shots: [
      ["/plans/", "starlight-index.png", "light", 1280, 900],
      ["/plans/", "starlight-index-phone.png", "light", 390, 844],
      ["/plans/01-payments/", "starlight-plan-dark.png", "dark", 1280, 900],
      ["/guides/onboarding/", "starlight-doc.png", "light", 1280, 900],
      ["/guides/onboarding/", "starlight-doc-dark-phone.png", "dark", 390, 844],
    ],
  },
  {
    env: { FIXTURE_FRAME: "portal" },
    shots: [
      ["/plans/", "starlight-own-frame.png", "light", 1280, 900],
      ["/plans/", "starlight-own-frame-phone.png", "dark", 390, 844],
    ],
  },
];

async function shoot(dist: string, shots: Shot[]): Promise<void> {
  const preview = await startPreview(site, dist);
  const browser = await launch();
  try {
    for (const [pathname, file, colorScheme, width, height] of shots) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme });
      await page.goto(preview.url + pathname, { waitUntil: "networkidle" });
      // Diagrams are drawn in the browser in this fixture (diagrams: "client").
      if (await page.$("figure[data-mermaid]"))
        await page.waitForSelector("figure[data-mermaid] svg");
      await page.screenshot({ path: path.join(out, file) });
      await page.close();
      console.log(`docs/screenshots/${file}`);
    }
  } finally {
    await browser.close();
    preview.stop();
  }
}

for (const { env, shots } of FRAMES) {
  const dist = mkdtempSync(path.join(tmpdir(), "plan-portal-starlight-shots-"));
  Object.assign(process.env, env);
  try {
    await build({ root: site, outDir: dist, logLevel: "error" });
    await shoot(dist, shots);
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    rmSync(dist, { recursive: true, force: true });
  }
}
