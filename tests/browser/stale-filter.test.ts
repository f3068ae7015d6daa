import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestRepo } from "../../integrations/plan-portal/test/helpers/git-repo.ts";
import {
  commitScenario,
  HISTORY_TODAY,
} from "../../integrations/plan-portal/test/helpers/history-scenario.ts";
import { chromiumOrSkip, launch } from "./chromium.ts";
import { startPreview } from "./preview.ts";

const browserPath = chromiumOrSkip("STALE FILTER TEST");
const here = path.dirname(fileURLToPath(import.meta.url));
const workspace = path.resolve(here, "..", "..");
const bin = path.join(workspace, "integrations", "plan-portal", "bin", "plan-portal.js");

/*
 * Issue 20, freshness on the index: the history scenario's 001-export is stale (its exporter
 * changed on 2026-03-01, after the plan's last change on 2026-02-01, with T001 open); 002-imports
 * has no tasks, so it is not.
 */
describe.skipIf(!browserPath)("the index's stale filter", { timeout: 90_000 }, () => {
  let repo: TestRepo;
  let dist: string;
  let cache: string;
  let preview: { url: string; stop: () => void };
  let browser: Browser;

  beforeAll(async () => {
    repo = new TestRepo();
    commitScenario(repo);
    dist = mkdtempSync(path.join(tmpdir(), "plan-portal-stale-dist-"));
    cache = mkdtempSync(path.join(tmpdir(), "plan-portal-stale-cache-"));
    const built = spawnSync(
      process.execPath,
      [bin, "build", "specs", "--out", dist, "--today", HISTORY_TODAY, "--diagrams", "off"],
      { cwd: repo.dir, encoding: "utf8", env: { ...process.env, PLAN_PORTAL_CACHE_DIR: cache } },
    );
    if (built.status !== 0) throw new Error(built.stdout + built.stderr);
    preview = await startPreview(workspace, dist);
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    preview?.stop();
    repo?.remove();
    for (const dir of [dist, cache]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("marks the stale plan and shows only it with Stale only, in the URL", async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(preview.url + "/", { waitUntil: "networkidle" });
    const shown = () =>
      page.$$eval("#plans-table tbody tr[data-id]", (rows) =>
        rows
          .filter((r) => (r as HTMLElement).offsetParent !== null)
          .map((r) => (r as HTMLElement).dataset["id"]),
      );
    expect(await shown()).toEqual(["001-export", "002-imports"]);
    const badge = (id: string) =>
      page.locator(`#plans-table tr[data-id="${id}"] td[data-label="Changed"] .badge.stale`);
    await expect(badge("001-export").count()).resolves.toBe(1);
    await expect(badge("002-imports").count()).resolves.toBe(0);
    await page.check("#filter-stale");
    await page.waitForFunction(() => location.search.includes("stale=1"));
    expect(await shown()).toEqual(["001-export"]);
    await page.reload({ waitUntil: "networkidle" });
    await expect(page.isChecked("#filter-stale")).resolves.toBe(true);
    expect(await shown()).toEqual(["001-export"]);
    await context.close();
  });
});
