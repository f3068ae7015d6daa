import { describe, expect, it } from "vitest";
import { referenceGraph } from "../src/aggregate/graph.ts";
import { checked, lines, plan } from "./helpers/plans.ts";

/**
 * "Related plans" come from what a plan states it depends on, not from every mention of another
 * plan. The plans below name 001-accounts and 002-ledger in passing and in dependency statements;
 * which edge is a dependency is worked out by hand from the texts.
 */
const accounts = plan({ folder: "001-accounts", text: lines("# Implementation Plan: Accounts") });
const ledger = plan({ folder: "002-ledger", text: lines("# Implementation Plan: Ledger") });
const audit = plan({ folder: "003-audit", text: lines("# Implementation Plan: Audit") });

function graphOf(...texts: string[][]) {
  const plans = [
    accounts,
    ledger,
    audit,
    ...texts.map((t, i) => plan({ folder: `01${i}-x${i}`, text: lines(...t) })),
  ];
  return referenceGraph(plans.map((p) => checked(p, "ready")));
}

const edge = (graph: ReturnType<typeof graphOf>, from: string, to: string) =>
  graph.edges.find((e) => e.from === from && e.to === to);

describe("dependency statements", () => {
  it("reads a mention in passing as a reference, not a dependency", () => {
    const graph = graphOf([
      "# Implementation Plan: Reports",
      "",
      "Storefront pages for reports ship with 001-accounts, the same idea as in 002-ledger.",
    ]);
    expect(edge(graph, "010-x0", "001-accounts")).toMatchObject({ lines: [3], dependency: false });
    expect(edge(graph, "010-x0", "002-ledger")).toMatchObject({ lines: [3], dependency: false });
    expect(graph.dependsOn["010-x0"]).toBeUndefined();
    expect(graph.neededBy["001-accounts"]).toBeUndefined();
    // Still a reference (the blockers board and search links use every mention).
    expect(graph.references["010-x0"]).toEqual(["001-accounts", "002-ledger"]);
  });

  it("reads a 'depends on' clause across lines, up to the clause's end", () => {
    const graph = graphOf([
      "# Implementation Plan: Reports",
      "",
      "This plan builds on [001-accounts](../001-accounts/plan.md) for the tenants,",
      "depends on 002-ledger for balances, and answers questions raised in 003-audit.",
    ]);
    expect(graph.dependsOn["010-x0"]).toEqual(["001-accounts", "002-ledger"]);
    expect(edge(graph, "010-x0", "003-audit")).toMatchObject({ lines: [4], dependency: false });
    expect(graph.neededBy["002-ledger"]).toEqual(["010-x0"]);
  });

  it("keeps reading a list of plans after commas and 'and'", () => {
    const graph = graphOf([
      "# Implementation Plan: Reports",
      "",
      "**Depends on**: 003-audit, 002-ledger and [001-accounts](../001-accounts/plan.md).",
    ]);
    expect(graph.dependsOn["010-x0"]).toEqual(["003-audit", "002-ledger", "001-accounts"]);
  });

  it("reads dependency entries, a Dependencies section and front matter as stated", () => {
    const graph = graphOf([
      "---",
      "depends_on: [003-audit]",
      "---",
      "",
      "# Implementation Plan: Reports",
      "",
      "## Summary",
      "",
      "Nothing about other plans here.",
      "",
      "## Dependencies & Blockers",
      "",
      "| Dependency | Owner | Due Date | Status |",
      "|---|---|---|---|",
      "| Balances API (002-ledger) | @ana | 2026-12-01 | In Progress |",
      "",
      "The tenant model of 001-accounts is settled.",
    ]);
    expect(edge(graph, "010-x0", "003-audit")).toMatchObject({ lines: [2], dependency: true });
    expect(edge(graph, "010-x0", "002-ledger")).toMatchObject({ lines: [15], dependency: true });
    expect(edge(graph, "010-x0", "001-accounts")).toMatchObject({ lines: [17], dependency: true });
  });

  it("ends a clause at the next list item", () => {
    const graph = graphOf([
      "# Implementation Plan: Reports",
      "",
      "- Uses the ledger's balance view",
      "- Wording borrowed from 002-ledger",
    ]);
    expect(edge(graph, "010-x0", "002-ledger")).toMatchObject({ dependency: false });
  });
});
