import { describe, expect, it } from "vitest";
import { aggregate } from "../src/aggregate/index.ts";
import { check, checked, lines, plan, TODAY } from "./helpers/plans.ts";

/**
 * The dashboards' model from small hand-made plans. Every expected value below is worked out by
 * hand from the plan text (today is 2026-11-25), never taken from a run of the code.
 */

// Line numbers are given in the comments; the questions table's rows are lines 7–9.
const exportPlan = plan({
  folder: "001-export",
  text: lines(
    "# Implementation Plan: Order export", //                        1
    "",
    "## Open Questions", //                                          3
    "",
    "| ID | Question | Owner | Deadline | Impact |",
    "|----|----------|-------|----------|--------|",
    "| Q1 | Include refunded orders? | Ana | 2026-11-01 | CSV columns |", // 7: overdue
    "| Q2 | Gzip the file? | Ben | 2026-12-15 | Size |", //              8: not yet due
    "| Q3 | Which timezone? | | | Dates |", //                          9: no owner, no date
    "",
    "## Risk Assessment", //                                          11
    "",
    "### Risks", //                                                   13
    "",
    "| Risk | Probability | Impact | Mitigation | Owner |",
    "|------|-------------|--------|------------|-------|",
    "| Export times out | High | Critical | Stream rows | Payments |", // 17
    "| Replica lag | 🟡 **Medium** | Low | Read from primary | Platform |", // 18
    "| Wrong totals | Likely | High | Reconcile nightly | Finance |", // 19: off the scale
    "",
    "### Dependencies & Blockers", //                                 21
    "",
    "| Dependency | Owner | Due Date | Status |",
    "|------------|-------|----------|--------|",
    "| Read replica | Platform | 2026-12-01 | In Progress |", //        25
    "| DPA signed | Legal | 2026-11-30 | 🚫 **Blocked** (waiting on vendor) |", // 26
    "| Finance sign-off | Finance | 2026-11-10 | Done |", //           27
    "| Vendor API keys | Ops | 2026-11-20 | Waiting |", //             28
    "| Audit trail | Security | | InProgress |", //                    29
  ),
});

const refundsPlan = plan({
  folder: "002-refunds",
  text: lines(
    "# Implementation Plan: Refunds", //                              1
    "",
    "## Open Questions",
    "",
    "| ID | Question | Owner | Deadline | Impact | Status |",
    "|----|----------|-------|----------|--------|--------|",
    "| Q1 | Refund window? | Ben | 2026-10-15 | Policy | Open |", //   7: overdue
    "| Q2 | Partial refunds? | Ana | 2026-12-01 | Scope | Resolved |", // 8: resolved, left out
    "| Q3 | Notify buyers? | Ana | 2026-11-20 | Support | Open |", //  9: overdue
    "",
    "## Risk Assessment",
    "",
    "### Risks",
    "",
    "| Risk | Probability | Impact | Mitigation | Owner |",
    "|------|-------------|--------|------------|-------|",
    "| Refund fraud | High | Critical | Daily limits | Risk team |", //  17
    "| Slow refunds | Low | Medium (SC-003) | Queue them | Payments |", // 18
    "",
    "### Dependencies & Blockers",
    "",
    "| Blocker | Owner | Due Date | Status |",
    "|---------|-------|----------|--------|",
    "| Payment provider sandbox | Payments | 2026-11-15 | blocked |", // 24
  ),
});

const portal = aggregate([checked(exportPlan, "blocked"), checked(refundsPlan, "blocked")], TODAY);

describe("aggregate: open questions", () => {
  it("lists unresolved questions, overdue first (oldest first), then by deadline, undated last", () => {
    expect(portal.questions.map((q) => [q.planId, q.id, q.owner, q.due, q.overdue])).toEqual([
      ["002-refunds", "Q1", "Ben", "2026-10-15", true],
      ["001-export", "Q1", "Ana", "2026-11-01", true],
      ["002-refunds", "Q3", "Ana", "2026-11-20", true],
      ["001-export", "Q2", "Ben", "2026-12-15", false],
      ["001-export", "Q3", "Unassigned", null, false],
    ]);
  });

  it("points each question at its plan, section and line", () => {
    const q = portal.questions[1]!;
    expect([q.planId, q.planTitle, q.status, q.section, q.line]).toEqual([
      "001-export",
      "Order export",
      "blocked",
      "open-questions",
      7,
    ]);
  });

  it("groups by owner: most overdue first, then most questions, then by name", () => {
    expect(
      portal.questionsByOwner.map((o) => [
        o.owner,
        o.overdue,
        o.questions.map((q) => `${q.planId}#${q.id}`),
      ]),
    ).toEqual([
      ["Ana", 2, ["001-export#Q1", "002-refunds#Q3"]],
      ["Ben", 1, ["002-refunds#Q1", "001-export#Q2"]],
      ["Unassigned", 0, ["001-export#Q3"]],
    ]);
  });

  it("breaks ties between owners by question count, then by name", () => {
    const tie = plan({
      folder: "003-tie",
      text: lines(
        "# Implementation Plan: Tie",
        "",
        "## Open Questions",
        "",
        "| ID | Question | Owner | Deadline | Impact |",
        "|----|----------|-------|----------|--------|",
        "| Q1 | One? | Zoe | 2026-12-01 | A |",
        "| Q2 | Two? | Zoe | 2026-12-02 | B |",
        "| Q3 | Three? | Carl | 2026-12-03 | C |",
        "| Q4 | Four? | Bea | 2026-12-04 | D |",
      ),
    });
    const owners = aggregate([checked(tie, "ready")], TODAY).questionsByOwner;
    expect(owners.map((o) => [o.owner, o.questions.length])).toEqual([
      ["Zoe", 2],
      ["Bea", 1],
      ["Carl", 1],
    ]);
  });
});

describe("aggregate: risk matrix", () => {
  it("has probabilities high to low and impacts low to critical", () => {
    expect(portal.risks.probabilities).toEqual(["high", "medium", "low"]);
    expect(portal.risks.impacts).toEqual(["low", "medium", "high", "critical"]);
  });

  it("places each rated risk in its probability × impact cell", () => {
    const cells = Object.entries(portal.risks.cells).flatMap(([p, row]) =>
      Object.entries(row)
        .filter(([, risks]) => risks.length > 0)
        .map(([i, risks]) => [p, i, risks.map((r) => `${r.planId}: ${r.text}`)]),
    );
    expect(cells).toEqual([
      ["high", "critical", ["001-export: Export times out", "002-refunds: Refund fraud"]],
      ["medium", "low", ["001-export: Replica lag"]],
      ["low", "medium", ["002-refunds: Slow refunds"]],
    ]);
  });

  it("keeps risks off the scale as unrated, with what they say", () => {
    expect(
      portal.risks.unrated.map((r) => [r.planId, r.text, r.probability, r.impact, r.line]),
    ).toEqual([["001-export", "Wrong totals", "Likely", "High", 19]]);
  });
});

describe("aggregate: dependencies board", () => {
  const column = (name: keyof typeof portal.dependencies) =>
    portal.dependencies[name].map((d) => [d.planId, d.text, d.due]);

  it("sorts dependencies into Blocked, In Progress, Done and other, each by due date", () => {
    expect(column("blocked")).toEqual([
      ["002-refunds", "Payment provider sandbox", "2026-11-15"],
      ["001-export", "DPA signed", "2026-11-30"],
    ]);
    expect(column("in-progress")).toEqual([
      ["001-export", "Read replica", "2026-12-01"],
      ["001-export", "Audit trail", null],
    ]);
    expect(column("done")).toEqual([["001-export", "Finance sign-off", "2026-11-10"]]);
    expect(column("other")).toEqual([["001-export", "Vendor API keys", "2026-11-20"]]);
  });

  it("keeps the status as written (table cells are plain text) and points at the row", () => {
    const dpa = portal.dependencies.blocked[1]!;
    expect([dpa.dependencyStatus, dpa.owner, dpa.section, dpa.line]).toEqual([
      "🚫 Blocked (waiting on vendor)",
      "Legal",
      "dependencies--blockers",
      26,
    ]);
  });
});

describe("aggregate: status counts", () => {
  it("counts every status, zero included, in the order ready, draft, needs-clarification, blocked", () => {
    const counts = aggregate(
      [
        checked(exportPlan, "ready"),
        checked(refundsPlan, "blocked"),
        checked(exportPlan, "ready"),
        checked(refundsPlan, "draft"),
      ],
      TODAY,
    ).statusCounts;
    expect(Object.entries(counts)).toEqual([
      ["ready", 2],
      ["draft", 1],
      ["needs-clarification", 0],
      ["blocked", 1],
    ]);
  });
});

describe("aggregate: catalogs", () => {
  const catalogPlan = (folder: string, rows: string[], codes: string[], contract: string) =>
    plan({
      folder,
      text: lines(
        `# Implementation Plan: ${folder}`,
        "",
        "## Component Responsibilities",
        "",
        "| Component | Responsibility | New/Modified | Phase | Location |",
        "|-----------|----------------|--------------|-------|----------|",
        ...rows,
        "",
        "## Error Handling",
        "",
        "| Code | Description |",
        "|------|-------------|",
        ...codes,
        "",
        "## API Contracts",
        "",
        "### Endpoint: GET /api/v1/exports/{id}",
        "",
        contract,
      ),
    });
  const exports = catalogPlan(
    "001-export",
    [
      "| CSV Exporter | Streams orders | New | P1 | `services/exports/src/exporter.ts` |",
      "| Orders API | Adds the export route | Modified | P1 | services/orders/src/ |",
    ],
    [
      "| `EXPORT_TOO_LARGE` | The export exceeds 1 GB |",
      "| `ORDER_NOT_FOUND` | No order has this id |",
    ],
    "Returns the CSV file.",
  );
  const refunds = catalogPlan(
    "002-refunds",
    [
      "| Refund API | Issues refunds | New | P2 | services/orders/src/refunds.ts |",
      "| Export hook | Adds refunds to exports | New | P2 | ./services/exports/src/ |",
      "| Refund worker | Retries refunds | New | P3 | services/refunds/ |",
    ],
    [
      "| `ORDER_NOT_FOUND` | No order has this id. |",
      "| `EXPORT_TOO_LARGE` | The refund export is over its limit |",
    ],
    "Returns the export's status.",
  );
  // Real findings: the collision flags come from conflicting-definition.
  const model = aggregate(check([exports, refunds]), TODAY);

  it("groups components by folder, places touched by most plans first", () => {
    expect(
      model.components.map((c) => [c.key, c.plans, c.items.map((i) => `${i.planId}: ${i.name}`)]),
    ).toEqual([
      ["services/exports/src", 2, ["001-export: CSV Exporter", "002-refunds: Export hook"]],
      ["services/orders/src", 2, ["001-export: Orders API", "002-refunds: Refund API"]],
      ["services/refunds", 1, ["002-refunds: Refund worker"]],
    ]);
  });

  it("flags an error code two plans define differently, and only that one", () => {
    expect(model.errorCodes.map((e) => [e.key, e.plans, e.items.map((i) => i.collision)])).toEqual([
      ["EXPORT_TOO_LARGE", 2, [true, true]],
      ["ORDER_NOT_FOUND", 2, [false, false]],
    ]);
  });

  it("reads collisions from the findings' data, never their sentence", () => {
    const reworded = check([exports, refunds]).map((c) => ({
      ...c,
      findings: c.findings.map((f) => ({ ...f, message: "Reworded by a translator." })),
    }));
    const flags = aggregate(reworded, TODAY).errorCodes.map((e) => e.items.map((i) => i.collision));
    expect(flags).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it("flags an endpoint whose contracts differ", () => {
    expect(
      model.endpoints.map((e) => [e.key, e.plans, e.items.map((i) => [i.source, i.conflict])]),
    ).toEqual([
      [
        "GET /api/v1/exports/{id}",
        2,
        [
          ["heading", true],
          ["heading", true],
        ],
      ],
    ]);
  });
});
