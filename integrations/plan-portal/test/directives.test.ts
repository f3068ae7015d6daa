import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { renderDirective, summaryOf } from "../src/directives/render.ts";
import { findLeftoverDirectives } from "../src/directives/leftovers.ts";
import { registerDirectives } from "../src/directives/register.ts";
import { DirectiveError, type DirectiveCall, type DirectiveName } from "../src/directives/spec.ts";
import { parseUserOptions } from "../src/options-errors.ts";
import { runPortalPipeline } from "../src/pipeline.ts";
import { buildPortal, type PortalModel } from "../src/render/store.ts";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "directives");
let portal: PortalModel;

/** Stands in for Astro's markdown renderer: enough HTML for headings and mermaid blocks. */
const renderer = {
  async render(content: string) {
    const fences = [...content.matchAll(/```mermaid\n([\s\S]*?)```/g)];
    return {
      code: fences.map((m) => `<pre><code class="language-mermaid">${m[1]}</code></pre>`).join(""),
      metadata: { headings: [] },
    };
  },
};

beforeAll(async () => {
  const options = parseUserOptions({ today: "2026-11-25", diagrams: { mode: "client" } });
  portal = await buildPortal({
    pipeline: await runPortalPipeline(options, root, "2026-11-25"),
    options,
    root,
    renderer,
    svg: null,
    settings: {
      title: "t",
      links: [],
      search: false,
      today: "2026-11-25",
      routeBase: "/plans",
      trailingSlash: "ignore",
      format: "directory",
    },
  });
}, 60_000);

function call(
  name: string,
  attributes: Record<string, string> = {},
  extra: Partial<DirectiveCall> = {},
): DirectiveCall {
  return {
    name: name as DirectiveName,
    kind: name === "plan" ? "text" : "leaf",
    label: null,
    attributes,
    file: "src/pages/guide.md",
    line: 7,
    column: 12,
    ...extra,
  };
}

function failure(c: DirectiveCall): string {
  try {
    renderDirective(c, portal);
  } catch (error) {
    expect(error).toBeInstanceOf(DirectiveError);
    return (error as Error).message;
  }
  throw new Error("expected the directive to fail");
}

describe(":plan", () => {
  it("links to the plan with its title and status badge", () => {
    const html = renderDirective(call("plan", {}, { label: "01-search" }), portal);
    expect(html).toBe(
      '<span class="pp-ref"><a href="/plans/01-search/">Search</a> <span class="badge needs-clarification" data-status="needs-clarification">Needs clarification</span></span>',
    );
  });

  it("takes a label and a section", () => {
    const html = renderDirective(
      call(
        "plan",
        { label: "the <search> plan", section: "High-Level Architecture" },
        { label: "01-search" },
      ),
      portal,
    );
    expect(html).toContain('href="/plans/01-search/#high-level-architecture"');
    expect(html).toContain(">the &lt;search&gt; plan</a>");
  });

  it("fails on an unknown id with the doc's location and a suggestion", () => {
    expect(failure(call("plan", {}, { label: "01-serch" }))).toBe(
      'src/pages/guide.md:7:12  :plan: no plan "01-serch". Did you mean "01-search"? Plan ids are the folder names that hold a plan.md (see the portal\'s plan index); a plan that was renamed or removed must be updated here too.',
    );
  });

  it("fails without an id, on an unknown section and on the wrong kind", () => {
    expect(failure(call("plan"))).toContain(":plan: missing the plan id");
    expect(failure(call("plan", { section: "sumary" }, { label: "01-search" }))).toContain(
      'no section in 01-search "sumary". Did you mean "summary"?',
    );
    expect(failure(call("plan", {}, { label: "01-search", kind: "leaf" }))).toContain(
      '::plan: "plan" is a text (inline) directive',
    );
  });
});

describe("::plan-card", () => {
  it("shows title, badge, summary and facts", () => {
    const html = renderDirective(call("plan-card", { id: "01-search" }), portal);
    expect(html).toContain(
      '<a href="/plans/01-search/">Search</a> <span class="badge needs-clarification"',
    );
    expect(html).toContain(
      '<p class="pp-card-summary">Buyers find products by name, roast and origin in under 200 ms. See the spec.</p>',
    );
    expect(html).toContain("<dt>Open questions</dt><dd>2 (1 overdue)</dd>");
    expect(html).toContain("<dt>Tasks</dt><dd>no tasks.md</dd>");
  });

  it("fails on an unknown attribute and on a missing id", () => {
    expect(failure(call("plan-card", { id: "01-search", colour: "red" }))).toContain(
      '::plan-card: unknown attribute "colour". It takes "id"',
    );
    expect(failure(call("plan-card"))).toBe(
      'src/pages/guide.md:7:12  ::plan-card: missing "id". Write it like ::plan-card{id=003-checkout-flow}.',
    );
  });

  it("cuts a long summary at a word", () => {
    const plan = portal.byId.get("01-search")!;
    expect(summaryOf(plan, 20)).toBe("Buyers find products …");
  });
});

describe("::open-questions", () => {
  it("filters by owner handle across plans and escapes question text", () => {
    const html = renderDirective(call("open-questions", { owner: "maria" }), portal);
    expect(html).toContain("<caption>1 open question across all plans owned by maria</caption>");
    expect(html).toContain("Which analyzer handles German compounds?");
    expect(html).not.toContain("Daily digest");
  });

  it("filters by plan, marks overdue questions", () => {
    const html = renderDirective(call("open-questions", { plan: "01-search" }), portal);
    expect(html).toContain("2 open questions in Search");
    expect(html).toMatch(/<tr data-overdue="true">.*Q2/);
    expect(html).not.toContain("<script");
  });

  it("says so when nothing is open, and fails on an unknown owner", () => {
    expect(
      renderDirective(call("open-questions", { plan: "02-alerts", owner: "@maria" }), portal),
    ).toBe('<p class="pp-empty">No open questions in Price Alerts owned by @maria.</p>');
    expect(failure(call("open-questions", { owner: "@mario" }))).toContain(
      'no question owner "@mario". Did you mean "@maria"?',
    );
  });
});

describe("::plans", () => {
  it("lists every plan, or those with one status", () => {
    expect(renderDirective(call("plans"), portal)).toContain("<caption>2 plans</caption>");
    const drafts = renderDirective(call("plans", { status: "draft" }), portal);
    expect(drafts).toContain("<caption>1 plan with status Draft</caption>");
    expect(drafts).toContain("Price Alerts");
    expect(renderDirective(call("plans", { status: "blocked" }), portal)).toBe(
      '<p class="pp-empty">No plans with status Blocked.</p>',
    );
  });

  it("fails on an unknown status with a suggestion", () => {
    expect(failure(call("plans", { status: "redy" }))).toContain(
      'no status "redy". Did you mean "ready"? Statuses are ready, draft, needs-clarification, blocked.',
    );
  });
});

describe("::plan-diagram", () => {
  it("embeds the figure as drawn for the plan page, ids made unique, with where it comes from", () => {
    const html = renderDirective(
      call("plan-diagram", { id: "01-search", name: "query-flow" }),
      portal,
    );
    expect(html).toContain(
      '<figure class="diagram" role="group" aria-label="Diagram in “Query Flow”" data-mermaid>',
    );
    expect(html).toContain("Browser --&gt; API --&gt; OpenSearch");
    expect(html).toContain('From <a href="/plans/01-search/#query-flow">Search › Query Flow</a>');
    expect(renderDirective(call("plan-diagram", { id: "01-search", name: "1" }), portal)).toBe(
      html,
    );
    expect(renderDirective(call("plan-diagram", { id: "01-search" }), portal)).toBe(html);
  });

  it("fails on an unknown name, and on a plan without diagrams", () => {
    expect(failure(call("plan-diagram", { id: "01-search", name: "query-flw" }))).toContain(
      'no diagram in 01-search "query-flw". Did you mean "query-flow"?',
    );
    expect(failure(call("plan-diagram", { id: "02-alerts" }))).toContain(
      'plan "02-alerts" has no mermaid diagrams',
    );
  });
});

describe("::coverage", () => {
  // 02-alerts: FR-001, FR-002, SC-001, US1, US2 in spec.md; T001 (done, no id cited), T002 [US1]
  // FR-001 (done), T003 [US1] FR-002 (open). Tasks cite FR ids and US labels by convention, so
  // requirements count FRs only: both cited. US2 has no task.
  it("shows the stage and the coverage counts, linking to the matrix", () => {
    const html = renderDirective(call("coverage", { id: "02-alerts" }), portal);
    expect(html).toContain('<a href="/plans/02-alerts/#traceability">Price Alerts</a>');
    expect(html).toContain("<dt>Stage</dt><dd>Implementing</dd>");
    expect(html).toContain("<dt>Requirements covered</dt><dd>2/2</dd>");
    expect(html).toContain("<dt>Stories with tasks</dt><dd>1/2</dd>");
    expect(html).toContain("<dt>Tasks mapped</dt><dd>2/3</dd>");
    expect(html).toContain("<dt>Tasks done</dt><dd>2/3</dd>");
    expect(html).toContain("Convention detected: tasks cite FR ids, tasks cite US labels.");
  });

  it("says so for a feature without spec.md or tasks.md", () => {
    expect(renderDirective(call("coverage", { id: "01-search" }), portal)).toContain(
      "No spec.md or tasks.md in this feature's folder",
    );
  });

  it("fails on an unknown id at the doc's line, and without an id", () => {
    expect(failure(call("coverage", { id: "02-alert" }))).toBe(
      'src/pages/guide.md:7:12  ::coverage: no plan "02-alert". Did you mean "02-alerts"? Plan ids are the folder names that hold a plan.md (see the portal\'s plan index); a plan that was renamed or removed must be updated here too.',
    );
    expect(failure(call("coverage"))).toBe(
      'src/pages/guide.md:7:12  ::coverage: missing "id". Write it like ::coverage{id=003-checkout-flow}.',
    );
  });
});

describe("registration", () => {
  const site = { root, specsRoots: [path.join(root, "specs")], portal: async () => portal };

  it("turns Sätteri's directive syntax on and goes first", () => {
    const processor = {
      name: "satteri",
      options: { features: {}, mdastPlugins: [{ name: "user" }] as unknown[] },
    };
    expect(registerDirectives(processor, site)).toBe("satteri");
    expect(processor.options.features).toEqual({ directive: true });
    expect((processor.options.mdastPlugins[0] as { name: string }).name).toBe(
      "plan-portal-directives",
    );
  });

  it("adds remark-directive before its own plugin under unified, once", () => {
    const user = () => () => {};
    const processor = { name: "unified", options: { remarkPlugins: [user] as unknown[] } };
    expect(registerDirectives(processor, site)).toBe("unified");
    expect(processor.options.remarkPlugins.map((p) => (p as () => void).name)).toEqual([
      "remarkDirective",
      "remarkPlanPortalDirectives",
      "user",
    ]);
  });

  it("leaves other processors alone", () => {
    expect(registerDirectives({ name: "custom", options: {} }, site)).toBeNull();
  });
});

describe("leftover directives in built pages", () => {
  it("finds directive text outside code, and ignores the portal's own pages", () => {
    const dist = mkdtempSync(path.join(tmpdir(), "pp-leftover-"));
    mkdirSync(path.join(dist, "docs"));
    mkdirSync(path.join(dist, "plans"));
    writeFileSync(path.join(dist, "docs", "a.html"), "<p>See ::plan-card{id=01-search}</p>");
    writeFileSync(
      path.join(dist, "docs", "b.html"),
      "<p>Write <code>:plan[01-search]</code>; at 10:30.</p>",
    );
    writeFileSync(path.join(dist, "plans", "c.html"), "<p>:plan[x]</p>");
    expect(findLeftoverDirectives(dist, path.join(dist, "plans"))).toEqual([
      { file: path.join(dist, "docs", "a.html"), text: "::plan-card{id=01-search}" },
    ]);
  });
});
