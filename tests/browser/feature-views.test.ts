import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumOrSkip } from "./chromium.ts";
import { serveExampleSite, type ServedPortal } from "./preview.ts";

const browserPath = chromiumOrSkip("FEATURE VIEW TESTS");
const PHONE = { width: 390, height: 844 };

/*
 * The traceability matrix and the Pipeline dashboard (issue 17) as a person uses them: links
 * from the matrix land on the task in tasks.md's page, the Pipeline page fits a phone and its
 * per-stage lists open and close without JavaScript.
 */
describe.skipIf(!browserPath)("the feature views in a browser", { timeout: 90_000 }, () => {
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

  it("a task link in the matrix lands on that task in the tasks page", async () => {
    const page = await open("/plans/011-roaster-analytics/", {
      viewport: { width: 1366, height: 800 },
    });
    // FR-004's only task is T015 (Phase 4: Cube serving), far down tasks.md's page.
    await page.locator('tr[data-id="FR-004"] a', { hasText: "T015" }).click();
    await page.waitForURL(/\/tasks\/#phase-4-cube-serving-us3/);
    await page.waitForFunction(() => window.scrollY > 0);
    const inView = await page.evaluate(() => {
      const item = [...document.querySelectorAll("li")].find((li) =>
        li.textContent?.includes("T015"),
      )!;
      const box = item.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await page.context().close();
  });

  it("the Pipeline page fits a phone, and its stage lists open and close without JavaScript", async () => {
    const page = await open("/plans/pipeline/", { viewport: PHONE, javaScriptEnabled: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    // Stage tiles sit at most two to a row on a phone, never cut off.
    for (const tile of await page.locator(".pipeline-stages .stat").all()) {
      const box = (await tile.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    const done = page.locator("#stage-done");
    const item = done.getByRole("link", { name: "Order & Account Notifications" });
    expect(await item.isVisible()).toBe(true);
    await done.locator("summary").click();
    expect(await item.isVisible()).toBe(false);
    // The rules behind the stages are one click away.
    const rules = page.locator(".pipeline-rules");
    await rules.locator("summary").click();
    expect(await rules.getByText("tasks.md has tasks and every one is checked").isVisible()).toBe(
      true,
    );
    await page.context().close();
  });

  it("the matrix fits a phone, one card per requirement or story", async () => {
    const page = await open("/plans/011-roaster-analytics/", { viewport: PHONE });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    expect(await page.locator("#traceability").isVisible()).toBe(true);
    await page.context().close();
  });
});
