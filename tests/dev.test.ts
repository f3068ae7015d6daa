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
      { env, stdio: process.env["DEV_LOG"] ? "inherit" : "ignore" },
    );
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
});
