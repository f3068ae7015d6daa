import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePlans } from "../../integrations/plan-portal/bench/gen/index.ts";
import { chromiumOrSkip, launch } from "./chromium.ts";
import { startPreview } from "./preview.ts";

const browserPath = chromiumOrSkip("GRAPH AT SCALE TESTS");
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const KB = 1024;

/*
 * The plan graph and the per-rule findings pages at 1,000 generated plans (npm run bench:gen's
 * generator), built with the standalone CLI as index-scale.test.ts does. Before, mermaid drew the
 * graph: the whole of it was "Maximum text size in diagram exceeded", so only the 100 most
 * connected plans were drawn. PLAN_PORTAL_SCALE_OUT=<dir> tests a portal built before
 * (`plan-portal build <specs> --out <dir> --today 2026-11-25 --diagrams client` of
 * `npm run bench:gen -- --plans 1000 --seed plan-portal`).
 */
const prebuilt = process.env["PLAN_PORTAL_SCALE_OUT"];

describe.skipIf(!browserPath)("the plan graph at 1,000 plans", { timeout: 120_000 }, () => {
  let dir: string;
  let out: string;
  let browser: Browser;
  let preview: { url: string; stop: () => void };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plan-portal-graph-scale-"));
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

  type Row = { id: string; dependsOn: string[]; neededBy: string[] };

  /** The no-JavaScript table of the page open: each plan's id and the ids on its row. */
  const tableRows = (page: Page): Promise<Row[]> =>
    page.$$eval(".graph-table tbody tr", (rows) =>
      rows.map((tr) => {
        const links = (i: number) =>
          [...(tr.children[i]?.querySelectorAll("a") ?? [])].map((a) => a.textContent ?? "");
        return { id: tr.id.replace(/^graph-/, ""), dependsOn: links(1), neededBy: links(2) };
      }),
    );

  /** Every page of the table, followed by its pager without JavaScript. */
  async function everyRow(): Promise<{ rows: Row[]; files: string[] }> {
    const page = await open("/graph/", false);
    const hrefs = await page.$$eval(".pager a", (as) => as.map((a) => a.getAttribute("href")!));
    const rows: Row[] = [];
    for (const href of hrefs) {
      await page.goto(preview.url + href);
      rows.push(...(await tableRows(page)));
    }
    await page.context().close();
    return { rows, files: hrefs.map((h) => `${h.replace(/^\//, "")}index.html`) };
  }

  it("keeps every page of the graph under 300 KB of HTML, every dependency in its table", async () => {
    const { rows, files } = await everyRow();
    // Before: one page of 566 KB.
    expect(files.length).toBeGreaterThan(1);
    expect(files.filter((f) => size(f) >= 300 * KB)).toEqual([]);
    // The generator's plans each build on up to three earlier plans: hundreds are connected.
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(500);
    const edges = rows.reduce((n, r) => n + r.dependsOn.length, 0);
    expect(edges).toBe(rows.reduce((n, r) => n + r.neededBy.length, 0));
    expect(edges).toBeGreaterThan(1000);
  });

  it("draws every connected plan and dependency, not mermaid's 'Maximum text size'", async () => {
    const { rows } = await everyRow();
    const page = await open("/graph/");
    await page.waitForSelector("#graph-canvas .graph-node");
    const drawn = await page.$$eval("#graph-canvas .graph-node", (nodes) =>
      nodes.map((n) => n.getAttribute("data-id") ?? ""),
    );
    expect(drawn.sort()).toEqual(rows.map((r) => r.id).sort());
    const arrows = await page.locator("#graph-canvas .graph-edge").count();
    expect(arrows).toBe(rows.reduce((n, r) => n + r.dependsOn.length, 0));
    expect(await page.locator("body").innerText()).not.toContain("Maximum text size");
    await page.context().close();
  });

  it("focuses on one plan's neighbourhood, exactly as its table row lists it", async () => {
    const { rows } = await everyRow();
    // The plan with the most dependents: the busiest neighbourhood.
    const busiest = [...rows].sort((a, b) => b.neededBy.length - a.neededBy.length)[0]!;
    const page = await open(`/graph/?focus=${busiest.id}`);
    await page.waitForSelector("#graph-canvas .graph-node.is-focus");
    const drawn = await page.$$eval("#graph-canvas .graph-node", (nodes) =>
      nodes.map((n) => n.getAttribute("data-id") ?? ""),
    );
    expect(drawn.sort()).toEqual(
      [...new Set([busiest.id, ...busiest.dependsOn, ...busiest.neededBy])].sort(),
    );
    await page.locator("#graph-canvas .graph-node:not(.is-focus)").first().click();
    await page.waitForURL((url) => !url.pathname.startsWith("/graph/"));
    await page.context().close();
  });

  it("pages every rule's findings under 300 KB", () => {
    const rules = readdirSync(path.join(out, "health"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(rules.length).toBeGreaterThan(5);
    const pages = rules.flatMap((rule) => {
      const more = path.join(out, "health", rule, "page");
      const later = statSync(more, { throwIfNoEntry: false })
        ? readdirSync(more).map((n) => `health/${rule}/page/${n}/index.html`)
        : [];
      return [`health/${rule}/index.html`, ...later];
    });
    // Some rule reports on more plans than one page holds.
    expect(pages.some((p) => p.includes("/page/"))).toBe(true);
    expect(pages.filter((p) => size(p) >= 300 * KB)).toEqual([]);
  });
});
