import { describe, expect, it } from "vitest";
import { deriveStatus, planRules, type Finding } from "../src/check/index.ts";
import { check, lines, plan, TODAY } from "./helpers/plans.ts";

/**
 * Score and derived status, worked out by hand (docs/rules/README.md "Score" and "Status").
 *
 * The plain Spec Kit plan below has no diagrams, questions, risks, dependencies or component
 * table, one link (the header's spec.md) and a Constitution Check list. 13 rules apply, weighing 30:
 * errors (3 each) plan-readable, required-section, placeholder, duplicate-plan-number = 12;
 * warnings (2 each) markdown-structure, empty-section, needs-clarification, technical-context,
 * header-metadata, broken-link, missing-spec, constitution-gate, conflicting-definition = 18.
 */
const plainPlan = (summary: string[] = []) =>
  lines(
    "# Implementation Plan: Order export",
    "",
    "**Branch**: `001-export` | **Date**: 2026-11-02 | **Spec**: [spec.md](./spec.md)",
    "**Input**: Feature specification from `/specs/001-export/spec.md`",
    "",
    "## Summary",
    "",
    "Export the order history of a roaster as CSV so accountants can reconcile payouts.",
    ...summary,
    "",
    "## Technical Context",
    "",
    "**Language/Version**: TypeScript 5.9 on Node.js 22 LTS",
    "**Primary Dependencies**: Fastify 5, Drizzle ORM",
    "**Storage**: PostgreSQL 16 (read-only for this feature)",
    "**Testing**: Vitest, Playwright",
    "**Target Platform**: Linux containers",
    "**Project Type**: web",
    "**Performance Goals**: 10k orders exported in under 5 s",
    "**Constraints**: streams rows; never holds the whole export in memory",
    "**Scale/Scope**: 400 roasters, up to 200k orders each",
    "",
    "## Constitution Check",
    "",
    "- [x] **Library-first**: the exporter is a package with its own tests",
    "- [x] **Test-first**: contract tests are written before the endpoint",
    "",
    "## Project Structure",
    "",
    "```text",
    "services/exports/src/",
    "```",
  );

const PLACEHOLDERS = ["", "Owner: [TEAM_NAME]", "", "Reviewer: [REVIEWER_NAME]"];
const SILENCED = [
  "",
  "<!-- plan-portal-disable-next-line placeholder -->",
  "Owner: [TEAM_NAME]",
  "",
  "<!-- plan-portal-disable-next-line placeholder -->",
  "Reviewer: [REVIEWER_NAME]",
];

const one = (text: string, options: Parameters<typeof check>[1] = {}, spec = true) =>
  check([plan({ folder: "001-export", text, siblings: { spec } })], options)[0]!;

describe("score", () => {
  it("is 100 when every applicable rule passes", () => {
    const c = one(plainPlan());
    expect(c.findings).toEqual([]);
    expect([c.score, c.status]).toEqual([100, "ready"]);
  });

  it("loses a failing rule's weight: no spec.md fails missing-spec and broken-link, 26/30", () => {
    const c = one(plainPlan(), { missing: ["./spec.md"] }, false);
    expect(c.findings.map((f) => f.ruleId).sort()).toEqual(["broken-link", "missing-spec"]);
    expect([c.score, c.status]).toEqual([87, "ready"]); // round(100 × 26 / 30) = round(86.7)
  });

  it("leaves out rules that are off: 26/28", () => {
    const c = one(
      plainPlan(),
      { missing: ["./spec.md"], severities: { "missing-spec": "off" } },
      false,
    );
    expect(c.score).toBe(93); // round(100 × 26 / 28) = round(92.86)
  });

  it("weighs rules by their configured severity", () => {
    // broken-link as an error: 31 in all, 3 + 2 lost.
    const error = one(
      plainPlan(),
      { missing: ["./spec.md"], severities: { "broken-link": "error" } },
      false,
    );
    expect([error.score, error.status]).toEqual([84, "draft"]); // round(100 × 26 / 31) = round(83.87)
    // missing-spec as info: 29 in all, 2 + 1 lost.
    const info = one(
      plainPlan(),
      { missing: ["./spec.md"], severities: { "missing-spec": "info" } },
      false,
    );
    expect([info.score, info.status]).toEqual([90, "ready"]); // round(100 × 26 / 29) = round(89.66)
  });

  it("loses a rule's weight once, however many findings it has: 27/30", () => {
    const c = one(plainPlan(PLACEHOLDERS));
    expect(c.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ["placeholder", 10],
      ["placeholder", 12],
    ]);
    expect([c.score, c.status]).toEqual([90, "draft"]);
  });

  it("does not count silenced findings; the disable-comment rules then apply too", () => {
    // unknown-rule-in-disable and unused-disable (warnings) apply: 34 in all.
    const all = one(plainPlan(SILENCED));
    expect([all.findings, all.score, all.status]).toEqual([[], 100, "ready"]);
    // A comment above a line without a finding, and a placeholder left unsilenced: placeholder
    // (3) and unused-disable (2) fail, 29/34.
    const half = one(
      plainPlan([
        ...SILENCED.slice(0, 5), //                                  lines 9–13
        "Reviewer is Dana Ortiz.", //                                line 14
        "",
        "Approver: [APPROVER_NAME]", //                              line 16
      ]),
    );
    expect(half.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ["unused-disable", 13, 36],
      ["placeholder", 16, 11],
    ]);
    expect([half.score, half.status]).toEqual([85, "draft"]); // round(100 × 29 / 34) = round(85.29)
  });

  it("scores an unreadable plan on plan-readable and the portal rules only: 5/8", () => {
    const unreadable = plan({
      folder: "001-export",
      text: null,
      problems: [{ message: "plan.md is empty.", hint: "Write the plan.", line: 1, column: 1 }],
    });
    const c = check([unreadable])[0]!;
    expect(c.findings.map((f) => f.ruleId)).toEqual(["plan-readable"]);
    expect([c.score, c.status]).toEqual([63, "draft"]); // round(100 × 5 / 8) = round(62.5)
  });

  it("knows from each rule's metadata whether it runs on an unreadable plan", () => {
    // Only the rule that reports why plan.md could not be read reads the file rather than its text.
    expect(planRules.filter((r) => r.reads === "file").map((r) => r.id)).toEqual(["plan-readable"]);
  });

  it("counts portal rules on each plan they report on: 27/30", () => {
    const a = plan({ folder: "001-export", text: plainPlan() });
    const b = plan({ folder: "001-import", text: plainPlan() });
    const scores = check([a, b]).map((c) => [c.plan.id, c.score, c.status]);
    expect(scores).toEqual([
      ["001-export", 90, "draft"],
      ["001-import", 90, "draft"],
    ]);
  });
});

describe("deriveStatus", () => {
  const withTables = (...rows: string[]) =>
    plan({
      folder: "001-export",
      text: lines("# Implementation Plan: Order export", "", ...rows),
    });
  const dependencies = (status: string) => [
    "## Dependencies & Blockers",
    "",
    "| Dependency | Owner | Due Date | Status |",
    "|------------|-------|----------|--------|",
    `| DPA signed | Legal | 2026-12-01 | ${status} |`,
    "",
  ];
  const question = (deadline: string, status = "Open") => [
    "## Open Questions",
    "",
    "| ID | Question | Owner | Deadline | Impact | Status |",
    "|----|----------|-------|----------|--------|--------|",
    `| Q1 | Include refunds? | Ana | ${deadline} | Columns | ${status} |`,
    "",
  ];
  const error: Finding = {
    ruleId: "placeholder",
    severity: "error",
    message: "x",
    line: 1,
    column: 1,
  };
  const warning: Finding = { ...error, ruleId: "broken-link", severity: "warning" };

  it("is blocked by a Blocked dependency, before everything else", () => {
    const p = withTables(
      ...dependencies("🚫 **Blocked** (waiting on vendor)"),
      ...question("2026-11-01"),
      "Carrier: [NEEDS CLARIFICATION: which carrier?]",
    );
    expect(deriveStatus(p, [error], TODAY)).toBe("blocked");
    expect(deriveStatus(withTables(...dependencies("Blocked - legal review")), [], TODAY)).toBe(
      "blocked",
    );
  });

  it("is not blocked by other statuses", () => {
    for (const status of ["In Progress", "Done", "Not blocked", "Unblocked"])
      expect(deriveStatus(withTables(...dependencies(status)), [], TODAY), status).toBe("ready");
  });

  it("needs clarification for a marker, or an open question past its deadline", () => {
    const marker = withTables("## Summary", "", "Carrier: [NEEDS CLARIFICATION: which carrier?]");
    expect(deriveStatus(marker, [error], TODAY)).toBe("needs-clarification");
    expect(deriveStatus(withTables(...question("2026-11-24")), [], TODAY)).toBe(
      "needs-clarification",
    );
  });

  it("does not count a question due today, or a resolved one", () => {
    expect(deriveStatus(withTables(...question(TODAY)), [], TODAY)).toBe("ready");
    expect(deriveStatus(withTables(...question("2026-11-01", "Resolved")), [], TODAY)).toBe(
      "ready",
    );
  });

  it("is draft with an error finding, ready with warnings only", () => {
    const p = withTables("## Summary", "", "Fine.");
    expect(deriveStatus(p, [warning, error], TODAY)).toBe("draft");
    expect(deriveStatus(p, [warning], TODAY)).toBe("ready");
  });
});
