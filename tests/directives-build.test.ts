import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import { afterAll, describe, expect, it } from "vitest";
import { brokenLinks } from "./helpers/site.ts";

/** Docs using every plan directive (guide.md and team.mdx), built under each markdown processor. */
const fixture = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "fixtures",
  "sites",
  "directives",
);
const outDirs: string[] = [];
afterAll(() => outDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function buildWith(processor: string, overrides: Record<string, unknown> = {}) {
  const outDir = mkdtempSync(path.join(tmpdir(), "plan-portal-directives-"));
  outDirs.push(outDir);
  process.env["FIXTURE_PROCESSOR"] = processor;
  try {
    await build({ root: fixture, outDir, logLevel: "error", ...overrides });
  } finally {
    delete process.env["FIXTURE_PROCESSOR"];
  }
  return (page: string) => readFileSync(path.join(outDir, page, "index.html"), "utf8");
}

/** What every doc must show, whichever processor rendered it. */
function expectDirectivesRendered(html: string) {
  expect(html).toContain(
    '<span class="pp-ref"><a href="/plans/01-search/">Search</a> <span class="badge needs-clarification"',
  );
  expect(html).toContain('<a href="/plans/02-alerts/">the alerts plan</a>');
  expect(html).toContain(
    '<a href="/plans/01-search/#high-level-architecture">search architecture</a>',
  );
  expect(html).toContain('<article class="pp-card" data-plan="01-search">');
  // 02-alerts: US1 has tasks (T002, T003), US2 none; FR-001 and FR-002 both cited by a task.
  expect(html).toContain('<div class="pp-card pp-coverage" data-plan="02-alerts">');
  expect(html).toContain("<dt>Stories with tasks</dt><dd>1/2</dd>");
  expect(html).toContain("<dt>Requirements covered</dt><dd>2/2</dd>");
  expect(html).toContain("1 open question across all plans owned by @maria");
  expect(html).toContain("2 open questions in Search");
  expect(html).toContain("1 plan with status Needs clarification");
  expect(html).toContain("<caption>2 plans</caption>");
  expect(html).toMatch(
    /<figure class="diagram" role="group" aria-label="Diagram in “Query Flow”" data-mermaid(="")?>/,
  );
  // Text that only looks like a directive, and directives nobody owns, come out as written.
  expect(html).toContain("Meet at 10:30, ratio a:b, an :abbr[HTML]{title=");
  expect(html).toMatch(/<p( data-user-plugin(="")?)?>::note\{kind=tip\}<\/p>/);
  // Plan text is escaped: the question holding a script tag shows none.
  expect(html).not.toMatch(/<script>alert/);
}

describe("plan directives in a site's docs", () => {
  it("render under the default Sätteri processor, in .md and .mdx", async () => {
    const page = await buildWith("satteri");
    expectDirectivesRendered(page("guide"));
    expectDirectivesRendered(page("team"));
    expect(page("team")).toContain("An MDX expression still works: 42.");
  }, 120_000);

  it("render under the unified processor (remark-directive added first), with the site's own remark plugin still running", async () => {
    const page = await buildWith("unified");
    for (const doc of ["guide", "team"]) {
      expectDirectivesRendered(page(doc));
      expect(page(doc)).toContain("data-user-plugin");
    }
  }, 120_000);

  it("render in MDX whose own remarkPlugins list includes planDirectives()", async () => {
    const page = await buildWith("unified-mdx-own-plugins-fixed");
    expectDirectivesRendered(page("team"));
    expect(page("team")).toContain("data-user-plugin");
  }, 120_000);

  it("fail the build when mdx({ remarkPlugins }) replaced the inherited plugins", async () => {
    const error = await buildWith("unified-mdx-own-plugins").then(
      () => null,
      (e: Error) => e,
    );
    expect(error).not.toBeNull();
    // Without remark-directive MDX reads `{label="…"}` as an expression and says where.
    expect(String(error!.message) + JSON.stringify((error as { loc?: unknown }).loc)).toMatch(
      /team\.mdx/,
    );
  }, 120_000);

  it("stop the build at an unknown plan id with the doc's line, column and a suggestion", async () => {
    const error = await buildWith("satteri", { srcDir: "./src-broken" }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toContain(
      'src-broken/pages/broken.md:9:19  :plan: no plan "01-serch". Did you mean "01-search"?',
    );
  }, 120_000);
});

describe("the example site's onboarding docs", () => {
  it.each(["satteri", "unified"])(
    "show live plan facts under %s, linked from the portal's header, with no broken link",
    async (processor) => {
      const outDir = mkdtempSync(path.join(tmpdir(), "plan-portal-example-docs-"));
      outDirs.push(outDir);
      const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
      process.env["EXAMPLE_PROCESSOR"] = processor;
      try {
        await build({ root, outDir, logLevel: "error" });
      } finally {
        delete process.env["EXAMPLE_PROCESSOR"];
      }
      const home = readFileSync(path.join(outDir, "plans", "index.html"), "utf8");
      expect(home).toContain('<a href="/docs/start-here/">Start here</a>');
      const start = readFileSync(path.join(outDir, "docs", "start-here", "index.html"), "utf8");
      expect(start).toContain('<article class="pp-card" data-plan="001-platform-foundation">');
      expect(start).toMatch(/<div class="pp-diagram"><figure class="diagram"/);
      const team = readFileSync(path.join(outDir, "docs", "checkout-team", "index.html"), "utf8");
      expect(team).toContain("open questions across all plans owned by @maria");
      expect(team).toMatch(
        /<div class="pp-diagram"><figure class="diagram"[^>]*aria-label="Entity relationship diagram in “Data Model”"/,
      );
      expect(start).toContain("Meetings are at 10:30 on Mondays");
      expect(brokenLinks(outDir, "/")).toEqual([]);
    },
    180_000,
  );
});
