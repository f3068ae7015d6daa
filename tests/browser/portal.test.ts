import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrSkip } from "./chromium.ts";
import { serveExampleSite, type ServedPortal } from "./preview.ts";

const browserPath = chromiumOrSkip("BROWSER TESTS");

// Browser steps share two cores with site builds in other test files: give each test and each
// wait a budget that load, not a hang, never exhausts (a hang still fails, with the step named).
describe.skipIf(!browserPath)(
  "the portal in a real browser (astro preview)",
  { timeout: 90_000 },
  () => {
    let site: ServedPortal;
    let browser: Browser;
    let preview: { url: string };

    beforeAll(async () => {
      site = await serveExampleSite();
      ({ browser } = site);
      preview = { url: site.url };
    }, 180_000);

    afterAll(() => site?.close());

    async function open(
      pathname: string,
      options: { javaScriptEnabled?: boolean; colorScheme?: "light" | "dark" } = {},
    ): Promise<Page> {
      const context = await browser.newContext({
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        colorScheme: options.colorScheme ?? "light",
      });
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      await page.goto(preview.url + pathname);
      return page;
    }

    const visibleStatuses = (page: Page) =>
      page.$$eval("#plans-table tbody tr", (rows) =>
        rows
          .filter((r) => (r as HTMLElement).offsetParent !== null)
          .map((r) => (r as HTMLElement).dataset["status"]),
      );

    it("filters and sorts the index, and keeps the choice in the URL", async () => {
      const page = await open("/plans/");
      const all = await visibleStatuses(page);
      expect(all.length).toBeGreaterThanOrEqual(10);
      await page.getByText("Blocked (", { exact: false }).click();
      const blocked = await visibleStatuses(page);
      expect(blocked.length).toBe(all.filter((s) => s === "blocked").length);
      expect(new Set(blocked)).toEqual(new Set(["blocked"]));
      expect(page.url()).toContain("status=blocked");

      await page.getByText("All (", { exact: false }).click();
      await page.getByText("Lowest score").click();
      const scores = await page.$$eval("#plans-table tbody tr", (rows) =>
        rows.map((r) => Number((r as HTMLElement).dataset["score"])),
      );
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      expect(page.url()).toContain("sort=score");

      await page.fill("#plan-query", "checkout");
      const titles = await page.$$eval("#plans-table tbody tr:not([hidden]) a", (links) =>
        links.map((a) => a.textContent ?? ""),
      );
      expect(titles.length).toBeGreaterThan(0);
      expect(titles.every((t) => /checkout/i.test(t))).toBe(true);

      // Reloading the URL restores the filters. While typing, the URL follows just after the frame
      // that shows the rows (plan-filters.js keepUrl): wait for it before reloading.
      await page.waitForURL(/[?&]q=checkout(&|$)/);
      await page.reload();
      expect(await page.inputValue("#plan-query")).toBe("checkout");
      expect(await page.isChecked("#sort-score")).toBe(true);
      await page.context().close();
    });

    it("filters and sorts without JavaScript", async () => {
      const page = await open("/plans/", { javaScriptEnabled: false });
      await page.getByText("Needs clarification (", { exact: false }).click();
      const shown = await visibleStatuses(page);
      expect(shown.length).toBeGreaterThan(0);
      expect(new Set(shown)).toEqual(new Set(["needs-clarification"]));
      await page.getByText("All (", { exact: false }).click();
      await page.getByText("Lowest score").click();
      // CSS order: the visually first row has the lowest score.
      const first = await page.$$eval("#plans-table tbody tr", (rows) =>
        rows
          .map((r) => ({
            top: r.getBoundingClientRect().top,
            score: Number((r as HTMLElement).dataset["score"]),
          }))
          .sort((a, b) => a.top - b.top)
          .map((r) => r.score),
      );
      expect(first).toEqual([...first].sort((a, b) => a - b));
      await page.context().close();
    });

    it("goes from a question on the dashboard to the question in its plan", async () => {
      const page = await open("/plans/questions/");
      const link = page.locator("table.data tbody tr").first().locator("td").first().locator("a");
      const href = (await link.getAttribute("href"))!;
      expect(href).toMatch(/^\/plans\/[^/]+\/#.+/);
      await link.click();
      await page.waitForURL((url) => url.hash.length > 1);
      const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
      const target = page.locator(`[id="${id}"]`);
      await expect(target.count()).resolves.toBe(1);
      // The question's own list item (or row), below the Open Questions heading.
      expect(
        await target.evaluate((el) => {
          let n: Element | null = el;
          while (n && !/^H[2-4]$/.test(n.tagName)) n = n.previousElementSibling ?? n.parentElement;
          return `${el.tagName} ${n?.textContent?.trim()}`;
        }),
      ).toMatch(/^(LI|TR) Open Questions/i);
      const box = (await target.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(page.viewportSize()!.height);
      await page.context().close();
    });

    it("follows an onboarding doc from the home page into a plan, and reads an embedded diagram", async () => {
      const page = await open("/plans/");
      await page.getByRole("link", { name: "Start here" }).click();
      await page.waitForURL("**/docs/start-here/");
      const figure = page.locator(".pp-diagram figure.diagram").first();
      await expect(figure.locator("svg").first().isVisible()).resolves.toBe(true);
      await expect(figure.getAttribute("aria-label")).resolves.toContain(
        "Component Interaction Diagram",
      );
      await page.locator(".pp-ref a", { hasText: "Checkout" }).first().click();
      await page.waitForURL("**/plans/003-checkout-flow/");
      await expect(page.locator("h1").first().textContent()).resolves.toContain("Checkout Flow");
      await page.context().close();
    });

    it("switches to dark mode and remembers it", async () => {
      const page = await open("/plans/003-checkout-flow/");
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      await page.selectOption("#theme-select", "dark");
      expect(await page.getAttribute("html", "data-theme")).toBe("dark");
      const dark = await background();
      expect(dark).not.toBe(light);
      await page.goto(preview.url + "/plans/risks/");
      expect(await page.getAttribute("html", "data-theme")).toBe("dark");
      expect(await background()).toBe(dark);
      await page.context().close();
    });

    it("follows the system's dark preference without JavaScript", async () => {
      const page = await open("/plans/", { javaScriptEnabled: false, colorScheme: "dark" });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe("rgb(15, 18, 22)");
      await page.context().close();
    });

    it("finds a word that only one plan's risk table has and lands on that section, keyboard only", async () => {
      const page = await open("/plans/");
      await page.keyboard.press("/");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");
      await page.keyboard.type("absorbs");
      // Each keystroke searches: wait for the whole word's results, not an early prefix's.
      await page.waitForFunction(
        () =>
          document.querySelector("#search-results a[role=option]")?.getAttribute("href") ===
          "/plans/004-payments-stripe-connect/#risks",
      );
      const hrefs = await page.$$eval("#search-results a[role=option]", (as) =>
        as.map((a) => a.getAttribute("href")),
      );
      expect(hrefs[0]).toBe("/plans/004-payments-stripe-connect/#risks");
      expect(await page.getAttribute("#search-results li:first-child a", "aria-selected")).toBe(
        "true",
      );
      await page.keyboard.press("Enter");
      await page.waitForURL("**/plans/004-payments-stripe-connect/#risks");
      const box = (await page.locator("#risks").boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(page.viewportSize()!.height);
      await page.context().close();
    });

    it("opens the search dialog from a ?search link (what plan pages without scripts link to)", async () => {
      const page = await open("/plans/?search");
      await page.waitForFunction(
        () => (document.getElementById("search-dialog") as HTMLDialogElement).open,
      );
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");
      await page.keyboard.type("absorbs");
      await page.waitForSelector("#search-results [role=option]");
      await page.context().close();
    });

    it("narrows results with the status filter, opened with Ctrl+K", async () => {
      const page = await open("/plans/003-checkout-flow/");
      await page.keyboard.press("Control+k");
      await page.keyboard.type("checkout");
      // Each keystroke searches; wait for the results of the whole word (an early prefix such as
      // "c" may match only dashboards, which carry no status) before reading them.
      await page.waitForFunction(
        () =>
          new Set(
            [...document.querySelectorAll("#search-results .badge")].map((b) => b.textContent),
          ).size > 1,
      );
      const before = await page.$$eval("#search-results .badge", (bs) =>
        bs.map((b) => b.textContent),
      );
      expect(new Set(before).size).toBeGreaterThan(1);
      await page.click("button.chip-toggle[data-value=blocked]");
      await page.waitForFunction(() =>
        [...document.querySelectorAll("#search-results .badge")].every(
          (b) => b.textContent === "Blocked",
        ),
      );
      const after = await page.$$eval("#search-results .badge", (bs) =>
        bs.map((b) => b.textContent),
      );
      expect(after.length).toBeGreaterThan(0);
      expect(new Set(after)).toEqual(new Set(["Blocked"]));
      // ArrowDown moves the selection; Escape closes the dialog.
      await page.focus("#search-input");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Escape");
      expect(
        await page.evaluate(
          () => (document.getElementById("search-dialog") as HTMLDialogElement).open,
        ),
      ).toBe(false);
      await page.context().close();
    });

    it("shows a NEEDS CLARIFICATION marker the plan struck through as resolved, not as open", async () => {
      const page = await open("/plans/questions/");
      const resolved = page.locator("#resolved-markers ~ .table-wrap tr.resolved-marker");
      expect(await resolved.count()).toBe(1);
      const row = resolved.first();
      expect(await row.locator("s").textContent()).toBe(
        "NEEDS CLARIFICATION: Redis or DynamoDB for gateway sessions?",
      );
      expect(await row.locator("td:nth-child(2) .badge").textContent()).toBe("Struck through");
      // It links to the marker itself: line 30 of 001's plan.md, in its Technical Context.
      expect(await row.locator("a").first().getAttribute("href")).toMatch(
        /^\/plans\/001-[^/]+\/#item-L30$/,
      );
      const openMarkers = await page.$$eval("#markers ~ .table-wrap td:first-child", (tds) =>
        tds.map((td) => td.textContent ?? ""),
      );
      expect(openMarkers.some((t) => t.includes("gateway sessions"))).toBe(false);
      await page.context().close();
    });

    it("filters by an owner taken from the index", async () => {
      const page = await open("/plans/");
      await page.click("#search-open");
      const owner = page.locator('button.chip-toggle[data-filter="owner"]', {
        hasText: "@maria (Payments)",
      });
      await owner.waitFor();
      await owner.click();
      await page.waitForSelector("#search-results [role=option]");
      const titles = await page.$$eval("#search-results .result-title", (ts) =>
        ts.map((t) => t.textContent ?? ""),
      );
      expect(titles.length).toBeGreaterThan(0);
      // Every plan with an open question, risk or dependency owned by @maria, and nothing else.
      expect(titles.some((t) => /Checkout Flow/.test(t))).toBe(true);
      expect(titles.some((t) => /Roaster Analytics/.test(t))).toBe(false);
      await page.context().close();
    });
  },
);
