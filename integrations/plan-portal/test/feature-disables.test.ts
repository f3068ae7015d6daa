import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/parse/index.ts";
import type { Plan } from "../src/parse/types.ts";
import { bundledProfiles } from "../src/template/profile.ts";
import { check, lines } from "./helpers/plans.ts";

/**
 * Disable comments in spec.md, tasks.md and checklists silence findings on their own file's
 * lines (issue 17); plan.md's never reach another file. Positions counted by hand.
 */

const D = "<!-- plan-portal-disable-next-line";

function feature(docs: {
  plan?: string;
  spec: string;
  tasks: string;
  checklists?: { name: string; text: string }[];
}): Plan {
  return parsePlan(
    {
      id: "001-export",
      folder: "001-export",
      number: 1,
      path: "specs/001-export/plan.md",
      group: "specs",
      text: docs.plan ?? lines("# Implementation Plan: Export"),
      problems: [],
      siblings: {
        spec: true,
        tasks: true,
        research: false,
        dataModel: false,
        quickstart: false,
        contracts: false,
      },
      specText: docs.spec,
      tasksText: docs.tasks,
      checklistTexts: docs.checklists ?? [],
    },
    { templatePhrases: bundledProfiles().extended.phrases },
  );
}

const SPEC = lines(
  "# Feature Specification: Export", // 1
  "", // 2
  "### User Story 1 - Export orders (Priority: P1)", // 3
  "", // 4
  "- **FR-001**: System MUST export orders.", // 5
);

/** Feature findings as `file:line:column rule`. */
function found(p: Plan): string[] {
  const [checked] = check([p]);
  return checked!.findings
    .filter((f) => f.file !== undefined)
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);
}

describe("disable comments beside the plan", () => {
  const tasks = lines(
    "# Tasks", // 1
    "", // 2
    "- [ ] T001 [US1] Export per FR-001", // 3
    "- [ ] T002 [US1] Cite FR-099", // 4
  );

  it("without one, the finding stands", () => {
    expect(found(feature({ spec: SPEC, tasks }))).toEqual([
      "specs/001-export/tasks.md:4:23 unknown-reference",
    ]);
  });

  it("in tasks.md silence the finding on tasks.md's next line, and count as used", () => {
    const silenced = lines(
      "# Tasks", // 1
      "", // 2
      "- [ ] T001 [US1] Export per FR-001", // 3
      `${D} unknown-reference -->`, // 4
      "- [ ] T002 [US1] Cite FR-099", // 5
    );
    expect(found(feature({ spec: SPEC, tasks: silenced }))).toEqual([]);
  });

  it("in plan.md do not reach a line of tasks.md with the same number", () => {
    const plan = lines("# Implementation Plan: Export", "", `${D} unknown-reference -->`, "Text.");
    expect(found(feature({ plan, spec: SPEC, tasks }))).toEqual([
      "specs/001-export/tasks.md:4:23 unknown-reference",
    ]);
  });

  it("that silence nothing in spec.md are reported there as unused, unknown ids too", () => {
    const spec = lines(
      "# Feature Specification: Export", // 1
      "", // 2
      "### User Story 1 - Export orders (Priority: P1)", // 3
      "", // 4
      `${D} vague-requirement unknown-rulez -->`, // 5
      "- **FR-001**: System MUST export orders.", // 6
    );
    expect(found(feature({ spec, tasks }))).toEqual([
      "specs/001-export/tasks.md:4:23 unknown-reference",
      "specs/001-export/spec.md:5:36 unused-disable",
      "specs/001-export/spec.md:5:54 unknown-rule-in-disable",
    ]);
  });

  it("in a checklist silence its incomplete-checklist finding", () => {
    const checklist = lines(
      "# Requirements checklist", // 1
      "", // 2
      `${D} incomplete-checklist -->`, // 3
      "- [ ] CHK001 Requirements are testable", // 4
    );
    const open = lines("# Requirements checklist", "", "- [ ] CHK001 Requirements are testable");
    const ok = lines("# Tasks", "", "- [ ] T001 [US1] Export per FR-001");
    expect(
      found(feature({ spec: SPEC, tasks: ok, checklists: [{ name: "req", text: open }] })),
    ).toEqual(["specs/001-export/checklists/req.md:3:7 incomplete-checklist"]);
    expect(
      found(feature({ spec: SPEC, tasks: ok, checklists: [{ name: "req", text: checklist }] })),
    ).toEqual([]);
  });
});
