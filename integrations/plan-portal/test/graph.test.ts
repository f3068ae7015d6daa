import { describe, expect, it } from "vitest";
import { referenceGraph } from "../src/aggregate/graph.ts";
import { parsePlan } from "../src/parse/index.ts";
import type { Plan } from "../src/parse/types.ts";
import { bundledProfiles } from "../src/template/profile.ts";
import { checked, lines } from "./helpers/plans.ts";

/**
 * The plan graph in a monorepo with two specs roots that both hold `001-mvp`: a bare folder name
 * resolves within the mentioning plan's own root, and crosses roots only when a path, an id or
 * `repo:plan-id` says which plan is meant. Expected edges are worked out by hand from the texts.
 */

/** A plan at `<root>/<folder>/plan.md`, with the id discovery gives it (root name + folder). */
function planAt(root: string, folder: string, text: string): Plan {
  return parsePlan(
    {
      id: `${root.split("/")[1]}/${folder}`,
      folder,
      number: Number(/^(\d+)/.exec(folder)?.[1] ?? "0"),
      path: `${root}/${folder}/plan.md`,
      group: "",
      text,
      problems: [],
      siblings: {
        spec: true,
        tasks: false,
        research: false,
        dataModel: false,
        quickstart: false,
        contracts: false,
      },
      tasksText: null,
    },
    { templatePhrases: bundledProfiles().extended.phrases },
  );
}

const A = "apps/billing/specs";
const B = "apps/reports/specs";

const plans = [
  planAt(A, "001-mvp", lines("# Implementation Plan: Billing MVP")),
  planAt(
    A,
    "002-invoices",
    lines(
      "# Implementation Plan: Invoices", //                               1
      "",
      "Builds on 001-mvp (the billing accounts).", //                       3: own root
    ),
  ),
  planAt(B, "001-mvp", lines("# Implementation Plan: Reports MVP")),
  planAt(
    B,
    "002-exports",
    lines(
      "# Implementation Plan: Exports", //                                1
      "",
      "Reuses the tables of [001-mvp](../../../billing/specs/001-mvp/plan.md).", // 3: path
      "Also see apps/billing/specs/002-invoices for the invoice ids.", //   4: path
    ),
  ),
  planAt(
    B,
    "003-dashboards",
    lines(
      "---",
      "related: [001-mvp, ../002-exports]", //                              2: own root
      "---",
      "",
      "# Implementation Plan: Dashboards", //                              5
      "",
      "Shows what 002-invoices bills.", //                                  7: other root only
      "Totals come from billing:001-mvp.", //                               8: repo:plan-id
    ),
  ),
];

describe("plan graph across specs roots", () => {
  const graph = referenceGraph(plans.map((p) => checked(p, "ready")));
  const edges = Object.fromEntries(graph.edges.map((e) => [`${e.from} -> ${e.to}`, e.lines]));

  it("resolves a bare folder name within the plan's own root", () => {
    expect(edges["billing/002-invoices -> billing/001-mvp"]).toEqual([3]);
    expect(edges["billing/002-invoices -> reports/001-mvp"]).toBeUndefined();
  });

  it("crosses roots only when a path, an id or repo:plan-id says so", () => {
    expect(edges["reports/002-exports -> billing/001-mvp"]).toEqual([3]);
    expect(edges["reports/002-exports -> billing/002-invoices"]).toEqual([4]);
    expect(edges["reports/003-dashboards -> billing/001-mvp"]).toEqual([8]);
  });

  it("never joins a bare name to another root's plan, even when it is the only one of that name", () => {
    expect(edges["reports/003-dashboards -> billing/002-invoices"]).toBeUndefined();
  });

  it("reads front matter `related:` entries as references, short names and paths alike", () => {
    expect(edges["reports/003-dashboards -> reports/001-mvp"]).toEqual([2]);
    expect(edges["reports/003-dashboards -> reports/002-exports"]).toEqual([2]);
  });

  it("lists exactly these edges", () => {
    expect(Object.keys(edges).sort()).toEqual([
      "billing/002-invoices -> billing/001-mvp",
      "reports/002-exports -> billing/001-mvp",
      "reports/002-exports -> billing/002-invoices",
      "reports/003-dashboards -> billing/001-mvp",
      "reports/003-dashboards -> reports/001-mvp",
      "reports/003-dashboards -> reports/002-exports",
    ]);
  });
});
