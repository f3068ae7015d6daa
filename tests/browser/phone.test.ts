import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeSerious } from "./axe.ts";
import { chromiumOrSkip } from "./chromium.ts";
import { serveExampleSite, type ServedPortal } from "./preview.ts";

const browserPath = chromiumOrSkip("PHONE AND FILTER TESTS");
const PHONE = { width: 390, height: 844 };

/*
 * What a person sees, not what the DOM says: a row is shown when it has a box on screen
 * (checkVisibility), whatever its `hidden` attribute; a page fits when nothing scrolls sideways.
 */
describe.skipIf(!browserPath)(
  "the index filter and the portal on a phone",
  { timeout: 90_000 },
  () => {
    let site: ServedPortal;
    let browser: Browser;

    beforeAll(async () => {
      site = await serveExampleSite();
      ({ browser } = site);
    }, 180_000);

    afterAll(() => site?.close());

    async function open(pathname: string, options: BrowserContextOptions = {}): Promise<Page> {
      const context = await browser.newContext(options);
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      await page.goto(site.url + pathname);
      return page;
    }

    const shownTitles = (page: Page) =>
      page.$$eval("#plans-table tbody tr", (rows) =>
        rows
          .filter((r) => r.checkVisibility() && r.getBoundingClientRect().height > 0)
          .map((r) => r.querySelector("a")?.textContent ?? ""),
      );

    describe("the index's text filter", () => {
      it("shows only the rows it counts when typing", async () => {
        const page = await open("/plans/");
        expect((await shownTitles(page)).length).toBe(12);
        await page.fill("#plan-query", "stripe");
        // 004-payments-stripe-connect is the one plan with "stripe" in its title or id. The rows
        // are filtered on the page at once and drawn again from the plan list once it has loaded
        // (the first filter change fetches it): wait for the drawn state, not for a frame.
        await expect
          .poll(() => page.textContent("#plans-count"), { timeout: 30_000 })
          .toBe("1 of 12 plans");
        await expect
          .poll(() => shownTitles(page), { timeout: 30_000 })
          .toEqual(["Payments with Stripe Connect"]);
        await page.fill("#plan-query", "");
        await expect
          .poll(async () => (await shownTitles(page)).length, { timeout: 30_000 })
          .toBe(12);
        await page.context().close();
      });

      it("applies ?q= from the URL, with the status filter", async () => {
        const page = await open("/plans/?q=checkout");
        const titles = await shownTitles(page);
        expect(titles.length).toBeGreaterThan(0);
        expect(titles.length).toBeLessThan(12);
        expect(titles.every((t) => /checkout/i.test(t))).toBe(true);
        expect(await page.textContent("#plans-count")).toBe(`${titles.length} of 12 plans`);
        await page.context().close();
      });
    });

    describe("at 390×844", () => {
      const PAGES = [
        "/plans/",
        "/plans/003-checkout-flow/",
        "/plans/003-checkout-flow/tasks/",
        "/plans/004-payments-stripe-connect/",
        "/plans/questions/",
        "/plans/risks/",
        "/plans/dependencies/",
        "/plans/pipeline/",
        "/plans/011-roaster-analytics/",
        "/plans/health/",
        "/plans/catalog/",
        "/plans/graph/",
        "/docs/start-here/",
        "/docs/directives/",
        "/docs/checkout-team/",
      ];

      it("no page is wider than the screen", async () => {
        const page = await open("/plans/", { viewport: PHONE });
        const wide: Record<string, number> = {};
        for (const pathname of PAGES) {
          await page.goto(site.url + pathname);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > PHONE.width) wide[pathname] = width;
        }
        expect(wide).toEqual({});
        await page.context().close();
      });

      it("keeps the header to one row, its links behind a Menu that opens without JavaScript", async () => {
        for (const javaScriptEnabled of [true, false]) {
          const page = await open("/plans/risks/", { viewport: PHONE, javaScriptEnabled });
          const header = (await page.locator(".site-header").boundingBox())!;
          expect(header.height).toBeLessThan(64);
          const summary = page.locator(".site-header summary");
          expect(await summary.isVisible()).toBe(true);
          expect(await summary.textContent()).toContain("Menu");
          const risks = page.getByRole("navigation", { name: "Portal" }).getByRole("link", {
            name: "Risks",
          });
          expect(await risks.count()).toBe(0);
          await summary.click();
          expect(await risks.isVisible()).toBe(true);
          expect(await risks.getAttribute("aria-current")).toBe("page");
          // The open menu covers the page below the header, inside the screen.
          const box = (await risks.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
          await page
            .getByRole("navigation", { name: "Portal" })
            .getByRole("link", { name: "Graph" })
            .click();
          await page.waitForURL(/\/plans\/graph\/$/);
          await page.context().close();
        }
      });

      it("shows every column of the index as a card, the status badge whole", async () => {
        const page = await open("/plans/", { viewport: PHONE });
        const cells = await page.$$eval("#plans-table tbody tr", (rows) =>
          rows.map((r) =>
            [...(r as HTMLTableRowElement).cells].map((td) => {
              const box = td.getBoundingClientRect();
              return {
                label: td.dataset["label"],
                shown: td.checkVisibility() && box.width > 0,
                inside: box.left >= 0 && box.right <= window.innerWidth,
                clipped: td.scrollWidth > td.clientWidth + 1,
              };
            }),
          ),
        );
        expect(cells.length).toBe(12);
        for (const row of cells) {
          expect(row.map((c) => c.label)).toEqual([
            "Plan",
            "Status",
            "Owner",
            "Phase",
            "Score",
            "Coverage",
            "Questions",
            "Risks",
            "Tasks",
            "Changed",
          ]);
          expect(row.filter((c) => !c.shown || !c.inside || c.clipped)).toEqual([]);
        }
        const badges = await page.$$eval("#plans-table tbody .badge", (els) =>
          els.map((b) => {
            const box = b.getBoundingClientRect();
            const cell = b.closest("td")!.getBoundingClientRect();
            return box.right <= cell.right + 0.5 && box.right <= window.innerWidth;
          }),
        );
        expect(badges.length).toBeGreaterThanOrEqual(12);
        expect(badges.every(Boolean)).toBe(true);
        await page.context().close();
      });

      it("keeps each risk matrix cell's text inside its cell", async () => {
        const page = await open("/plans/risks/", { viewport: PHONE });
        const overflows = await page.$$eval(".matrix td", (cells) =>
          cells
            .filter((td) => td.checkVisibility())
            .flatMap((td) => {
              const cell = td.getBoundingClientRect();
              return [...td.querySelectorAll("a, .plan-id, .count")]
                .filter((el) => {
                  for (const r of el.getClientRects())
                    if (r.left < cell.left - 0.5 || r.right > cell.right + 0.5) return true;
                  return false;
                })
                .map((el) => el.textContent);
            }),
        );
        expect(
          await page.$$eval(
            ".matrix td",
            (cells) => cells.filter((c) => c.checkVisibility()).length,
          ),
        ).toBeGreaterThan(0);
        expect(overflows).toEqual([]);
        await page.context().close();
      });

      it("has no serious or critical axe violation, light and dark, with the menu open", async () => {
        const found: Record<string, string[]> = {};
        for (const colorScheme of ["light", "dark"] as const) {
          const page = await open("/plans/", { viewport: PHONE, colorScheme, bypassCSP: true });
          for (const pathname of ["/plans/", "/plans/003-checkout-flow/", "/plans/risks/"]) {
            await page.goto(site.url + pathname, { waitUntil: "networkidle" });
            await page.locator(".site-header summary").click();
            const v = await axeSerious(page);
            if (v.length) found[`${pathname} (${colorScheme})`] = v;
          }
          await page.context().close();
        }
        expect(found).toEqual({});
      });

      it("wraps the Details panel's File path inside the screen", async () => {
        const page = await open("/plans/004-payments-stripe-connect/", { viewport: PHONE });
        const file = page
          .locator(".meta dt", { hasText: "File" })
          .locator("xpath=following-sibling::dd[1]");
        const box = (await file.boundingBox())!;
        const code = (await file.locator("code").boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
        expect(code.x + code.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
        await page.context().close();
      });
    });
  },
);
