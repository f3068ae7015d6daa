import { describe, expect, it } from "vitest";
import { aggregate } from "../src/aggregate/index.ts";
import { toJsonPlan } from "../src/contract/json.ts";
import { parsePlan } from "../src/parse/index.ts";
import { bundledProfiles } from "../src/template/profile.ts";
import { csvField, dashboardCsv, toCsv } from "../src/render/csv.ts";
import {
  compactIndex,
  indexFacets,
  indexRow,
  pageCount,
  pageRows,
} from "../src/render/index-rows.ts";
import { ownerOf, ownersOf } from "../src/render/owners.ts";
import { compactRisks } from "../src/render/risk-index.ts";
import { riskCells, riskSeverity } from "../src/render/risk-cells.ts";
import { check, lines, TODAY } from "./helpers/plans.ts";

/**
 * The index rows, owner pages, CSV export and risk severity of issue 18 ("At scale"), from small
 * hand-made plans; today is 2026-11-25. Every expected value is worked out by hand from the text.
 */

const PLAN = lines(
  "# Implementation Plan: Order export", //                                            1
  "",
  "## Open Questions",
  "",
  "| ID | Question | Owner | Deadline | Impact |",
  "|----|----------|-------|----------|--------|",
  "| Q1 | Include refunds? | @maria (Payments) | 2026-11-01 | CSV |", //            7: overdue
  '| Q2 | =HYPERLINK("x") | @tom | 2026-12-15 | Size |', //                        8
  "",
  "## Risk Assessment",
  "",
  "### Risks",
  "",
  "| Risk | Probability | Impact | Mitigation | Owner |",
  "|------|-------------|--------|------------|-------|",
  "| Export times out | Low | Critical | Stream rows | @Maria |", //                   16
  "| Replica lag, at night | High | High | Read primary | Platform Team |", //          17
  "",
  "### Dependencies & Blockers",
  "",
  "| Dependency | Owner | Due Date | Status |",
  "|------------|-------|----------|--------|",
  "| DPA signed | @maria | 2026-11-20 | Blocked |", //                                 23: late
  "| Replica | TBD | 2026-12-01 | In Progress |", //                                   24
);

const TASKS = lines(
  "# Tasks",
  "",
  "## Phase 1: Setup",
  "",
  "- [x] T001 Create the project",
  "",
  "## Phase 2: User Story 1 - Export (Priority: P1)",
  "",
  "- [x] T002 [US1] Write the CSV",
  "- [ ] T003 [US1] Stream rows",
);

function exportPlan(text: string, tasks: string | null, frontmatterOwner?: string) {
  const parsed = parsePlan(
    {
      id: "001-export",
      folder: "001-export",
      number: 1,
      path: "specs/001-export/plan.md",
      group: "specs",
      text: frontmatterOwner ? `---\nowner: "${frontmatterOwner}"\n---\n${text}` : text,
      problems: [],
      siblings: {
        spec: false,
        tasks: tasks !== null,
        research: false,
        dataModel: false,
        quickstart: false,
        contracts: false,
      },
      tasksText: tasks,
    },
    { templatePhrases: bundledProfiles().extended.phrases },
  );
  return check([parsed])[0]!;
}

function portalPlan(text: string, tasks: string | null, owner?: string) {
  const c = exportPlan(text, tasks, owner);
  return {
    id: c.plan.id,
    checked: c,
    json: toJsonPlan(c, TODAY),
    repoPath: "apps/shop/specs/001-export/plan.md",
    lastChange: "2026-11-02",
  };
}

describe("owners as Owner cells name them", () => {
  it("reads a handle whatever follows it, a name without its team, and nobody", () => {
    expect(ownerOf("@maria (Payments)")).toEqual({ key: "maria", name: "@maria" });
    expect(ownerOf("**@Maria**")).toEqual({ key: "maria", name: "@Maria" });
    expect(ownerOf("José Núñez (Data)")).toEqual({ key: "jose-nunez", name: "José Núñez" });
    expect(ownerOf("")).toBeNull();
    expect(ownerOf("—")).toBeNull();
    expect(ownerOf("TBD")).toBeNull();
  });

  it("gathers one person's questions, risks and open blockers across the portal", () => {
    const c = exportPlan(PLAN, null);
    const owners = ownersOf(aggregate([c], TODAY));
    expect(
      owners.map((o) => [o.key, o.questions.length, o.risks.length, o.blockers.length]),
    ).toEqual([
      ["maria", 1, 1, 1],
      ["platform-team", 0, 1, 0],
      ["tom", 1, 0, 0],
    ]);
    // Q1 is past its deadline and the DPA was due 2026-11-20 and is not done.
    expect(owners[0]!.overdue).toBe(2);
  });
});

describe("the index row of a plan", () => {
  it("has owners, the phase of the first open task, folder, blockers and overdue", () => {
    const row = indexRow(portalPlan(PLAN, TASKS), TODAY);
    expect(row.owners.map((o) => o.name)).toEqual(["@maria", "@tom", "Platform Team"]);
    expect([row.phase, row.phaseTitle]).toEqual([
      "Phase 2",
      "Phase 2: User Story 1 - Export (Priority: P1)",
    ]);
    expect(row.folder).toBe("apps/shop/specs");
    expect(row.progress).toEqual({ done: 2, total: 3 });
    expect([row.questions, row.overdueQuestions, row.risks, row.blockers, row.overdue]).toEqual([
      2,
      1,
      2,
      1,
      true,
    ]);
    // tasks.md without spec.md: coverage of zero requirements, not "none".
    expect(row.coverage).toEqual({ measure: "requirements", covered: 0, total: 0 });
  });

  it("takes the owner from front matter, Done when every task is done, nothing without tasks.md", () => {
    const declared = indexRow(portalPlan(PLAN, null, "@lead (Checkout)"), TODAY);
    expect(declared.owners).toEqual([{ key: "lead", name: "@lead" }]);
    expect([declared.phase, declared.coverage]).toEqual(["", null]);
    const done = indexRow(portalPlan(PLAN, TASKS.replace("- [ ] T003", "- [x] T003")), TODAY);
    expect(done.phase).toBe("Done");
  });

  it("pages by 100 and lists each facet's choices with their counts", () => {
    expect([pageCount(0), pageCount(100), pageCount(101), pageCount(1000)]).toEqual([1, 1, 2, 10]);
    const numbers = Array.from({ length: 250 }, (_, i) => i);
    expect(pageRows(numbers, 3)).toEqual(numbers.slice(200, 250));
    const a = indexRow(portalPlan(PLAN, TASKS), TODAY);
    const b = indexRow(portalPlan(PLAN, null, "@tom"), TODAY);
    const facets = indexFacets([a, b]);
    expect(facets.owners).toEqual([
      { value: "maria", label: "@maria", count: 1 },
      { value: "tom", label: "@tom", count: 2 },
      { value: "platform-team", label: "Platform Team", count: 1 },
    ]);
    expect(facets.phases.map((p) => p.label)).toEqual(["Phase 2", "No tasks.md"]);
    const compact = compactIndex([a, b]) as { owners: string[][]; plans: { o: number[] }[] };
    expect(compact.owners).toEqual([
      ["maria", "@maria"],
      ["platform-team", "Platform Team"],
      ["tom", "@tom"],
    ]);
    expect(compact.plans.map((p) => p.o)).toEqual([[0, 2, 1], [2]]);
  });
});

describe("CSV export", () => {
  it("quotes as RFC 4180 says and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=1+2")).toBe("'=1+2");
    expect(csvField("+49 30")).toBe("'+49 30");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(7)).toBe("7");
    expect(csvField(null)).toBe("");
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it("writes the questions, risks and open blockers of every plan", () => {
    const aggregates = aggregate([exportPlan(PLAN, null)], TODAY);
    const url = (id: string, section: string) => `/plans/${id}/#${section}`;
    const questions = dashboardCsv("questions", aggregates, url).split("\r\n");
    expect(questions[0]).toBe(
      "Plan,Plan title,Question,Text,Owner,Deadline,Overdue,Impact,Line,URL",
    );
    expect(questions[2]).toBe(
      `001-export,Order export,Q2,"'=HYPERLINK(""x"")",'@tom,2026-12-15,no,Size,8,/plans/001-export/#open-questions`,
    );
    const risks = dashboardCsv("risks", aggregates, url).split("\r\n");
    expect(risks).toHaveLength(4); // header, two risks, the empty string after the last CRLF
    expect(risks[1]).toContain('"Replica lag, at night",High,High');
    const blockers = dashboardCsv("blockers", aggregates, url).split("\r\n");
    expect(blockers[1]).toBe(
      "001-export,Order export,DPA signed,Blocked,'@maria,2026-11-20,yes,23,/plans/001-export/#dependencies--blockers",
    );
    expect(blockers[2]).toContain("Replica,In Progress,TBD,2026-12-01,no,24");
  });
});

describe("risk severity", () => {
  it("is probability × impact: Low × Critical is not as calm as Low × Low", () => {
    expect(riskSeverity("low", "low")).toBe("low");
    expect(riskSeverity("low", "medium")).toBe("low");
    expect(riskSeverity("low", "critical")).toBe("medium");
    expect(riskSeverity("medium", "high")).toBe("high");
    expect(riskSeverity("high", "high")).toBe("critical");
    expect(riskSeverity("medium", "critical")).toBe("critical");
  });

  it("gives each non-empty cell a page and counts risks compactly", () => {
    const matrix = aggregate([exportPlan(PLAN, null)], TODAY).risks;
    expect(riskCells(matrix).map((c) => [c.key, c.severity, c.risks.length])).toEqual([
      ["high-high", "critical", 1],
      ["low-critical", "medium", 1],
    ]);
    const compact = compactRisks(matrix);
    // The Blocked dependency makes the plan blocked.
    expect(compact.plans).toEqual([["001-export order export", "blocked"]]);
    expect(compact.owners).toEqual(["platform-team", "maria"]);
    expect(compact.risks.map(([cell, plan, owner]) => [compact.cells[cell], plan, owner])).toEqual([
      ["high-high", 0, 0],
      ["low-critical", 0, 1],
    ]);
  });
});
