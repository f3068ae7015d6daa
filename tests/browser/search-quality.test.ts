import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrSkip, launch } from "./chromium.ts";
import { serveExampleSite, startPreview, type ServedPortal } from "./preview.ts";
import { scalePortal } from "./scale-portal.ts";

const browserPath = chromiumOrSkip("SEARCH QUALITY TESTS");
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Words that no plan has: Pagefind used to answer them with "x" ("[x]", "<<X>>") or "q" ("Q:"). */
const NOWHERE = ["xylophone", "qqqxxx", "theremin"];

async function openSearch(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(url + "?search");
  await page.waitForFunction(
    () => (document.getElementById("search-dialog") as HTMLDialogElement).open,
  );
  // The owner toggles come from the index: once they are there, Pagefind is loaded.
  await page.waitForSelector('button.chip-toggle[data-filter="owner"]');
  return page;
}

/** Search for `query` (the whole word at once) and wait for its answer in the status line. */
async function search(page: Page, query: string): Promise<{ status: string; hrefs: string[] }> {
  await page.fill("#search-input", "");
  await page.waitForFunction(() => document.getElementById("search-status")?.textContent === "");
  await page.fill("#search-input", query);
  await page.waitForFunction(() => document.getElementById("search-status")?.textContent !== "");
  return {
    status: (await page.textContent("#search-status")) ?? "",
    hrefs: await page.$$eval("#search-results a[role=option]", (as) =>
      as.map((a) => a.getAttribute("href") ?? ""),
    ),
  };
}

/** The filter toggles' counts: "Blocked (2)" as { "status:blocked": 2 }. */
async function chipCounts(page: Page): Promise<Record<string, number>> {
  return page.$$eval("#search-dialog .chip-toggle", (bs) =>
    Object.fromEntries(
      bs.map((b) => [
        `${(b as HTMLElement).dataset.filter}:${(b as HTMLElement).dataset.value}`,
        Number(/\((\d+)\)\s*$/.exec(b.textContent ?? "")?.[1] ?? NaN),
      ]),
    ),
  );
}

describe.skipIf(!browserPath)(
  "search answers only with pages that have the words (example site)",
  { timeout: 90_000 },
  () => {
    let site: ServedPortal;

    beforeAll(async () => {
      site = await serveExampleSite();
    }, 180_000);

    afterAll(() => site?.close());

    it("answers a word that is in no plan with No results", async () => {
      const page = await openSearch(site.browser, site.url + "/plans/");
      for (const word of NOWHERE) {
        expect({ word, ...(await search(page, word)) }).toEqual({
          word,
          status: "No results",
          hrefs: [],
        });
      }
      await page.context().close();
    });

    it("still finds real words, their other forms and their first letters", async () => {
      const page = await openSearch(site.browser, site.url + "/plans/");
      // The word of 004's risk table, another form of it (the same stem), and a prefix being typed.
      for (const query of ["absorbs", "absorbing", "absor"]) {
        const { status, hrefs } = await search(page, query);
        expect({ query, status }).not.toEqual({ query, status: "No results" });
        expect(hrefs).toContain("/plans/004-payments-stripe-connect/#risks");
      }
      await page.context().close();
    });

    it("counts the query's results on the filter toggles, not the whole site's", async () => {
      const page = await openSearch(site.browser, site.url + "/plans/");
      const totals = await chipCounts(page);
      const statusSum = (counts: Record<string, number>) =>
        Object.entries(counts)
          .filter(([k]) => k.startsWith("status:"))
          .reduce((sum, [, n]) => sum + n, 0);
      // Before a query: the site's counts, every one of the 12 plans under its status.
      expect(Object.values(totals).every((n) => Number.isInteger(n))).toBe(true);
      expect(statusSum(totals)).toBeGreaterThanOrEqual(12);

      const { hrefs } = await search(page, "absorbs");
      const badges = await page.$$eval("#search-results .badge", (bs) =>
        bs.map((b) => [...b.classList].find((c) => c !== "badge") ?? ""),
      );
      const dashboards = hrefs.filter((h) => !/\/plans\/\d{3}-/.test(h)).length;
      const counts = await chipCounts(page);
      // Every shown result is counted under its status (or as a dashboard), and nothing else.
      for (const key of Object.keys(counts).filter((k) => k.startsWith("status:"))) {
        const status = key.slice("status:".length);
        expect({ key, n: counts[key] }).toEqual({
          key,
          n: badges.filter((b) => b === status).length,
        });
      }
      expect(counts["kind:dashboard"]).toBe(dashboards);
      expect(statusSum(counts)).toBeGreaterThan(0);
      expect(statusSum(counts)).toBeLessThan(statusSum(totals));

      await search(page, "xylophone");
      expect(Object.values(await chipCounts(page)).every((n) => n === 0)).toBe(true);
      await page.context().close();
    });
  },
);

/** Pages of a built portal whose HTML matches `word` (read with grep's eyes, not Pagefind's). */
function pagesWith(dir: string, word: RegExp): number {
  let n = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    if (entry.parentPath.includes(`${path.sep}pagefind`)) continue;
    if (word.test(readFileSync(path.join(entry.parentPath, entry.name), "utf8"))) n++;
  }
  return n;
}

/*
 * 1,000 generated plans: the portal scale-portal.ts builds (shared with index-scale.test.ts). The
 * index has 10 shards there, and a word that some shards lack used to fall back to "q", "x" or
 * "re" in those.
 */

describe.skipIf(!browserPath)("search at 1,000 plans", { timeout: 120_000 }, () => {
  let out: string;
  let browser: Browser;
  let preview: { url: string; stop: () => void };

  beforeAll(async () => {
    out = scalePortal();
    preview = await startPreview(repo, out);
    browser = await launch();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    preview?.stop();
  }, 120_000);

  it("answers a word that is in no plan with No results", async () => {
    const page = await openSearch(browser, preview.url + "/");
    for (const word of NOWHERE) {
      const { status } = await search(page, word);
      expect({ word, status }).toEqual({ word, status: "No results" });
    }
    await page.context().close();
  });

  it("finds a word in the pages that have it and in no other", async () => {
    const page = await openSearch(browser, preview.url + "/");
    // No generated plan says "absorbs"; 6 pages say "absorbed" or "absorbing" (the same stem,
    // "absorb"): 5 plan pages and one research page (0162, 0342, 0611, 0850, 0900; 0410's
    // research). The risk matrix no longer lists every risk, so it is not a seventh. Before, every
    // shard without the stem answered with "a" or "ab": 143 results.
    const { status } = await search(page, "absorbs");
    expect(pagesWith(out, /\babsorb/i)).toBe(6);
    expect(status).toBe("6 results");
    const marks = await page.$$eval("#search-results .result-excerpt", (es) =>
      es.map((e) => [...e.querySelectorAll("mark")].map((m) => m.textContent?.toLowerCase())),
    );
    expect(marks).toHaveLength(6);
    for (const m of marks) expect(m.some((w) => w?.startsWith("absorb"))).toBe(true);
    await page.context().close();
  });
});
