import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeSerious } from "./axe.ts";
import { chromiumOrSkip, launch } from "./chromium.ts";
import { startPreview } from "./preview.ts";
import { scalePortal } from "./scale-portal.ts";

const browserPath = chromiumOrSkip("INDEX AT SCALE TESTS");
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const KB = 1024;

/*
 * The index, risk matrix, owner pages and the paged dashboards (questions, blockers, catalog) at
 * 1,000 generated plans: the portal scale-portal.ts builds (shared with search-quality.test.ts).
 */

describe.skipIf(!browserPath)("the dashboards at 1,000 plans", { timeout: 120_000 }, () => {
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

  const size = (file: string) => statSync(path.join(out, file)).size;

  async function open(pathname: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(preview.url + pathname, { waitUntil: "networkidle" });
    return page;
  }

  const ids = (page: Page) =>
    page.$$eval("#plans-table tbody tr[data-id]", (rows) =>
      rows.map((r) => (r as HTMLElement).dataset["id"]!),
    );

  it("keeps the index, the risk matrix and every cell and owner page under 300 KB", () => {
    // Before: the index was 842 KB (every plan a row) and the risk matrix 1.4 MB.
    expect(size("index.html")).toBeLessThan(300 * KB);
    expect(size("risks/index.html")).toBeLessThan(300 * KB);
    const pages = [
      ...readdirSync(path.join(out, "page")).map((n) => `page/${n}/index.html`),
      ...readdirSync(path.join(out, "risks"))
        .filter((n) => n !== "index.html")
        .map((n) => `risks/${n}/index.html`),
      ...readdirSync(path.join(out, "owners"))
        .filter((n) => n !== "index.html")
        .map((n) => `owners/${n}/index.html`),
    ];
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.filter((p) => size(p) >= 300 * KB)).toEqual([]);
  });

  /** Every page of a paged dashboard: the board, then page/2/ … */
  const boardPages = (board: string) => [
    `${board}/index.html`,
    ...(readdirSync(path.join(out, board)).includes("page")
      ? readdirSync(path.join(out, board, "page")).map((n) => `${board}/page/${n}/index.html`)
      : []),
  ];
  /** Data rows of a CSV export (its header and final line end left out). */
  const csvRows = (table: string) =>
    readFileSync(path.join(out, `${table}.csv`), "utf8")
      .split("\r\n")
      .slice(1, -1);

  it("keeps every page of the questions, blockers and catalog dashboards under 300 KB", () => {
    // Before: questions 760 KB, blockers 576 KB, catalog 2.1 MB, each one page.
    for (const board of ["questions", "dependencies", "catalog"]) {
      const pages = boardPages(board);
      expect(pages.length, board).toBeGreaterThan(2);
      expect(pages.filter((p) => size(p) >= 300 * KB)).toEqual([]);
    }
  });

  it("reaches every question and open blocker without JavaScript, page by page", async () => {
    const page = await open("/questions/", false);
    const pager = await page.$$eval("#rows-pager a", (as) => as.map((a) => a.getAttribute("href")));
    expect(pager.length).toBe(boardPages("questions").length);
    let questions = 0;
    for (const href of pager) {
      await page.goto(preview.url + href!);
      questions += await page.locator('[data-rows="questions"] > tr').count();
    }
    expect(questions).toBe(csvRows("questions").length);
    let notDone = 0;
    for (const file of boardPages("dependencies")) {
      await page.goto(`${preview.url}/${file.replace(/index\.html$/, "")}`);
      notDone += await page.locator(".board-card:not(.done)").count();
    }
    // blockers.csv lists every dependency that is not done.
    expect(notDone).toBe(csvRows("blockers").length);
    await page.context().close();
  });

  it("filters every page's questions and blockers by owner and overdue with JavaScript", async () => {
    const page = await open("/questions/?owner=maria&overdue=1");
    await page.waitForFunction(() => document.getElementById("row-count")?.textContent);
    // The CSV's Owner and Overdue columns (the 5th and 7th; owners defused with a leading ').
    const expected = csvRows("questions").filter((r) => /,'@maria\b[^,]*,[^,]*,yes,/.test(r));
    expect(expected.length).toBeGreaterThan(0);
    const shown = await page.$$eval('[data-rows="questions"] > tr:not([hidden])', (trs) =>
      trs.map((tr) => [tr.children[1]?.textContent ?? "", tr.textContent?.includes("overdue")]),
    );
    expect(shown).toHaveLength(Math.min(expected.length, 100));
    expect(shown.every(([owner, late]) => String(owner).startsWith("@maria") && late)).toBe(true);
    expect(await page.textContent("#row-count")).toMatch(
      new RegExp(`^${expected.length} of ${csvRows("questions").length} questions`),
    );
    await expect(page.locator("#rows-pager").isVisible()).resolves.toBe(false);

    await page.goto(`${preview.url}/dependencies/?overdue=1`);
    await page.waitForFunction(() => document.getElementById("row-count")?.textContent);
    const late = csvRows("blockers").filter((r) => /,yes,\d+,/.test(r)).length;
    const total = await page.$$eval(".paged-rows", (lists) =>
      lists.reduce((n, l) => n + l.querySelectorAll(".badge.overdue").length, 0),
    );
    // Each column shows its first 100 overdue cards; the rest are one "Show more" away.
    expect(total).toBe(late);
    const visible = await page.$$eval(".board-card:not([hidden])", (cards) =>
      cards.map((c) => c.querySelector(".badge.overdue")?.textContent),
    );
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(visible)).toEqual(new Set(["overdue"]));
    await page.context().close();
  });

  it("names a few blocked plans in the blockers intro instead of every one", async () => {
    const page = await open("/dependencies/", false);
    // Before: a wall of 93 links, one per blocked plan.
    await expect(page.locator(".page-head .lede a").count()).resolves.toBeLessThanOrEqual(10);
    await expect(page.locator('.page-head .lede a[href="/?status=blocked"]').count()).resolves.toBe(
      1,
    );
    await page.context().close();
  });

  it("finds a catalog row that is on a later server page", async () => {
    const last = readdirSync(out)
      .filter((n) => /^\d{4}-/.test(n))
      .sort()
      .at(-1)!;
    const page = await open(`/catalog/?plan=${last}`);
    await page.waitForFunction(() => document.getElementById("row-count")?.textContent);
    // The tech stack has one row a plan, in plan order: the last plan's is on the last page.
    const rows = await page.$$eval('[data-rows="tech-stack"] > tr:not([hidden])', (trs) =>
      trs.map((tr) => tr.querySelector("a")?.textContent),
    );
    expect(rows).toHaveLength(1);
    await page.context().close();
  });

  it("reaches every plan without JavaScript, 100 a page", async () => {
    const page = await open("/", false);
    const links = await page.$$eval("#plans-pager a", (as) => as.map((a) => a.textContent));
    expect(links).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    const seen = new Set(await ids(page));
    expect(seen.size).toBe(100);
    for (let n = 2; n <= 10; n++) {
      await page.goto(`${preview.url}/page/${n}/`);
      const onPage = await ids(page);
      expect(onPage).toHaveLength(100);
      for (const id of onPage) seen.add(id);
    }
    expect(seen.size).toBe(1000);
    const planFolders = readdirSync(out).filter((n) => /^\d{4}-/.test(n));
    expect([...seen].sort()).toEqual(planFolders.sort());
    await page.context().close();
  });

  it("filters, sorts and pages all 1,000 plans with JavaScript", async () => {
    const page = await open("/");
    // The last plan is on server page 10; the filter finds it from page 1.
    const last = readdirSync(out)
      .filter((n) => /^\d{4}-/.test(n))
      .sort()
      .at(-1)!;
    await page.fill("#plan-query", last);
    await page.waitForFunction(() => location.search.includes("q="));
    expect(await ids(page)).toEqual([last]);
    expect(await page.textContent("#plans-count")).toBe("1 of 1000 plans");
    await page.fill("#plan-query", "");
    await page.selectOption("#filter-owner", "maria");
    await page.check("#filter-overdue");
    const count = (await page.textContent("#plans-count"))!;
    const kept = Number(/^(\d+) of 1000 plans/.exec(count)?.[1]);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(1000);
    const owners = await page.$$eval('#plans-table td[data-label="Owner"] span', (s) =>
      s.map((e) => e.getAttribute("title") ?? ""),
    );
    expect(owners.every((o) => o.split(", ").includes("@maria"))).toBe(true);
    // Sorted by Questions (a header button), most first, over every kept plan.
    await page.uncheck("#filter-overdue");
    await page.locator('th[data-sort="questions"] button').click();
    const firstPage = await ids(page);
    expect(firstPage).toHaveLength(100);
    await page.locator("#plans-pager a", { hasText: /^2$/ }).click();
    await page.waitForFunction(() => location.search.includes("page=2"));
    const secondPage = await ids(page);
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    await page.context().close();
  });

  it("counts risks per cell and lists a cell on its own page", async () => {
    const page = await open("/risks/");
    const cells = await page.$$eval("#risk-matrix td[data-cell]", (tds) =>
      tds.map((td) => [
        (td as HTMLElement).dataset["cell"],
        Number(td.querySelector(".n")?.textContent ?? 0),
        td.querySelectorAll("details li").length,
      ]),
    );
    expect(cells).toHaveLength(12);
    const csv = readFileSync(path.join(out, "risks.csv"), "utf8");
    const [cell, count, preview] = cells.find((c) => c[0] === "high-critical")!;
    expect(count).toBeGreaterThan(8);
    expect(preview).toBe(8);
    await page.goto(`${page.url()}${cell}/`);
    await expect(page.locator("#risk-list tbody tr").count()).resolves.toBe(count);
    // risks.csv holds every risk, rated or not: at least the matrix's total.
    const rated = cells.reduce((n, c) => n + (c[1] as number), 0);
    expect(csv.split("\r\n").length - 2).toBeGreaterThanOrEqual(rated);
    await page.context().close();
  });

  // Every page type at 1,000 plans, where long tables, pagers and filters meet: a phone in dark
  // and a desktop in light (the example site's a11y test covers all four on its 12 plans).
  for (const [width, height, colorScheme] of [
    [390, 844, "dark"],
    [1366, 900, "light"],
  ] as const) {
    it(`has no serious or critical axe violation on any page type (${width} px, ${colorScheme})`, async () => {
      const context = await browser.newContext({
        viewport: { width, height },
        colorScheme,
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto(preview.url + "/", { waitUntil: "networkidle" });
      const plan = new URL(
        (await page.locator("#plans-table tbody tr a").first().getAttribute("href")) ?? "",
        page.url(),
      ).pathname;
      const pages = [
        "/",
        "/?group=owner&overdue=1",
        "/page/2/",
        plan,
        `${plan}tasks/`,
        "/questions/",
        "/questions/page/2/?owner=maria",
        "/dependencies/",
        "/catalog/",
        "/risks/",
        "/risks/high-critical/",
        "/owners/",
        "/owners/maria/",
        "/graph/",
        "/health/",
      ];
      const found: Record<string, string[]> = {};
      for (const pathname of pages) {
        const response = await page.goto(new URL(pathname, preview.url + "/").href, {
          waitUntil: "networkidle",
        });
        expect(response?.status(), pathname).toBe(200);
        const v = await axeSerious(page);
        if (v.length) found[pathname] = v;
      }
      expect(found).toEqual({});
      await context.close();
    }, 600_000);
  }
});
