import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrSkip, launch } from "./chromium.ts";
import { startPreview } from "./preview.ts";

const browserPath = chromiumOrSkip("REPOSITORIES TEST");
const here = path.dirname(fileURLToPath(import.meta.url));
const workspace = path.resolve(here, "..", "..");
const bin = path.join(workspace, "integrations", "plan-portal", "bin", "plan-portal.js");

const plan = (title: string, body: string) =>
  `# Implementation Plan: ${title}\n\n**Branch**: \`x\` | **Date**: 2026-05-01\n\n## Summary\n\n${body}\n`;

/*
 * Issue 21, a portal over several repositories: the index's Repository filter (kept in the URL)
 * and the search dialog's repository toggles. Three folder sources: shop (two plans), billing, ops.
 */
const REPOSITORIES: Record<string, Record<string, string>> = {
  shop: {
    "001-checkout-flow": plan("Checkout flow", "Card payments with a wallaby token."),
    "002-refunds": plan("Refunds", "Refunds each wallaby order."),
  },
  billing: { "001-invoices": plan("Invoices", "Bills each wallaby order.") },
  ops: { "004-alerts": plan("Alerts", "Pages the on-call numbat.") },
};

describe.skipIf(!browserPath)("a portal over several repositories", { timeout: 120_000 }, () => {
  let work: string;
  let preview: { url: string; stop: () => void };
  let browser: Browser;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "plan-portal-repositories-"));
    for (const [repo, plans] of Object.entries(REPOSITORIES)) {
      for (const [id, text] of Object.entries(plans)) {
        mkdirSync(path.join(work, repo, "specs", id), { recursive: true });
        writeFileSync(path.join(work, repo, "specs", id, "plan.md"), text);
      }
    }
    const portal = path.join(work, "portal");
    mkdirSync(portal);
    const sources = Object.keys(REPOSITORIES).map((name) => ({ name, path: `../${name}` }));
    writeFileSync(path.join(portal, "plan-portal.config.json"), JSON.stringify({ sources }));
    const built = spawnSync(
      process.execPath,
      [bin, "build", "--out", "dist", "--today", "2026-06-01", "--diagrams", "off"],
      {
        cwd: portal,
        encoding: "utf8",
        env: { ...process.env, PLAN_PORTAL_CACHE_DIR: path.join(work, "cache") },
      },
    );
    if (built.status !== 0) throw new Error(built.stdout + built.stderr);
    preview = await startPreview(workspace, path.join(portal, "dist"));
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    preview?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const ids = (page: Page) =>
    page
      .locator("#plans-table tbody tr[data-id]")
      .evaluateAll((rows) =>
        rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute("data-id")),
      );

  it("filters the index by repository, in the URL, and groups by it", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(preview.url + "/", { waitUntil: "networkidle" });
    await page.selectOption("#filter-repository", "shop");
    await expect.poll(() => ids(page)).toEqual(["shop/001-checkout-flow", "shop/002-refunds"]);
    await expect.poll(() => page.locator("#plans-count").textContent()).toBe("2 of 4 plans");
    expect(new URL(page.url()).searchParams.get("repository")).toBe("shop");
    // The rows the script draws carry the Repository cell as the server's do.
    expect(
      await page.locator('#plans-table tbody td[data-label="Repository"]').allTextContents(),
    ).toEqual(["shop", "shop"]);

    await page.goto(preview.url + "/?group=repository", { waitUntil: "networkidle" });
    await expect
      .poll(() => page.locator("#plans-table tbody tr.group-row").allTextContents())
      .toEqual(["billing (1)", "ops (1)", "shop (2)"]);
    await context.close();
  });

  it("offers a repository toggle in search, and it narrows the results", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(preview.url + "/", { waitUntil: "networkidle" });
    await page.keyboard.press("/");
    await page.fill("#search-input", "wallaby");
    const toggle = page.locator('.chip-toggle[data-filter="repository"][data-value="billing"]');
    await toggle.waitFor();
    const repositories = await page
      .locator('.chip-toggle[data-filter="repository"]')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute("data-value")).sort());
    expect(repositories).toEqual(["billing", "ops", "shop"]);
    await toggle.click();
    await expect
      .poll(() =>
        page
          .locator("#search-results a")
          .evaluateAll((as) => [
            ...new Set(as.map((a) => new URL((a as HTMLAnchorElement).href).pathname)),
          ]),
      )
      .toEqual(["/billing/001-invoices/"]);
    await page.close();
  });
});
