import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePlans } from "../../integrations/plan-portal/bench/gen/index.ts";
import { aggregate } from "../../integrations/plan-portal/src/aggregate/index.ts";
import { checkPlans, type CheckedPlan } from "../../integrations/plan-portal/src/check/index.ts";
import { discoverPlans } from "../../integrations/plan-portal/src/discover/index.ts";
import { loadPlan } from "../../integrations/plan-portal/src/discover/load.ts";
import { parsePlan } from "../../integrations/plan-portal/src/parse/index.ts";
import { graphDiagram } from "../../integrations/plan-portal/src/render/cross-plan.ts";
import {
  createSvgRenderer,
  type SvgRenderer,
} from "../../integrations/plan-portal/src/diagrams/render-svg.ts";
import { chromiumOrSkip } from "./chromium.ts";

const browserPath = chromiumOrSkip("SCALE TESTS");
const TODAY = "2026-11-25";

/*
 * The graph page at 1,000 generated plans (npm run bench:gen's generator). A whole site build of
 * 1,000 plans takes minutes on two cores, so this draws the page's graph diagram exactly as the
 * build does (createSvgRenderer: mermaid in headless Chromium) from the same source store.ts gets.
 * The example site's graph page is drawn and checked in portal.test.ts / phone.test.ts.
 */
describe.skipIf(!browserPath)("the plan graph at 1,000 plans", { timeout: 120_000 }, () => {
  let dir: string;
  let plans: CheckedPlan[];
  let renderer: SvgRenderer;
  const cacheBefore = process.env["PLAN_PORTAL_CACHE_DIR"];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plan-portal-scale-"));
    // A cold cache of our own: the drawing is really done here, not read from an earlier run.
    process.env["PLAN_PORTAL_CACHE_DIR"] = path.join(dir, "cache");
    generatePlans({ plans: 1000, out: path.join(dir, "site"), seed: "plan-portal" });
    const specs = path.join(dir, "site", "specs");
    const found = discoverPlans([specs]).plans;
    const parsed = found.map((d) => parsePlan(loadPlan(d, specs), { templatePhrases: new Set() }));
    plans = checkPlans(parsed, {
      severities: {},
      today: TODAY,
      repositoryProfile: null,
      exists: () => true,
    });
    renderer = (await createSvgRenderer())!;
  }, 120_000);

  afterAll(async () => {
    await renderer?.close();
    if (cacheBefore === undefined) delete process.env["PLAN_PORTAL_CACHE_DIR"];
    else process.env["PLAN_PORTAL_CACHE_DIR"] = cacheBefore;
    rmSync(dir, { recursive: true, force: true });
  });

  it("draws a real graph, not mermaid's 'Maximum text size in diagram exceeded'", async () => {
    expect(plans.length).toBe(1000);
    const aggregates = aggregate(plans, TODAY);
    // The generated plans reference each other: far more than one drawing can hold.
    expect(aggregates.graph.edges.length).toBeGreaterThan(500);
    const source = graphDiagram(aggregates, plans)!;
    expect(source).not.toBeNull();
    // mermaid's limits, which a diagram's own text cannot raise: 50,000 characters, 500 arrows.
    expect(source.length).toBeLessThanOrEqual(50_000);
    const arrows = source.split("\n").filter((l) => l.includes("-->")).length;
    expect(arrows).toBeGreaterThanOrEqual(50);
    expect(arrows).toBeLessThanOrEqual(500);

    const drawn = await renderer.render(source, "light");
    expect("error" in drawn ? drawn.error : "").toBe("");
    const svg = "svg" in drawn ? drawn.svg : "";
    // Every plan node and every arrow of the source is in the drawing.
    const nodes = new Set(source.match(/\bp\d+(?=\[)/g));
    expect(svg.match(/class="node /g)?.length ?? 0).toBe(nodes.size);
    expect(nodes.size).toBeGreaterThanOrEqual(50);
    expect(svg.match(/class="[^"]*flowchart-link/g)?.length ?? 0).toBe(arrows);
  });
});
