import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrSkip } from "./chromium.ts";
import { serveExampleSite, type ServedPortal } from "./preview.ts";

const browserPath = chromiumOrSkip("PLAN PAGE POLISH TESTS");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const PLAN = "/plans/003-checkout-flow/";
const TASKS = "/plans/003-checkout-flow/tasks/";

/*
 * Issue 18's polish of the plan and tasks pages and of the frame, on the example site: the title
 * once, Technical Context as a definition list, "On this page" sticky and marking the section read,
 * tasks done and open told apart with progress per phase, the 404 page, the three-state theme and
 * print. Expected values are read off specs/003-checkout-flow by hand.
 */
describe.skipIf(!browserPath)(
  "plan, tasks and frame polish in a browser",
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
      const context = await browser.newContext({ viewport: DESKTOP, ...options });
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      await page.goto(site.url + pathname);
      return page;
    }

    it("shows the plan's title once and its header fields only in the Details panel", async () => {
      const page = await open(PLAN);
      const h1s = await page.locator("h1").allTextContents();
      expect(h1s).toHaveLength(1);
      expect(h1s[0]).toContain("Checkout Flow (cart, checkout session, order placement)");
      const body = (await page.locator("article.plan-body").textContent()) ?? "";
      expect(body).not.toContain("Implementation Plan:");
      expect(body).not.toContain("Branch:");
      expect(body).not.toContain("Feature specification from");
      const details = page.locator(".plan-aside dl.meta");
      await expect(details.locator("dt").allTextContents()).resolves.toEqual(
        expect.arrayContaining(["Branch", "Date", "Spec"]),
      );
      expect(await details.locator("dd code").first().textContent()).toBe("003-checkout-flow");
      expect(await details.getByRole("link", { name: "spec.md" }).getAttribute("href")).toBe(
        "/plans/003-checkout-flow/spec/",
      );
      await page.context().close();
    });

    it("shows Technical Context as a definition list, values with their markup", async () => {
      const page = await open(PLAN);
      const list = page.locator("#technical-context + dl.context-list");
      expect(await list.locator("dt").allTextContents()).toEqual([
        "Language/Version",
        "Primary Dependencies",
        "Storage",
        "Testing",
        "Target Platform",
        "Project Type",
        "Performance Goals",
        "Constraints",
        "Scale/Scope",
      ]);
      const storage = list
        .locator("dt", { hasText: "Storage" })
        .locator("xpath=following-sibling::dd[1]");
      expect(await storage.textContent()).toContain("PostgreSQL 16 schemas checkout and orders");
      expect(await storage.locator("code").allTextContents()).toEqual(["checkout", "orders"]);
      await page.context().close();
    });

    it("keeps 'On this page' in view and marks the section being read", async () => {
      const page = await open(PLAN);
      const toc = page.locator(".plan-aside .toc");
      const current = () => toc.locator('a[aria-current="true"]').textContent();
      await toc.getByRole("link", { name: "Constitution Check", exact: true }).click();
      await page.waitForFunction(
        () =>
          document.querySelector('.toc a[aria-current="true"]')?.textContent ===
          "Constitution Check",
      );
      // Far down the page (a section chosen by scrolling, not through the list) the list is still
      // on screen and follows.
      await page.evaluate(() => document.getElementById("failure-handling")!.scrollIntoView());
      await page.waitForFunction(
        () =>
          document.querySelector('.toc a[aria-current="true"]')?.textContent === "Failure Handling",
      );
      expect(await current()).toBe("Failure Handling");
      const box = (await toc.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(DESKTOP.height / 2);
      expect(await toc.locator("a[aria-current]").count()).toBe(1);
      await page.context().close();
    });

    it("puts 'On this page' before the Details panel and the plan's text on a phone", async () => {
      const page = await open(PLAN, { viewport: PHONE });
      const top = async (selector: string) =>
        (await page.locator(selector).first().boundingBox())!.y;
      const toc = await top(".plan-aside .toc");
      expect(toc).toBeLessThan(await top(".plan-aside h2:text-is('Details')"));
      expect(toc).toBeLessThan(await top("article.plan-body"));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await page.context().close();
    });

    it("tells done tasks from open ones beyond colour, with progress per phase", async () => {
      const page = await open(TASKS);
      const style = (text: string) =>
        page.locator("li.task-list-item", { hasText: text }).evaluate((li) => ({
          line: getComputedStyle(li).textDecorationLine,
          marker: getComputedStyle(li, "::marker").content,
        }));
      const done = await style("T019");
      const notDone = await style("T020");
      expect(done.line).toContain("line-through");
      expect(notDone.line).not.toContain("line-through");
      expect(done.marker).not.toBe(notDone.marker);
      // tasks.md: Phase 1 T001–T004 all done; Phase 3 T010–T023, open T020–T022; Phase 6 T030–T031 open.
      const row = (phase: string) =>
        page
          .locator(".task-phases tbody tr", { hasText: phase })
          .locator("td")
          .first()
          .textContent();
      expect(await row("Phase 1: Setup")).toBe("4 of 4 ✓ complete");
      expect(await row("Phase 3: User Story 1")).toBe("11 of 14");
      expect(await row("Phase 6: User Story 4")).toBe("0 of 2");
      expect(await page.locator(".task-phases > p.muted").textContent()).toBe(
        "26 of 36 tasks done, 10 open.",
      );
      const link = page.locator(".task-phases a", { hasText: "Phase 3" });
      expect(await link.getAttribute("href")).toBe(
        "#phase-3-user-story-1---wholesale-buyer-places-an-order-p1--mvp",
      );
      await page.context().close();
    });

    it("shows open tasks only when asked, without JavaScript", async () => {
      const page = await open(TASKS, { javaScriptEnabled: false });
      const visible = () =>
        page.evaluate(() =>
          [...document.querySelectorAll("li.task-list-item")]
            .filter((li) => (li as HTMLElement).offsetParent !== null)
            .map((li) => /T\d+/.exec(li.textContent ?? "")?.[0]),
        );
      expect(await visible()).toHaveLength(36);
      await page.getByLabel("Show open tasks only").check();
      // The ten `- [ ]` lines of tasks.md.
      expect(await visible()).toEqual([
        "T020",
        "T021",
        "T022",
        "T028",
        "T029",
        "T030",
        "T031",
        "T033",
        "T034",
        "T035",
      ]);
      await page.getByLabel("Show open tasks only").uncheck();
      expect(await visible()).toHaveLength(36);
      await page.context().close();
    });

    it("answers an unknown address with the portal's 404 page", async () => {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      const response = await page.goto(site.url + "/plans/no-such-plan/");
      expect(response?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Page not found");
      await page.getByRole("link", { name: "plan index" }).click();
      await page.waitForURL(site.url + "/plans/");
      await context.close();
    });

    it("offers System, Light and Dark, remembers the choice, and System follows the system live", async () => {
      const page = await open(PLAN, { colorScheme: "light" });
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const select = page.getByLabel("Theme");
      expect(await select.inputValue()).toBe("system");
      const light = await background();
      await select.selectOption("dark");
      const dark = await background();
      expect(dark).not.toBe(light);
      await page.reload();
      expect(await page.getByLabel("Theme").inputValue()).toBe("dark");
      expect(await background()).toBe(dark);
      await page.getByLabel("Theme").selectOption("system");
      expect(await page.getAttribute("html", "data-theme")).toBeNull();
      expect(await background()).toBe(light);
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await background()).toBe(dark);
      await page.reload();
      expect(await page.getByLabel("Theme").inputValue()).toBe("system");
      expect(await page.evaluate(() => localStorage.getItem("plan-portal-theme"))).toBe("system");
      await page.context().close();
    });

    it("hides the theme menu without JavaScript (it could not work)", async () => {
      const page = await open(PLAN, { javaScriptEnabled: false });
      expect(await page.locator("#theme-select").count()).toBe(1);
      expect(await page.locator(".theme-select").isVisible()).toBe(false);
      await page.context().close();
    });

    it("prints light from dark mode, wraps code and tables, keeps headings with their text", async () => {
      // An A4 page's width at 96 dpi.
      const page = await open(PLAN, {
        colorScheme: "dark",
        viewport: { width: 794, height: 1123 },
      });
      await page.getByLabel("Theme").selectOption("dark");
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const printed = await page.evaluate(() => {
        const style = (selector: string, pseudo?: string) =>
          getComputedStyle(document.querySelector(selector)!, pseudo);
        return {
          tableHeader: style(".prose th").backgroundColor,
          scheme: style("article.plan-body").colorScheme,
          pre: style(".prose pre").whiteSpace,
          h2: style(".prose h2").breakAfter,
          // Tables and code blocks whose text runs past their box (cut off on paper).
          overflowing: [...document.querySelectorAll(".prose table, .prose pre")].filter(
            (box) => box.scrollWidth > box.clientWidth + 1,
          ).length,
          linkAfter: style('.prose a[href="/plans/002-product-catalog/"]', "::after").content,
        };
      });
      // The light palette's --bg-soft (#f6f7f9), not the dark one (#161a20).
      expect(printed.tableHeader).toBe("rgb(246, 247, 249)");
      expect(printed.scheme).toBe("light");
      expect(printed.pre).toBe("pre-wrap");
      expect(printed.h2).toBe("avoid");
      expect(printed.overflowing).toBe(0);
      expect(printed.linkAfter).toContain("/plans/002-product-catalog/");
      await page.context().close();
    });

    it("prints no address after a link within the page", async () => {
      const page = await open(TASKS);
      await page.emulateMedia({ media: "print" });
      const after = await page
        .locator(".task-phases a", { hasText: "Phase 1" })
        .evaluate((a) => getComputedStyle(a, "::after").content);
      expect(after).toBe("none");
      await page.context().close();
    });
  },
);
