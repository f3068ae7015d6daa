import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePlans } from "../../integrations/plan-portal/bench/gen/index.ts";
import { chromiumOrSkip, launch } from "./chromium.ts";
import { startPreview } from "./preview.ts";

const browserPath = chromiumOrSkip("INDEX AT SCALE TESTS");
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const KB = 1024;

/*
 * The index, risk matrix and owner pages at 1,000 generated plans (npm run bench:gen's generator),
 * built with the standalone CLI as search-quality.test.ts does (diagrams drawn in the browser:
 * about a minute and a half on two cores). PLAN_PORTAL_SCALE_OUT=<dir> tests a portal built that
 * way before (`plan-portal build <specs> --out <dir> --today 2026-11-25 --diagrams client` of
 * `npm run bench:gen -- --plans 1000 --seed plan-portal`).
 */
const prebuilt = process.env["PLAN_PORTAL_SCALE_OUT"];

describe.skipIf(!browserPath)("the dashboards at 1,000 plans", { timeout: 120_000 }, () => {
  let dir: string;
  let out: string;
  let browser: Browser;
  let preview: { url: string; stop: () => void };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plan-portal-index-scale-"));
    out = prebuilt ?? path.join(dir, "out");
    if (!prebuilt) build();
    preview = await startPreview(repo, out);
    browser = await launch();
  }, 400_000);

  function build(): void {
    generatePlans({ plans: 1000, out: path.join(dir, "site"), seed: "plan-portal" });
    const built = spawnSync(
      process.execPath,
      [
        path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js"),
        "build",
        path.join(dir, "site", "specs"),
        "--out",
        out,
        "--today",
        "2026-11-25",
        "--diagrams",
        "client",
      ],
      {
        cwd: dir,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, PLAN_PORTAL_CACHE_DIR: path.join(dir, "cache") },
      },
    );
    if (built.status !== 0) throw new Error(`plan-portal build failed:\n${built.stderr}`);
  }

  afterAll(async () => {
    await browser?.close();
    preview?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
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
});
