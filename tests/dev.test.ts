import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "fixtures", "sites", "with-base");
const astroBin = path.join(here, "..", "node_modules", "astro", "bin", "astro.mjs");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Poll a page until `done(html)` holds (dev rebuilds are asynchronous). */
async function until(
  url: string,
  done: (html: string, status: number) => boolean,
  timeoutMs = 15_000,
): Promise<string> {
  const start = Date.now();
  for (;;) {
    const res = await fetch(url).catch(() => null);
    const html = res ? await res.text() : "";
    if (res && done(html, res.status)) return html;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${url}; last status ${res?.status ?? "no answer"}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("astro dev watches the specs", () => {
  let root: string;
  let server: ChildProcess;
  let base: string;
  let log = "";
  const rebuilds = () => log.match(/plans updated in/g)?.length ?? 0;

  beforeAll(async () => {
    // A copy, so edits never touch the committed fixture; inside tests/ so node_modules resolve.
    root = mkdtempSync(path.join(path.dirname(fixture), "dev-"));
    cpSync(fixture, root, { recursive: true });
    const port = await freePort();
    // Astro's dev server does not serve pages inside a Vitest process, so it runs as a child.
    const env = { ...process.env };
    delete env["VITEST"];
    env["NODE_ENV"] = "development"; // Vitest's "test" turns Vite's HMR channel off.
    server = spawn(
      process.execPath,
      [astroBin, "dev", "--root", root, "--port", String(port), "--host", "127.0.0.1"],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    // The server's log: each rebuild ends in one "plans updated" line.
    for (const stream of [server.stdout!, server.stderr!]) {
      stream.on("data", (d: Buffer) => {
        log += d.toString();
        if (process.env["DEV_LOG"]) process.stderr.write(d);
      });
    }
    base = `http://127.0.0.1:${port}/docs/architecture`;
    await until(`${base}/`, (_html, status) => status === 200, 30_000);
  }, 60_000);

  afterAll(() => {
    server?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it("updates a plan's page, the index and the dashboards when a plan is edited, added or deleted", async () => {
    await until(`${base}/01-search/`, (html) => html.includes("Full-text search"));
    const plan = path.join(root, "specs", "01-search", "plan.md");
    writeFileSync(
      plan,
      readFileSync(plan, "utf8").replace(
        "Full-text search over the catalog.",
        "Fuzzy search over the catalog, typo tolerant.",
      ),
    );
    await until(`${base}/01-search/`, (html) => html.includes("Fuzzy search over the catalog"));
    // A doc that embeds the plan through a directive follows too.
    await until(`${base.replace("/architecture", "")}/onboarding/`, (html) =>
      html.includes("Fuzzy search over the catalog"),
    );

    // The open question becomes overdue-free once answered: the dashboard follows.
    expect(
      await until(`${base}/questions/`, (html) => html.includes("Do we index archived products?")),
    ).toContain("1 unanswered questions");
    writeFileSync(
      plan,
      readFileSync(plan, "utf8").replace(
        "1. **Q1**: Do we index archived products?",
        "1. ~~**Q1**: Do we index archived products?~~ Resolved: no.",
      ),
    );
    await until(`${base}/questions/`, (html) => html.includes("0 unanswered questions"));

    mkdirSync(path.join(root, "specs", "03-billing"));
    writeFileSync(
      path.join(root, "specs", "03-billing", "plan.md"),
      "# Implementation Plan: Billing\n\n## Summary\n\nInvoices.\n",
    );
    await until(`${base}/`, (html) => html.includes('data-id="03-billing"'));
    await until(
      `${base}/03-billing/`,
      (html, status) => status === 200 && html.includes("Invoices."),
    );

    rmSync(path.join(root, "specs", "03-billing"), { recursive: true });
    await until(`${base}/`, (html) => !html.includes('data-id="03-billing"'));
  }, 60_000);

  it("applies a burst of saves as the last state, with no older save rebuilt after it", async () => {
    const plan = path.join(root, "specs", "02-alerts", "plan.md");
    const original = readFileSync(plan, "utf8");
    const saves = 20;
    const before = rebuilds();
    for (let i = 1; i <= saves; i++) {
      writeFileSync(plan, `${original}\n\nBurst save number ${i} of ${saves}.\n`);
      // Each save past the watcher's debounce, as an editor saving on every keystroke does.
      await new Promise((r) => setTimeout(r, 40));
    }
    await until(`${base}/02-alerts/`, (html) => html.includes(`Burst save number ${saves} of`));
    const toLastState = rebuilds() - before;
    // How few rebuilds that took depends on how long one takes (test/dev-coalesce.test.ts
    // counts them with a rebuild that waits); here: at least one, and none behind the last.
    expect(toLastState).toBeGreaterThan(0);
    // Nothing queued behind the last state: a second look finds no older save back on the page.
    await new Promise((r) => setTimeout(r, 1500));
    const html = await until(`${base}/02-alerts/`, () => true);
    expect(html).toContain(`Burst save number ${saves} of`);
    expect(html).not.toMatch(new RegExp(`Burst save number (?!${saves} of)\\d+ of`));
    expect(rebuilds() - before).toBeLessThanOrEqual(toLastState + 1);
  }, 60_000);
});
