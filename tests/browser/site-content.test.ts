import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrSkip, launch } from "./chromium.ts";
import { serveExampleSite, startPreview, type ServedPortal } from "./preview.ts";

const browserPath = chromiumOrSkip("SITE CONTENT BROWSER TESTS");
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

async function openIn(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ colorScheme: "light" });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** What the results must show before they are read (each keystroke searches). */
interface Ready {
  first?: string;
  /** Every result's href starts with it. */
  every?: string;
  /** Some result's href starts with it. */
  some?: string;
}

/** The hrefs of the search results once they are what `ready` says. */
async function resultsWhen(page: Page, ready: Ready): Promise<string[]> {
  await page.waitForFunction((r: Ready) => {
    const hrefs = [...document.querySelectorAll("#search-results a[role=option]")].map(
      (a) => a.getAttribute("href") ?? "",
    );
    return (
      hrefs.length > 0 &&
      (r.first === undefined || hrefs[0] === r.first) &&
      (r.every === undefined || hrefs.every((h) => h.startsWith(r.every!))) &&
      (r.some === undefined || hrefs.some((h) => h.startsWith(r.some!)))
    );
  }, ready);
  return page.$$eval("#search-results a[role=option]", (as) =>
    as.map((a) => a.getAttribute("href") ?? ""),
  );
}

// Steps share two cores with site builds in other test files: budgets that load never exhausts.
describe.skipIf(!browserPath)(
  "contracts, catalog cells and docs search on the example site",
  { timeout: 90_000 },
  () => {
    let site: ServedPortal;
    beforeAll(async () => {
      site = await serveExampleSite();
    }, 240_000);
    afterAll(() => site?.close());

    it("shows an OpenAPI contract as a table of operations, the raw file one click away", async () => {
      const page = await openIn(site.browser, site.url + "/plans/002-product-catalog/contracts/");
      const rows = await page.$$eval("article table tbody tr", (trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim())),
      );
      // The four operations of specs/002-product-catalog/contracts/openapi.yaml.
      expect(rows).toEqual([
        ["GET", "/api/v1/products", "List published products, priced for the caller listProducts"],
        [
          "GET",
          "/api/v1/products/{id}",
          "Product detail with variants priced for the caller getProduct",
        ],
        ["POST", "/api/v1/admin/products", "Create a draft product createProduct"],
        ["POST", "/api/v1/admin/products/{id}/publish", "publishProduct"],
      ]);
      const raw = page.locator("article details pre");
      expect(await raw.isVisible()).toBe(false);
      await page.click("article details summary");
      expect(await raw.isVisible()).toBe(true);
      expect(await raw.textContent()).toContain("operationId: listProducts");
      await page.context().close();
    });

    it("writes catalog cells without stray backticks and keeps a NEEDS CLARIFICATION value", async () => {
      const page = await openIn(site.browser, site.url + "/plans/catalog/");
      // 003's INVENTORY_UNAVAILABLE: "…; `error.lines[]` contains the available quantity per line."
      const codes = await page.locator("section:has(#error-codes) tbody").textContent();
      expect(codes).toContain("error.lines[] contains the available quantity");
      expect(codes).not.toContain("`");
      // 006's Primary Dependencies: "…, carrier SDK or aggregator client NEEDS CLARIFICATION".
      const row = page.locator("section:has(#tech-stack) tbody tr", {
        hasText: "Shipping Labels",
      });
      const cells = await row.locator("td").allTextContents();
      expect(cells.some((c) => c.includes("carrier SDK or aggregator client"))).toBe(true);
      expect(cells.some((c) => c.includes("Needs clarification"))).toBe(true);
      await page.context().close();
    });

    it("finds an onboarding doc by a word only it has, and the Docs filter keeps only docs", async () => {
      const page = await openIn(site.browser, site.url + "/plans/");
      await page.keyboard.press("/");
      // "Welcome" is in src/pages/docs/start-here.md only.
      // One input event: no results of a shorter prefix to read by mistake.
      await page.fill("#search-input", "welcome");
      const found = await resultsWhen(page, { some: "/docs/" });
      expect(found).toEqual(["/docs/start-here/"]);
      // "checkout": plan pages, dashboards and the checkout team's doc.
      await page.fill("#search-input", "checkout");
      await resultsWhen(page, { some: "/plans/" });
      const count = async () =>
        Number(/^(\d+) result/.exec((await page.textContent("#search-status")) ?? "")?.[1]);
      const all = await count();
      await page.click("button.chip-toggle[data-value=doc]");
      const docs = await resultsWhen(page, { every: "/docs/" });
      expect(docs.some((h) => h.startsWith("/docs/checkout-team/"))).toBe(true);
      expect(await count()).toBe(docs.length);
      expect(docs.length).toBeLessThan(all);
      expect(await page.textContent("button.chip-toggle[data-value=doc]")).toMatch(
        /^Docs \(\d+\)$/,
      );
      await page.click(`#search-results a[href="${docs[0]}"]`);
      await page.waitForURL(`**${docs[0]!.split("#")[0]}**`);
      await page.context().close();
    });
  },
);

describe.skipIf(!browserPath)(
  "the standalone plan-portal build in a browser",
  { timeout: 90_000 },
  () => {
    let out: string;
    let browser: Browser;
    let preview: { url: string; stop: () => void };
    beforeAll(async () => {
      out = mkdtempSync(path.join(tmpdir(), "plan-portal-standalone-browser-"));
      const bin = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
      const built = spawnSync(
        process.execPath,
        [bin, "build", path.join(repo, "specs"), "--out", out, "--diagrams", "client"],
        { cwd: out, encoding: "utf8" },
      );
      if (built.status !== 0) throw new Error(built.stdout + built.stderr);
      preview = await startPreview(repo, out);
      browser = await launch();
    }, 300_000);
    afterAll(async () => {
      await browser?.close();
      preview?.stop();
      rmSync(out, { recursive: true, force: true });
    });

    it("opens search with / and Ctrl+K on a plan page, as the example site does", async () => {
      const page = await openIn(browser, preview.url + "/003-checkout-flow/");
      const open = () =>
        page.evaluate(() => (document.getElementById("search-dialog") as HTMLDialogElement).open);
      await page.keyboard.press("/");
      expect(await open()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");
      await page.keyboard.press("Escape");
      expect(await open()).toBe(false);
      await page.keyboard.press("Control+k");
      expect(await open()).toBe(true);
      await page.keyboard.type("absorbs");
      await resultsWhen(page, { first: "/004-payments-stripe-connect/#risks" });
      await page.context().close();
    });

    it("has the theme switch, and the choice holds on the next page", async () => {
      const page = await openIn(browser, preview.url + "/003-checkout-flow/");
      await page.selectOption("#theme-select", "dark");
      expect(await page.evaluate(() => document.documentElement.dataset["theme"])).toBe("dark");
      await page.goto(preview.url + "/risks/");
      expect(await page.evaluate(() => document.documentElement.dataset["theme"])).toBe("dark");
      expect(await page.inputValue("#theme-select")).toBe("dark");
      await page.context().close();
    });
  },
);
