import { spawn, spawnSync } from "node:child_process";
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFragmentManifest } from "../integrations/plan-portal/src/federation/fragment.ts";
import { buildSearchIndex } from "../integrations/plan-portal/src/search/index.ts";
import { chromiumOrSkip, launch } from "./browser/chromium.ts";
import { freePort } from "./browser/preview.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
const fixtureSpecs = path.join(
  repo,
  "integrations",
  "plan-portal",
  "test",
  "fixtures",
  "mcp",
  "specs",
);
const work = mkdtempSync(path.join(tmpdir(), "plan-portal-federation-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], cwd = work) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PLAN_PORTAL_CACHE_DIR: path.join(work, "cache") },
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    code: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    output: run.stdout + run.stderr,
  };
}

/** The CLI without blocking this process (a server in it answers the CLI's requests). */
function cliAsync(
  args: string[],
): Promise<{ code: number | null; stdout: string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code, stdout, output: stdout + stderr }));
  });
}

interface HandPlan {
  id: string;
  title: string;
  status: "ready" | "draft" | "needs-clarification" | "blocked";
  words: string;
}

/**
 * A fragment as `build --fragment` lays it out, written by hand: pages below /<name>/, their
 * plans.json (the JSON contract), a Pagefind index built by the build's own indexer, the manifest.
 */
async function handFragment(name: string, plans: HandPlan[]): Promise<string> {
  const dir = path.join(work, `${name}-fragment`);
  const portal = path.join(dir, name);
  for (const p of plans) {
    mkdirSync(path.join(portal, p.id), { recursive: true });
    writeFileSync(
      path.join(portal, p.id, "index.html"),
      `<!doctype html><html lang="en"><head><title>${p.title}</title></head><body><main data-pagefind-body><h1>${p.title}</h1><p>${p.words}</p></main></body></html>`,
    );
  }
  // Every portal's main index holds its dashboards (the plan pages are in its shards).
  writeFileSync(
    path.join(portal, "index.html"),
    `<!doctype html><html lang="en"><head><title>${name}</title></head><body><main data-pagefind-body><h1>${name} plans</h1></main></body></html>`,
  );
  const json = plans.map((p) => ({
    id: p.id,
    path: `specs/${p.id}/plan.md`,
    title: p.title,
    status: p.status,
    score: 80,
    openQuestions: [],
    findings: [],
  }));
  writeFileSync(path.join(portal, "plans.json"), JSON.stringify({ version: 1, plans: json }));
  await buildSearchIndex(portal, { cacheDir: null });
  writeFragmentManifest(dir, { name, title: `${name} plans`, today: "2026-06-01", search: true });
  return dir;
}

let shop: string;
let billing: string;
let ops: string;
const org = path.join(work, "org");

beforeAll(async () => {
  const built = cli([
    "build",
    fixtureSpecs,
    "--fragment",
    "shop",
    "--out",
    "shop-dist",
    "--title",
    "Shop plans",
    "--today",
    "2026-06-01",
  ]);
  expect(built.code, built.output).toBe(0);
  shop = path.join(work, "shop-dist");
  billing = await handFragment("billing", [
    {
      id: "001-invoices",
      title: "Invoices",
      status: "draft",
      words: "Invoices numbered by a quokka sequence.",
    },
  ]);
  ops = await handFragment("ops", [
    {
      id: "004-alerts",
      title: "Alerts",
      status: "ready",
      words: "Pages the on-call numbat at night.",
    },
    {
      id: "005-runbooks",
      title: "Runbooks",
      status: "blocked",
      words: "Runbooks for every service.",
    },
  ]);
}, 240_000);

describe("portal fragments and the organisation portal (plan-portal federate)", () => {
  it("a fragment build puts the portal below /NAME/ and writes its manifest", () => {
    const manifest = JSON.parse(readFileSync(path.join(shop, "plan-portal-fragment.json"), "utf8"));
    expect(manifest).toMatchObject({
      fragment: 1,
      name: "shop",
      title: "Shop plans",
      generated: "2026-06-01",
      portal: "/shop/",
    });
    expect(typeof manifest.pagefind).toBe("string");
    for (const file of [
      "shop/index.html",
      "shop/001-checkout-flow/index.html",
      "shop/plans.json",
      "shop/pagefind/pagefind.js",
    ]) {
      expect(existsSync(path.join(shop, file)), file).toBe(true);
    }
  });

  it("merges three fragments without re-parsing: one index, one plans.json, every portal copied", () => {
    const run = cli(["federate", shop, billing, ops, "--out", org, "--title", "Acme plans"]);
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toBe(
      "Organisation portal written to org/: 5 plans from 3 repositories (3 copied, 0 linked).\n",
    );
    const merged = JSON.parse(readFileSync(path.join(org, "plans.json"), "utf8"));
    expect(
      merged.plans.map((p: { id: string; repository: string; url: string }) => [
        p.id,
        p.repository,
        p.url,
      ]),
    ).toEqual([
      ["shop/001-checkout-flow", "shop", "/shop/001-checkout-flow/"],
      ["shop/002-refunds", "shop", "/shop/002-refunds/"],
      ["billing/001-invoices", "billing", "/billing/001-invoices/"],
      ["ops/004-alerts", "ops", "/ops/004-alerts/"],
      ["ops/005-runbooks", "ops", "/ops/005-runbooks/"],
    ]);
    const html = readFileSync(path.join(org, "index.html"), "utf8");
    expect(html).toContain("5 plans in 3 repositories");
    expect(html).toContain('<a href="/_org/billing/">billing plans</a>');
    const billingPage = readFileSync(path.join(org, "_org", "billing", "index.html"), "utf8");
    expect(billingPage).toContain('<a href="/billing/001-invoices/">Invoices</a>');
    for (const file of [
      "shop/001-checkout-flow/index.html",
      "billing/pagefind/pagefind.js",
      "ops/004-alerts/index.html",
    ]) {
      expect(existsSync(path.join(org, file)), file).toBe(true);
    }
  });

  it(
    "links a fragment published at an URL instead of copying it",
    { timeout: 60_000 },
    async () => {
      const published = await serve(ops);
      try {
        const run = await cliAsync([
          "federate",
          shop,
          `${published.url}/`,
          "--out",
          path.join(work, "org-url"),
        ]);
        expect(run.code, run.output).toBe(0);
        expect(run.stdout).toContain("4 plans from 2 repositories (1 copied, 1 linked)");
        const merged = JSON.parse(readFileSync(path.join(work, "org-url", "plans.json"), "utf8"));
        expect(merged.plans.map((p: { url: string }) => p.url)).toEqual([
          "/shop/001-checkout-flow/",
          "/shop/002-refunds/",
          `${published.url}/ops/004-alerts/`,
          `${published.url}/ops/005-runbooks/`,
        ]);
        expect(existsSync(path.join(work, "org-url", "ops"))).toBe(false);
      } finally {
        published.server.close();
      }
    },
  );

  it("refuses a fragment of another schema version, and two fragments with one name", () => {
    const future = path.join(work, "future-fragment");
    mkdirSync(future, { recursive: true });
    writeFileSync(
      path.join(future, "plan-portal-fragment.json"),
      JSON.stringify({ fragment: 2, name: "future" }),
    );
    const version = cli(["federate", billing, future, "--out", path.join(work, "org-2")]);
    expect(version.code).toBe(1);
    expect(version.stderr).toBe(
      `plan-portal: The portal fragment at ${future} is schema version 2; this plan-portal reads version 1.\n` +
        "  Hint: Build every fragment and the organisation portal with the same major version of plan-portal (upgrade the older ones), then federate again.\n",
    );
    const twice = cli(["federate", billing, billing, "--out", path.join(work, "org-3")]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(
      `The fragments at ${billing} and ${billing} are both named "billing".`,
    );
  });
});

const browserPath = chromiumOrSkip("Organisation portal search");

/** The organisation portal as a static site, as any web server would serve it. */
async function serve(root: string, cors = true): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let file = path.join(root, decodeURIComponent((req.url ?? "/").split("?")[0]!));
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith(".html")
      ? "text/html"
      : file.endsWith(".js")
        ? "text/javascript"
        : file.endsWith(".css")
          ? "text/css"
          : "application/octet-stream";
    // Fragments on another origin must allow it: the organisation page fetches their indexes.
    res.writeHead(200, {
      "Content-Type": type,
      ...(cors ? { "Access-Control-Allow-Origin": "*" } : {}),
    });
    createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

describe.skipIf(!browserPath)("the organisation portal in a browser", () => {
  let browser: Browser;
  let site: { url: string; server: Server };
  beforeAll(async () => {
    browser = await launch();
    site = await serve(org);
  });
  afterAll(async () => {
    await browser?.close();
    site?.server.close();
  });

  it(
    "searches every fragment's index at once and links into each repository's portal",
    { timeout: 90_000 },
    async () => {
      const page = await browser.newPage();
      await page.goto(`${site.url}/`);
      const results = page.locator("#org-search-results a");
      for (const [word, href] of [
        ["quokka", "/billing/001-invoices/"],
        ["numbat", "/ops/004-alerts/"],
        ["refund", "/shop/002-refunds/"],
      ] as const) {
        await page.fill("#org-search-input", word);
        await expect
          .poll(async () => (await results.first().getAttribute("href")) ?? "", { timeout: 15_000 })
          .toBe(href);
      }
      await page.close();
    },
  );

  it(
    "searches fragments served from three other origins (CORS), linking to each origin",
    { timeout: 120_000 },
    async () => {
      const origins = await Promise.all([shop, billing, ops].map((f) => serve(f)));
      const linked = path.join(work, "org-linked");
      let orgSite: { url: string; server: Server } | null = null;
      try {
        const run = await cliAsync([
          "federate",
          ...origins.map((o) => `${o.url}/`),
          "--out",
          linked,
        ]);
        expect(run.code, run.output).toBe(0);
        expect(run.stdout).toContain("5 plans from 3 repositories (0 copied, 3 linked)");
        orgSite = await serve(linked);
        const page = await browser.newPage();
        await page.goto(`${orgSite.url}/`);
        const results = page.locator("#org-search-results a");
        for (const [word, href] of [
          ["quokka", `${origins[1]!.url}/billing/001-invoices/`],
          ["numbat", `${origins[2]!.url}/ops/004-alerts/`],
          ["refund", `${origins[0]!.url}/shop/002-refunds/`],
        ] as const) {
          await page.fill("#org-search-input", word);
          await expect
            .poll(async () => (await results.first().getAttribute("href")) ?? "", {
              timeout: 15_000,
            })
            .toBe(href);
        }
        await expect
          .poll(() => page.locator("#org-search-status").textContent())
          .not.toContain("not searched");
        await page.close();
      } finally {
        orgSite?.server.close();
        for (const o of origins) o.server.close();
      }
    },
  );

  it(
    "names a fragment whose origin sends no CORS headers, and still searches the others",
    { timeout: 120_000 },
    async () => {
      // billing leads the list: the search must not depend on the first index loading.
      const origins = await Promise.all([serve(billing, false), serve(ops), serve(shop)]);
      const linked = path.join(work, "org-no-cors");
      let orgSite: { url: string; server: Server } | null = null;
      try {
        const run = await cliAsync([
          "federate",
          ...origins.map((o) => `${o.url}/`),
          "--out",
          linked,
        ]);
        expect(run.code, run.output).toBe(0);
        orgSite = await serve(linked);
        const page = await browser.newPage();
        await page.goto(`${orgSite.url}/`);
        await page.fill("#org-search-input", "numbat");
        await expect
          .poll(
            async () =>
              (await page.locator("#org-search-results a").first().getAttribute("href")) ?? "",
            {
              timeout: 15_000,
            },
          )
          .toBe(`${origins[1]!.url}/ops/004-alerts/`);
        await expect
          .poll(() => page.locator("#org-search-status").textContent())
          .toBe("1 result (not searched: billing)");
        await page.close();
      } finally {
        orgSite?.server.close();
        for (const o of origins) o.server.close();
      }
    },
  );

  it("has no serious or critical axe violation, light and dark", { timeout: 120_000 }, async () => {
    const require = (await import("node:module")).createRequire(import.meta.url);
    for (const scheme of ["light", "dark"] as const) {
      const page = await browser.newPage({ colorScheme: scheme });
      await page.goto(`${site.url}/`);
      await page.fill("#org-search-input", "quokka");
      await page.locator("#org-search-results a").first().waitFor();
      await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                d: Document,
                o: object,
              ) => Promise<{ violations: { id: string; impact: string }[] }>;
            };
          }
        ).axe;
        return (await axe.run(document, { resultTypes: ["violations"] })).violations.map(
          (v) => `${v.id} (${v.impact})`,
        );
      });
      expect(
        violations.filter((v) => /serious|critical/.test(v)),
        scheme,
      ).toEqual([]);
      if (process.env["PLAN_PORTAL_SCREENSHOTS"]) {
        for (const width of [1366, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await page.screenshot({
            path: path.join(process.env["PLAN_PORTAL_SCREENSHOTS"], `org-${width}-${scheme}.png`),
            fullPage: true,
          });
        }
      }
      await page.close();
    }
  });
});
