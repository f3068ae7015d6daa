import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrSkip } from "./chromium.ts";
import { serveExampleSite, type ServedPortal } from "./preview.ts";

const browserPath = chromiumOrSkip("PLAN GRAPH TESTS");

/*
 * The plan graph, Related plans and the per-rule findings pages on the example site, as a reader
 * uses them. The stated dependencies, read by hand from the plans' texts:
 *   003 builds on 002, depends on 005 and on 004;  007: "payment uses a saved card … through
 *   [004]";  009 consumes 002's events;  010 consumes 003's events;  011 depends on 003 and 005.
 * Mentions in passing are not dependencies: 006 names 003 ("after an order is placed") and 002.
 */
const CONNECTED = [
  "002-product-catalog",
  "003-checkout-flow",
  "004-payments-stripe-connect",
  "005-inventory-reservations",
  "007-wholesale-subscriptions",
  "009-catalog-search",
  "010-loyalty-rewards",
  "011-roaster-analytics",
];
// Statuses from the plans' own Status lines: 002 and 011 are the Ready ones among them.
const READY = ["002-product-catalog", "011-roaster-analytics"];

describe.skipIf(!browserPath)("the plan graph on the example site", { timeout: 60_000 }, () => {
  let site: ServedPortal;

  beforeAll(async () => {
    site = await serveExampleSite();
  }, 180_000);
  afterAll(() => site?.close());

  async function open(pathname: string, javaScriptEnabled = true): Promise<Page> {
    const context = await site.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(site.url + pathname, { waitUntil: "networkidle" });
    return page;
  }

  const drawn = async (page: Page) => {
    await page.waitForSelector("#graph-canvas .graph-node");
    return (
      await page.$$eval("#graph-canvas .graph-node", (nodes) =>
        nodes.map((n) => n.getAttribute("data-id") ?? ""),
      )
    ).sort();
  };

  it("draws every plan that states or has a dependency, and a node opens its plan", async () => {
    const page = await open("/plans/graph/");
    expect(await drawn(page)).toEqual(CONNECTED);
    expect(await page.locator("#graph-canvas .graph-edge").count()).toBe(8);
    await page.locator('#graph-canvas .graph-node[data-id="009-catalog-search"]').click();
    await page.waitForURL(/\/plans\/009-catalog-search\/$/);
    await page.context().close();
  });

  it("focuses on one plan: exactly it, what it depends on and what depends on it", async () => {
    const page = await open("/plans/graph/?focus=003-checkout-flow");
    expect(await drawn(page)).toEqual([
      "002-product-catalog",
      "003-checkout-flow",
      "004-payments-stripe-connect",
      "005-inventory-reservations",
      "010-loyalty-rewards",
      "011-roaster-analytics",
    ]);
    expect(await page.locator("#graph-canvas .graph-edge").count()).toBe(5);
    expect(await page.locator("#graph-summary").textContent()).toContain(
      "3 plans it depends on, 2 that depend on it",
    );
    // Back to every plan, and the URL follows.
    await page.getByRole("button", { name: "All plans" }).click();
    expect(await drawn(page)).toEqual(CONNECTED);
    expect(new URL(page.url()).search).toBe("");
    await page.context().close();
  });

  it("hides the plans a status filter leaves out, and keeps the filter in the URL", async () => {
    const page = await open("/plans/graph/");
    await drawn(page);
    await page.getByRole("checkbox", { name: "Ready" }).uncheck();
    await page.waitForFunction(() => !document.querySelector("#graph-canvas .graph-node.ready"));
    expect(await drawn(page)).toEqual(CONNECTED.filter((id) => !READY.includes(id)));
    expect(new URL(page.url()).searchParams.get("status")).toBe(
      "draft,needs-clarification,blocked",
    );
    // Reloaded from the URL, the filter stays.
    await page.reload({ waitUntil: "networkidle" });
    expect(await drawn(page)).toEqual(CONNECTED.filter((id) => !READY.includes(id)));
    expect(await page.getByRole("checkbox", { name: "Ready" }).isChecked()).toBe(false);
    await page.context().close();
  });

  it("lists every dependency without JavaScript", async () => {
    const page = await open("/plans/graph/?focus=003-checkout-flow", false);
    expect(await page.locator("#graph-tools").isHidden()).toBe(true);
    const rows = page.locator(".graph-table tbody tr");
    expect(await rows.count()).toBe(CONNECTED.length);
    const row = page.locator('tr[id="graph-003-checkout-flow"] td');
    expect(await row.nth(1).innerText()).toBe(
      "002-product-catalog, 005-inventory-reservations, 004-payments-stripe-connect",
    );
    expect(await row.nth(2).innerText()).toBe("010-loyalty-rewards, 011-roaster-analytics");
    await page.context().close();
  });

  it("shows Related plans only from stated dependencies, with a link to the neighbourhood", async () => {
    const page = await open("/plans/003-checkout-flow/");
    const related = page.locator("aside li", { hasText: /^(depends on|needed by) / });
    expect((await related.allInnerTexts()).map((t) => t.trim())).toEqual([
      "depends on Product Catalog & Wholesale Price Tiers",
      "depends on Inventory Ledger & Stock Reservations",
      "depends on Payments with Stripe Connect",
      "needed by Loyalty Points & Wholesale Volume Rebates",
      "needed by Roaster Analytics (warehouse, metrics layer, console dashboards)",
    ]);
    await page.getByRole("link", { name: "Neighbourhood in the plan graph" }).click();
    await page.waitForURL(/\/plans\/graph\/\?focus=003-checkout-flow/);
    expect(await drawn(page)).toContain("010-loyalty-rewards");
    await page.context().close();
    // 006 names 003 and 002 only in passing: no related plans at all.
    const shipping = await open("/plans/006-shipping-labels/");
    expect(await shipping.getByRole("heading", { name: "Related plans" }).count()).toBe(0);
    await shipping.context().close();
  });

  it("links each rule on Health to a page listing every finding of it", async () => {
    const page = await open("/plans/health/");
    await page.getByRole("link", { name: "overdue-question", exact: true }).click();
    await page.waitForURL(/\/plans\/health\/overdue-question\/$/);
    const rows = page.locator(".rule-findings tbody tr");
    // 003 Q1 and Q2, 004 Q2, 007 Q1 (tests/site-build.test.ts).
    const places = await rows.locator("td:nth-child(2)").allInnerTexts();
    expect(places.map((p) => p.replace(/:\d+:\d+$/, ""))).toEqual([
      "specs/003-checkout-flow/plan.md",
      "specs/003-checkout-flow/plan.md",
      "specs/004-payments-stripe-connect/plan.md",
      "specs/007-wholesale-subscriptions/plan.md",
    ]);
    // Each message opens the plan at the finding's section.
    const first = await rows.first().locator("td:nth-child(4) a").getAttribute("href");
    expect(first).toMatch(/^\/plans\/003-checkout-flow\/#.+/);
    await page.context().close();
  });
});
