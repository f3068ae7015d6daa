import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import { afterAll, describe, expect, it } from "vitest";
import { brokenLinks } from "./helpers/site.ts";

const fixture = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "fixtures",
  "sites",
  "with-base",
);
const outDirs: string[] = [];
afterAll(() => outDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function buildFixture(overrides: Record<string, unknown> = {}): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), "plan-portal-fixture-"));
  outDirs.push(outDir);
  await build({ root: fixture, outDir, logLevel: "error", ...overrides });
  return outDir;
}

describe("a site with its own pages, a content collection and base: /docs", () => {
  it("keeps the site's pages and adds the portal under /docs/architecture/, links included", async () => {
    const dist = await buildFixture();
    expect(existsSync(path.join(dist, "index.html"))).toBe(true);
    expect(readFileSync(path.join(dist, "guides/welcome/index.html"), "utf8")).toContain(
      "Our own guide",
    );
    const index = readFileSync(path.join(dist, "architecture/index.html"), "utf8");
    expect(index).toContain('href="/docs/architecture/01-search/"');
    const plan = readFileSync(path.join(dist, "architecture/01-search/index.html"), "utf8");
    // The relative link between plans became a portal link below the site's base.
    expect(plan).toContain('href="/docs/architecture/02-alerts/"');
    expect(plan).toContain('href="/docs/architecture/01-search/spec/"');
    expect(brokenLinks(dist, "/docs/")).toEqual([]);
    // The site has its own 404 page: the portal brings none in its place.
    const notFound = readFileSync(path.join(dist, "404.html"), "utf8");
    expect(notFound).toContain("Lost in the fixture");
    expect(notFound).not.toContain('class="not-found"');
  }, 120_000);

  it("follows trailingSlash: never and build.format: file", async () => {
    const dist = await buildFixture({ trailingSlash: "never", build: { format: "file" } });
    expect(existsSync(path.join(dist, "architecture/01-search.html"))).toBe(true);
    const index = readFileSync(path.join(dist, "architecture.html"), "utf8");
    expect(index).toContain('href="/docs/architecture/01-search"');
    expect(brokenLinks(dist, "/docs/")).toEqual([]);
  }, 120_000);

  it("fails the build with the findings listed when failOn is reached", async () => {
    process.env["PLAN_PORTAL_FAIL_ON"] = "warning";
    try {
      const error = await buildFixture().then(
        () => null,
        (e: Error & { hint?: string }) => e,
      );
      expect(error).not.toBeNull();
      expect(error!.message).toContain('at "warning" or worse (failOn: "warning")');
      expect(error!.message).toContain(
        "specs/01-search/plan.md:33:4  error  Open question Q1 was due 2026-11-01",
      );
      expect(error!.hint).toContain("relax failOn");
    } finally {
      delete process.env["PLAN_PORTAL_FAIL_ON"];
    }
  }, 120_000);
});
