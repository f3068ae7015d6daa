import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregate } from "../integrations/plan-portal/src/aggregate/index.ts";
import { runPipeline } from "../integrations/plan-portal/src/pipeline.ts";
import { brokenLinks, missingFromSite, searchRecords, textOf, walk } from "./helpers/site.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TODAY = "2026-11-25";

const model = await runPipeline({ roots: [path.join(repo, "specs")], cwd: repo, today: TODAY });

describe("the example site", () => {
  let dist: string;
  let files: string[];
  const aggregates = aggregate(model.plans, TODAY);
  const read = (p: string) => readFileSync(path.join(dist, p), "utf8");

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), "plan-portal-site-"));
    await build({ root: repo, outDir: dist, logLevel: "error" });
    files = walk(dist);
  }, 120_000);
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it("has one page per plan and per sibling document, none missing", () => {
    expect(model.plans.length).toBeGreaterThanOrEqual(10);
    for (const c of model.plans) {
      expect(files).toContain(`plans/${c.plan.id}/index.html`);
      if (c.plan.siblings.spec) expect(files).toContain(`plans/${c.plan.id}/spec/index.html`);
      if (c.plan.siblings.tasks) expect(files).toContain(`plans/${c.plan.id}/tasks/index.html`);
      expect(read(`plans/${c.plan.id}/index.html`)).toContain(c.plan.title.replace(/&/g, "&amp;"));
    }
    const index = read("plans/index.html");
    for (const c of model.plans) expect(index).toContain(`data-id="${c.plan.id}"`);
  });

  it("shows the model's numbers on the index and the dashboards", () => {
    const index = read("plans/index.html");
    for (const status of ["ready", "draft", "needs-clarification", "blocked"] as const) {
      expect(index.match(new RegExp(`<tr[^>]*data-status="${status}"`, "g"))?.length ?? 0).toBe(
        aggregates.statusCounts[status],
      );
    }
    const questions = read("plans/questions/index.html");
    expect(textOf(questions)).toContain(`${aggregates.questions.length} unanswered questions`);
    expect(textOf(questions)).toContain(
      `${aggregates.questions.filter((q) => q.overdue).length} past their deadline`,
    );
    expect(questions.match(/data-overdue="true"/g)?.length ?? 0).toBe(
      aggregates.questions.filter((q) => q.overdue).length,
    );
    const risks = read("plans/risks/index.html");
    for (const p of aggregates.risks.probabilities) {
      for (const i of aggregates.risks.impacts) {
        const n = aggregates.risks.cells[p][i].length;
        const cell = new RegExp(
          `data-probability="${p}" data-impact="${i}"[^>]*>\\s*(?:<span class="count"[^>]*>(\\d+))?`,
        ).exec(risks);
        expect(cell, `${p}/${i}`).not.toBeNull();
        expect(Number(cell![1] ?? 0), `${p}/${i}`).toBe(n);
      }
    }
    const blockers = textOf(read("plans/dependencies/index.html"));
    expect(blockers).toContain(`${aggregates.dependencies.blocked.length} blocked`);
    const health = read("plans/health/index.html");
    for (const r of aggregates.findingsByRule) expect(health).toContain(`<code>${r.ruleId}</code>`);
  });

  it("publishes plans.json with every plan in the CLI's shape", () => {
    const json = JSON.parse(read("plans/plans.json"));
    expect(json.version).toBe(1);
    expect(json.plans.map((p: { id: string }) => p.id).sort()).toEqual(
      model.plans.map((c) => c.plan.id).sort(),
    );
    expect(Object.keys(json.plans[0])).toEqual(
      expect.arrayContaining([
        "id",
        "path",
        "title",
        "status",
        "score",
        "template",
        "progress",
        "openQuestions",
        "needsClarification",
        "findings",
      ]),
    );
    expect(json.summary.byStatus).toEqual(aggregates.statusCounts);
  });

  it("loses nothing: page, index row, plans.json, search index and every open question on the dashboard", () => {
    expect(
      missingFromSite(
        dist,
        "plans",
        model.plans.map((c) => ({
          id: c.plan.id,
          questions: c.plan.questions,
          markers: c.plan.needsClarification.length,
        })),
      ),
    ).toEqual([]);
  });

  it("has no broken internal link or anchor", () => {
    expect(brokenLinks(dist, "/")).toEqual([]);
  });

  it("ships no JavaScript file on plan pages: inline theme and on-demand search scripts only", () => {
    const page = read(`plans/${model.plans[0]!.plan.id}/index.html`);
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page.match(/<script/g)?.length).toBe(3);
    const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!.length);
    // Small enough to inline: the theme restore, the toggle and the search bootstrap.
    expect(inline.reduce((a, b) => a + b, 0)).toBeLessThan(8 * 1024);
  });

  it("indexes every plan, sibling page and dashboard for search, with status filters", () => {
    const records = searchRecords(path.join(dist, "plans", "pagefind"));
    const urls = new Set(records.map((r: { url: string }) => r.url));
    for (const c of model.plans) {
      expect(urls, c.plan.id).toContain(`/${c.plan.id}/`);
      if (c.plan.siblings.spec) expect(urls).toContain(`/${c.plan.id}/spec/`);
    }
    for (const dashboard of ["questions", "risks", "dependencies", "health", "catalog", "graph"])
      expect(urls).toContain(`/${dashboard}/`);
    expect(urls).not.toContain("/");
    const checkout = records.find((r) => r.url === "/003-checkout-flow/")!;
    expect(checkout.filters.status).toEqual(["needs-clarification"]);
    expect(checkout.filters.owner).toContain("@maria (Payments)");
    expect(checkout.meta.title).toBe("Checkout Flow (cart, checkout session, order placement)");
  });

  it("renders markdown with the site's settings: Shiki code, GFM tables, heading anchors", () => {
    const page = read("plans/003-checkout-flow/index.html");
    expect(page).toMatch(/<pre class="astro-code/);
    expect(page).toMatch(/<table>/);
    expect(page).toMatch(/<h2 id="summary">Summary<a class="heading-anchor" href="#summary"/);
  });
});
