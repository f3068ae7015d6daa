import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrSkip } from "./chromium.ts";
import { serveExampleSite, type ServedPortal } from "./preview.ts";

const browserPath = chromiumOrSkip("DASHBOARD TESTS");

/*
 * Issue 18, "At scale", on the example site (12 plans): the index's owner, phase and coverage
 * columns, its filters, grouping and header sort; the risk matrix's severity, cells on demand and
 * filters; the owner pages and the CSV export. index-scale.test.ts checks the same at 1,000 plans.
 * Expected plans were read off specs/ by hand (grep -l "@maria" specs/*\/plan.md and so on).
 */
describe.skipIf(!browserPath)("dashboards for a lead (example site)", { timeout: 90_000 }, () => {
  let site: ServedPortal;
  let browser: Browser;

  beforeAll(async () => {
    site = await serveExampleSite();
    ({ browser } = site);
  }, 180_000);

  afterAll(() => site?.close());

  async function open(pathname: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
    const context = await browser.newContext({ colorScheme });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(site.url + pathname, { waitUntil: "networkidle" });
    return page;
  }

  const shownIds = (page: Page) =>
    page.$$eval("#plans-table tbody tr[data-id]", (rows) =>
      rows
        .filter((r) => (r as HTMLElement).offsetParent !== null)
        .map((r) => (r as HTMLElement).dataset["id"]),
    );

  it("shows owner, phase and coverage columns", async () => {
    const page = await open("/plans/");
    const headers = await page.$$eval("#plans-table thead th", (ths) =>
      ths.map((th) => th.textContent?.replace(/[↕↑↓]/g, "").trim()),
    );
    expect(headers).toEqual([
      "Plan",
      "Status",
      "Owner",
      "Phase",
      "Score",
      "Coverage",
      "Questions",
      "Risks",
      "Tasks",
      "Last change",
    ]);
    const row = page.locator('#plans-table tr[data-id="004-payments-stripe-connect"]');
    // 004 names five people in its Owner cells; its tasks.md has Phase 1 and 2 done.
    await expect(row.locator('td[data-label="Owner"]').textContent()).resolves.toMatch(/ \+4$/);
    await expect(row.locator('td[data-label="Phase"]').textContent()).resolves.toBe("Phase 3");
    // 004's tasks label US1–US5 and cite no requirement id: the cell counts its 5 stories.
    await expect(row.locator('td[data-label="Coverage"]').textContent()).resolves.toMatch(
      /^5\/5\s*stories$/,
    );
    await page.context().close();
  });

  it("filters by owner, phase, overdue and blockers over every plan, in the URL", async () => {
    const page = await open("/plans/");
    await page.selectOption("#filter-owner", "maria");
    await page.waitForFunction(() => location.search.includes("owner=maria"));
    expect(await shownIds(page)).toEqual([
      "002-product-catalog",
      "003-checkout-flow",
      "004-payments-stripe-connect",
      "006-shipping-labels",
      "007-wholesale-subscriptions",
      "010-loyalty-rewards",
    ]);
    await page.check("#filter-blockers");
    // The two plans with a Blocked dependency, both @maria's.
    expect(await shownIds(page)).toEqual([
      "004-payments-stripe-connect",
      "007-wholesale-subscriptions",
    ]);
    expect(await page.textContent("#plans-count")).toBe("2 of 12 plans");
    await page.selectOption("#filter-owner", "");
    await page.uncheck("#filter-blockers");
    await page.check("#filter-overdue");
    // 003 and 007 have questions past their deadline; 004 a Blocked dependency due 2026-11-07.
    expect(await shownIds(page)).toEqual([
      "003-checkout-flow",
      "004-payments-stripe-connect",
      "007-wholesale-subscriptions",
    ]);
    await page.uncheck("#filter-overdue");
    await page.selectOption("#filter-phase", "Phase 3");
    const phases = await page.$$eval('#plans-table tbody td[data-label="Phase"]', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(phases.length).toBeGreaterThan(0);
    expect(new Set(phases)).toEqual(new Set(["Phase 3"]));
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.inputValue("#filter-phase")).toBe("Phase 3");
    expect(await shownIds(page)).toHaveLength(phases.length);
    await page.context().close();
  });

  it("groups by owner, folder and status", async () => {
    const page = await open("/plans/?group=status");
    const groups = () =>
      page.$$eval("#plans-table tr.group-row th", (ths) => ths.map((th) => th.textContent));
    await page.waitForSelector("#plans-table tr.group-row");
    // 5 ready, 2 draft, 3 needing clarification, 2 blocked (the status chips' counts).
    expect(await groups()).toEqual([
      "Ready (5)",
      "Draft (2)",
      "Needs clarification (3)",
      "Blocked (2)",
    ]);
    await page.selectOption("#filter-group", "owner");
    const owners = await groups();
    expect(owners[0]).toMatch(/^@ana \(\d+\)$/);
    expect(owners.at(-1)).toMatch(/^No owner \(\d+\)$/);
    // A plan is listed under each of its owners: 004 names five people.
    expect(
      (await shownIds(page)).filter((id) => id === "004-payments-stripe-connect"),
    ).toHaveLength(5);
    await page.selectOption("#filter-group", "folder");
    expect(await groups()).toEqual(["specs (12)"]);
    await page.context().close();
  });

  it("sorts by a column header, with the keyboard, and says so with aria-sort", async () => {
    const page = await open("/plans/");
    const scores = () =>
      page.$$eval("#plans-table tbody tr[data-id]", (rows) =>
        rows.map((r) => Number((r as HTMLElement).dataset["score"])),
      );
    const score = page.locator('#plans-table th[data-sort="score"]');
    await score.locator("button").focus();
    await page.keyboard.press("Enter");
    await expect(score.getAttribute("aria-sort")).resolves.toBe("ascending");
    await page.waitForFunction(() => location.search.includes("sort=score"));
    const up = await scores();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await page.keyboard.press("Space");
    await expect(score.getAttribute("aria-sort")).resolves.toBe("descending");
    const down = await scores();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(down[0]).toBe(100);
    // The other headers say nothing; the Lowest score chip is not the descending sort.
    await expect(page.locator("#plans-table th[aria-sort]").count()).resolves.toBe(1);
    expect(await page.isChecked("#sort-score")).toBe(false);
    await page.context().close();
  });

  it("colours risk cells by severity, with the level in words, and lists a cell on demand", async () => {
    const page = await open("/plans/risks/");
    const cell = (key: string) => page.locator(`#risk-matrix td[data-cell="${key}"]`);
    const background = (key: string) =>
      cell(key).evaluate((td) => getComputedStyle(td).backgroundColor);
    // Low × Critical is medium severity, never as calm as Low × Low.
    await expect(cell("low-critical").locator(".level").textContent()).resolves.toBe(
      "Medium severity",
    );
    await expect(cell("high-critical").locator(".level").textContent()).resolves.toBe(
      "Critical severity",
    );
    expect(await background("low-critical")).not.toBe(await background("low-low"));
    expect(await background("high-critical")).not.toBe(await background("low-critical"));
    // The cell's risks: hidden until asked for, then a link to its full list.
    const list = cell("high-critical").locator("details ul");
    await expect(list.isVisible()).resolves.toBe(false);
    await cell("high-critical").locator("summary").click();
    await expect(list.isVisible()).resolves.toBe(true);
    const count = Number(await cell("high-critical").locator(".n").textContent());
    await cell("high-critical").locator("a.cell-all").click();
    await page.waitForURL(/\/plans\/risks\/high-critical\/$/);
    await expect(page.locator("#risk-list tbody tr").count()).resolves.toBe(count);
    await page.context().close();
  });

  it("filters the risk matrix and a cell's list by owner, plan and status", async () => {
    const page = await open("/plans/risks/");
    const total = () =>
      page.$$eval("#risk-matrix td[data-cell] .n", (ns) =>
        ns.reduce((n, e) => n + Number(e.textContent), 0),
      );
    const all = await total();
    await page.selectOption("#risk-status", "blocked");
    await page.waitForFunction(() => document.getElementById("risk-count")?.textContent);
    const blocked = await total();
    expect(blocked).toBeGreaterThan(0);
    expect(blocked).toBeLessThan(all);
    expect(await page.textContent("#risk-count")).toBe(`${blocked} of ${all} rated risks`);
    // Every risk still listed belongs to a blocked plan (004 or 007).
    const plans = await page.$$eval("#risk-list tbody tr:not([hidden])", (rows) =>
      rows.map((r) => (r as HTMLElement).dataset["plan"]?.slice(0, 3)),
    );
    expect(new Set(plans)).toEqual(new Set(["004", "007"]));
    // A cell's link keeps the filter, and its page applies it.
    const link = page.locator('.cell-links li[data-cell="high-critical"] a');
    expect(await link.getAttribute("href")).toContain("?status=blocked");
    await page.goto(site.url + "/plans/risks/high-critical/?plan=payments");
    const rows = await page.$$eval("#risk-list tbody tr:not([hidden])", (rs) =>
      rs.map((r) => (r as HTMLElement).dataset["plan"]),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((p) => p?.includes("payments"))).toBe(true);
    await page.context().close();
  });

  it("has a page per owner with everything they own, linked from the index", async () => {
    const page = await open("/plans/");
    await page.getByRole("link", { name: "owners", exact: true }).click();
    await page.waitForURL(/\/plans\/owners\/$/);
    const owners = await page.$$eval("#owners-table tbody td:first-child a", (as) =>
      as.map((a) => a.textContent),
    );
    expect(owners).toEqual(["@ana", "@dev-chen", "@li", "@maria", "@tom"]);
    await page.getByRole("link", { name: "@maria" }).click();
    await page.waitForURL(/\/plans\/owners\/maria\/$/);
    const sections = await page.$$eval("h2.section-title", (hs) => hs.map((h) => h.textContent));
    expect(sections.map((s) => s?.replace(/\s*\(\d+\)$/, ""))).toEqual([
      "Open questions",
      "Risks",
      "Open blockers",
    ]);
    // Both Blocked dependencies of the example site are @maria's (004 and 007).
    const blockers = await page.$$eval("#blockers + .table-wrap tbody tr", (rows) =>
      rows.map((r) => r.querySelector(".plan-id")?.textContent),
    );
    expect(blockers).toContain("004-payments-stripe-connect");
    expect(blockers).toContain("007-wholesale-subscriptions");
    await page.context().close();
  });

  it("links the owners from the header, and each board to its CSV", async () => {
    const page = await open("/plans/questions/");
    await page.getByRole("link", { name: "Owners", exact: true }).click();
    await page.waitForURL(/\/plans\/owners\/$/);
    await expect(
      page.locator('.site-nav a[aria-current="page"]').first().textContent(),
    ).resolves.toBe("Owners");
    for (const [board, table] of [
      ["questions", "questions"],
      ["dependencies", "blockers"],
      ["risks", "risks"],
    ]) {
      await page.goto(`${site.url}/plans/${board}/`);
      const csv = page.locator(`.page-head a[download][href="/plans/${table}.csv"]`);
      await expect(csv.count(), board).resolves.toBe(1);
    }
    await page.context().close();
  });

  it("flags blockers past their due date as overdue, in words, and filters to them", async () => {
    const page = await open("/plans/dependencies/");
    const overdueCards = () =>
      page.$$eval(".board-card:not([hidden])", (cards) =>
        cards
          .filter((c) => c.querySelector(".badge.overdue")?.textContent === "overdue")
          .map((c) => c.querySelector("a")?.textContent),
      );
    // Due before 2026-11-25 and not done (read off the Dependencies tables of specs/): 004's and
    // 007's Blocked ones (2026-11-07) and 003's Payment intents API (In Progress, 2026-11-20).
    // 006's PrintNode account was due 2026-11-06 but is Done.
    const expected = [
      "Stripe platform review of Harbor Connect profile (food merchants, destination charges)",
      "Live-mode off-session payments (004, Stripe platform review)",
      "Payment intents API (004)",
    ];
    expect(await overdueCards()).toEqual(expected);
    const done = page.locator(".board-card.done", { hasText: "PrintNode integrator account" });
    await expect(done.locator(".badge.overdue").count()).resolves.toBe(0);
    await page.check("#row-overdue");
    await page.waitForFunction(() => location.search.includes("overdue=1"));
    await page.waitForFunction(() => document.getElementById("row-count")?.textContent);
    const shown = await page.$$eval(".board-card:not([hidden]) > a", (as) =>
      as.map((a) => a.textContent),
    );
    expect(shown).toEqual(expected);
    await page.goto(`${site.url}/plans/owners/maria/`);
    const late = await page.$$eval("#blockers + .table-wrap tbody tr", (rows) =>
      rows
        .filter((r) => r.textContent?.includes("overdue"))
        .map((r) => r.querySelector("td a")?.textContent),
    );
    expect(late).toEqual(expected);
    await page.context().close();
  });

  it("filters questions by owner, plan status and overdue, in the URL", async () => {
    const page = await open("/plans/questions/");
    const rows = () =>
      page.$$eval('[data-rows="questions"] tr:not([hidden])', (trs) =>
        trs.map(
          (tr) =>
            `${tr.querySelector(".plan-id")?.textContent} ${tr.querySelector("strong")?.textContent}`,
        ),
      );
    expect(await rows()).toHaveLength(15);
    await page.selectOption("#row-owner", "maria");
    await page.waitForFunction(() => location.search.includes("owner=maria"));
    await page.waitForFunction(() => document.getElementById("row-count")?.textContent);
    // @maria's open questions (the Owner lines of specs/*/plan.md), overdue first.
    expect(await rows()).toEqual([
      "003-checkout-flow Q1",
      "007-wholesale-subscriptions Q2",
      "006-shipping-labels Q3",
    ]);
    await page.check("#row-overdue");
    expect(await rows()).toEqual(["003-checkout-flow Q1"]);
    await page.selectOption("#row-owner", "");
    await page.selectOption("#row-status", "blocked");
    // Overdue questions of the blocked plans (004, 007): 007's Q1 and 004's Q2.
    expect(await rows()).toEqual([
      "007-wholesale-subscriptions Q1",
      "004-payments-stripe-connect Q2",
    ]);
    await page.reload({ waitUntil: "networkidle" });
    await page.waitForFunction(() => document.getElementById("row-count")?.textContent);
    expect(await rows()).toEqual([
      "007-wholesale-subscriptions Q1",
      "004-payments-stripe-connect Q2",
    ]);
    expect(await page.inputValue("#row-status")).toBe("blocked");
    await page.context().close();
  });

  it("filters the catalog by plan", async () => {
    const page = await open("/plans/catalog/?plan=shipping");
    await page.waitForFunction(() => document.getElementById("row-count")?.textContent);
    const plans = await page.$$eval(".paged-rows > tr:not([hidden])", (trs) =>
      trs.map((tr) => (tr as HTMLElement).dataset["plan"] ?? ""),
    );
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((p) => p.includes("006-shipping-labels"))).toBe(true);
    // The tech stack lists one row a plan: only 006's is left.
    await expect(page.locator('[data-rows="tech-stack"] > tr:not([hidden])').count()).resolves.toBe(
      1,
    );
    await page.context().close();
  });

  it("lands a question's and a marker's link on the item itself, highlighted", async () => {
    const page = await open("/plans/questions/");
    const target = async () => {
      await page.waitForURL((url) => url.hash.startsWith("#item-"));
      const el = page.locator(":target");
      await expect(el.count()).resolves.toBe(1);
      return {
        tag: await el.evaluate((e) => e.tagName),
        text: (await el.textContent())?.trim().slice(0, 40),
        outline: await el.evaluate((e) => getComputedStyle(e).outlineStyle),
        inView: await el.evaluate((e) => {
          const box = e.getBoundingClientRect();
          return box.top >= 0 && box.top < innerHeight;
        }),
      };
    };
    const question = page.locator('[data-rows="questions"] tr', { hasText: "003-checkout-flow" });
    await question.first().locator("td a").first().click();
    // 003's Q1 is the first item of its Open Questions list.
    const landed = await target();
    expect(landed).toMatchObject({ tag: "LI", outline: "solid", inView: true });
    expect(landed.text).toMatch(/^Q1: When a café/);
    await page.goto(`${site.url}/plans/questions/`);
    const marker = page.locator('[data-rows="markers"] tr', { hasText: "006-shipping-labels" });
    await marker.first().locator("td a").first().click();
    expect(await target()).toMatchObject({ outline: "solid", inView: true });
    await expect(page.locator(":target").textContent()).resolves.toContain(
      "NEEDS CLARIFICATION: which carrier API for EU parcels",
    );
    await page.context().close();
  });

  it("exports questions, risks and blockers as CSV, quoted and defused", async () => {
    for (const table of ["questions", "risks", "blockers"]) {
      const response = await fetch(`${site.url}/plans/${table}.csv`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text.startsWith("Plan,Plan title,")).toBe(true);
      expect(text.endsWith("\r\n")).toBe(true);
      // Owner cells such as "@maria (Payments)" would run as formulas: each gets a leading '.
      expect(text).not.toMatch(/(^|,)[=+\-@]/m);
      expect(text).toContain(",'@maria (Payments),");
    }
    const questions = await (await fetch(`${site.url}/plans/questions.csv`)).text();
    // A title with commas is quoted: 003's "Checkout Flow (cart, checkout session, order placement)".
    expect(questions).toContain(
      '003-checkout-flow,"Checkout Flow (cart, checkout session, order placement)",Q1,',
    );
  });
});
