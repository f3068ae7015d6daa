import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runPipeline } from "../integrations/plan-portal/src/pipeline.ts";
import { brokenLinks, missingFromSite, searchRecords, walk } from "./helpers/site.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
const corpus = path.resolve(repo, "..", "shared", "corpus");
const work = mkdtempSync(path.join(tmpdir(), "plan-portal-standalone-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

if (!existsSync(corpus)) {
  console.warn(
    `\n!!! STANDALONE CORPUS BUILD SKIPPED: ${corpus} does not exist (clone next to the steering repo's shared/).\n`,
  );
}

/** `npx plan-portal build <specs> --out <dir>` from a folder that has no Astro site. */
function buildStandalone(
  specs: string,
  name: string,
  extra: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
): { dist: string; code: number | null; output: string } {
  const dist = path.join(work, name);
  const result = spawnSync(
    process.execPath,
    [bin, "build", specs, "--out", dist, "--today", "2026-11-25", ...(extra.args ?? [])],
    {
      cwd: work,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...extra.env },
    },
  );
  return { dist, code: result.status, output: result.stdout + result.stderr };
}

describe("plan-portal build (standalone, no Astro site)", () => {
  it("builds the portal at the site root for a folder of specs", () => {
    const specs = path.join(
      repo,
      "integrations",
      "plan-portal",
      "test",
      "fixtures",
      "cli",
      "specs",
    );
    const { dist, code, output } = buildStandalone(specs, "fixture");
    expect(code, output).toBe(0);
    expect(output).toContain("2 plans: 1 ready, 0 draft, 1 needs clarification, 0 blocked");
    const files = walk(dist);
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "001-clean-plan/index.html",
        "002-rough-plan/index.html",
        "questions/index.html",
        "plans.json",
      ]),
    );
    expect(brokenLinks(dist, "/")).toEqual([]);
    // The portal is the whole site: plan pages have the search dialog and theme switch too (the
    // browser test in tests/browser/standalone.test.ts uses them).
    for (const page of ["001-clean-plan/index.html", "002-rough-plan/index.html"]) {
      const html = readFileSync(path.join(dist, page), "utf8");
      expect(html, page).toContain('id="search-dialog"');
      expect(html, page).not.toContain('class="icon-button search-button" href="/?search"');
    }
    const index = readFileSync(path.join(dist, "index.html"), "utf8");
    expect(index).toContain('id="search-dialog"');
    // The search index: dashboards in the main index, the plan pages in shards it merges.
    const shards = JSON.parse(
      readFileSync(path.join(dist, "pagefind", "shards.json"), "utf8"),
    ) as string[];
    expect(shards.length).toBeGreaterThan(0);
    const urls = searchRecords(path.join(dist, "pagefind")).map((r) => r.url);
    expect(urls).toEqual(expect.arrayContaining(["/001-clean-plan/", "/questions/"]));
    expect(output).toMatch(/search index: \d+ pages, .* \(\d+ indexes built, \d+ from cache\)/);
  }, 120_000);

  it("says a Chromium that does not start is that, and stops the build when mode is svg", () => {
    const specs = path.join(repo, "tests", "fixtures", "diagram-specs");
    // A file that exists but is no browser: found, then fails to launch.
    const env = { CHROMIUM_PATH: "/bin/false" };
    const auto = buildStandalone(specs, "chromium-auto", { env });
    expect(auto.code, auto.output).toBe(0);
    expect(auto.output).toContain("Chromium at /bin/false was found, but it did not start");
    expect(auto.output).toContain("Mermaid diagrams are drawn in the browser instead.");
    const svg = buildStandalone(specs, "chromium-svg", { env, args: ["--diagrams", "svg"] });
    expect(svg.code).toBe(1);
    expect(svg.output).toContain(
      'planPortal({ diagrams: { mode: "svg" } }) draws every mermaid diagram to SVG at build, but: Chromium at /bin/false was found',
    );
    expect(svg.output).not.toMatch(/\n\s+at /);
  }, 120_000);

  it("refuses to overwrite a folder it did not write", () => {
    const specs = path.join(repo, "specs");
    const result = spawnSync(process.execPath, [bin, "build", specs, "--out", repo], {
      cwd: work,
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("was not written by plan-portal; it was left alone.");
  });

  it.skipIf(!existsSync(corpus))(
    "has a page for every plan of ../shared/corpus",
    async () => {
      const { dist, code, output } = buildStandalone(corpus, "corpus");
      expect(code, output).toBe(0);
      const files = new Set(walk(dist));
      const plans = (await runPipeline({ roots: [corpus], cwd: repo, today: "2026-11-25" })).plans;
      expect(plans.length).toBeGreaterThan(100);
      const missing = plans
        .filter((c) => !files.has(`${c.plan.id}/index.html`))
        .map((c) => c.plan.id);
      expect(missing).toEqual([]);
      expect(brokenLinks(dist, "/")).toEqual([]);
      // Nothing lost: page, index row, plans.json, search index, every open question on the dashboard.
      const model = plans.map((c) => ({
        id: c.plan.id,
        questions: c.plan.questions,
        markers: c.plan.needsClarification.length,
      }));
      expect(missingFromSite(dist, "", model)).toEqual([]);
      // Issue 17 on real features: every plan whose spec.md has requirements or stories has its
      // traceability matrix, and the pipeline dashboard and its overlaps page count every feature.
      const traced = plans.filter(
        (c) =>
          (c.plan.feature.spec?.requirements.length ?? 0) +
            (c.plan.feature.spec?.stories.length ?? 0) >
          0,
      );
      expect(traced.length).toBeGreaterThan(50);
      const untraced = traced
        .map((c) => c.plan.id)
        .filter(
          (id) =>
            !readFileSync(path.join(dist, id, "index.html"), "utf8").includes('id="traceability"'),
        );
      expect(untraced).toEqual([]);
      const pipeline = readFileSync(path.join(dist, "pipeline", "index.html"), "utf8");
      expect(pipeline).toContain(`${plans.length} features from specified to done`);
      expect(existsSync(path.join(dist, "pipeline", "overlaps", "index.html"))).toBe(true);
      // A finding in tasks.md is shown with its own file and links to the Tasks page, not to the
      // plan.md line of the same number.
      const inTasks = plans.find((c) => c.findings.some((f) => f.file?.endsWith("/tasks.md")))!;
      const f = inTasks.findings.find((f) => f.file?.endsWith("/tasks.md"))!;
      const page = readFileSync(path.join(dist, inTasks.plan.id, "index.html"), "utf8");
      expect(page).toContain(`tasks.md line ${f.line}:${f.column} · ${f.ruleId}`);
      const tasksHref = `/${inTasks.plan.id.split("/").map(encodeURIComponent).join("/")}/tasks/"`;
      expect(page).toContain(
        `${tasksHref}>${f.message.replace(/&/g, "&amp;").replace(/</g, "&lt;")}`,
      );
    },
    180_000,
  );
});
