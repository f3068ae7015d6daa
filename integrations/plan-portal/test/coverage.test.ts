import { describe, expect, it } from "vitest";
import { coverageHeadline, featureCoverage } from "../src/check/coverage.ts";
import { parsePlan } from "../src/parse/index.ts";
import type { Plan } from "../src/parse/types.ts";
import { bundledProfiles } from "../src/template/profile.ts";
import { lines } from "./helpers/plans.ts";

/** featureCoverage on hand-made features; every expected number counted by hand from the text. */

function feature(docs: { plan?: string; spec?: string | null; tasks?: string | null }): Plan {
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
        spec: docs.spec != null,
        tasks: docs.tasks != null,
        research: false,
        dataModel: false,
        quickstart: false,
        contracts: false,
      },
      specText: docs.spec ?? null,
      tasksText: docs.tasks ?? null,
    },
    { templatePhrases: bundledProfiles().extended.phrases },
  );
}

const SPEC = lines(
  "# Feature Specification: Export",
  "",
  "### User Story 1 - Export orders (Priority: P1)",
  "### User Story 2 - Schedule exports (Priority: P2)",
  "### User Story 3 - Audit exports (Priority: P3)",
  "",
  "## Requirements",
  "",
  "- **FR-001**: System MUST export orders as CSV.",
  "- **FR-002**: System MUST stream rows.",
  "- **FR-002a**: Rows MUST be UTF-8.",
  "- **FR-003**: System MUST include refunds.",
  "- **FR-003**: (a duplicate, counted once)",
  "- **SC-001**: 10k orders export in under 5 s.",
);

describe("featureCoverage", () => {
  it("is null for a feature with neither spec.md nor tasks.md", () => {
    expect(featureCoverage(feature({}))).toBeNull();
  });

  it("counts ids tasks and plan.md cite, labelled stories and mapped tasks", () => {
    const tasks = lines(
      "# Tasks",
      "## Phase 1: Setup",
      "- [ ] T001 Create the project", // unmapped
      "## Phase 2: Export",
      "- [x] T002 [US1] Write the CSV writer (FR-001)", // mapped: label + FR-001
      "- [ ] T003 [P] [US1] Stream rows per FR-002", // mapped; FR-002 covers FR-002a
      "- [ ] T004 [US2] Schedule runs", // mapped: label
      "- [ ] T005 Tidy up FR-011 of 003 spec", // foreign id: not mapped
    );
    const plan = lines("# Implementation Plan: Export", "", "Refunds follow FR-003.");
    expect(featureCoverage(feature({ plan, spec: SPEC, tasks }))).toEqual({
      // 3 of 5 tasks carry a US label (≥ 1 in 10); 2 of 5 cite FR ids (≥ 1 in 10), none SC.
      convention: ["tasks cite FR ids", "tasks cite US labels"],
      // FR-001 (T002), FR-002 and FR-002a (T003), FR-003 (plan.md) of FR-001, -002, -002a, -003.
      requirements: { covered: 4, total: 4 },
      // US1, US2 of US1–US3.
      stories: { withTasks: 2, total: 3 },
      tasks: { mapped: 3, total: 5 },
    });
  });

  it("counts every kind when tasks cite no ids by convention, and a phase's story", () => {
    const tasks = lines(
      "# Tasks",
      "## Phase 3: User Story 3 - Audit",
      "- [ ] T001 Record each export", // mapped through its phase
      "- [ ] T002 Show the log",
    );
    expect(featureCoverage(feature({ spec: SPEC, tasks }))).toEqual({
      convention: [],
      // FR-001, FR-002, FR-002a, FR-003, SC-001; none cited.
      requirements: { covered: 0, total: 5 },
      stories: { withTasks: 1, total: 3 },
      tasks: { mapped: 2, total: 2 },
    });
  });

  it("counts a spec without tasks.md as nothing tasked, plan.md citations still covering", () => {
    const plan = lines("# Implementation Plan: Export", "", "SC-001 drives the design.");
    expect(featureCoverage(feature({ plan, spec: SPEC }))).toEqual({
      convention: [],
      requirements: { covered: 1, total: 5 },
      stories: { withTasks: 0, total: 3 },
      tasks: { mapped: 0, total: 0 },
    });
  });

  it("counts tasks.md without spec.md", () => {
    const tasks = lines("# Tasks", "- [ ] T001 [US1] Export", "- [ ] T002 Tidy");
    expect(featureCoverage(feature({ tasks }))).toEqual({
      convention: ["tasks cite US labels"],
      requirements: { covered: 0, total: 0 },
      stories: { withTasks: 0, total: 0 },
      tasks: { mapped: 1, total: 2 },
    });
  });
});

describe("coverageHeadline", () => {
  const base = {
    requirements: { covered: 1, total: 4 },
    stories: { withTasks: 2, total: 3 },
    tasks: { mapped: 5, total: 6 },
  };
  it("counts requirements when tasks cite requirement ids", () => {
    expect(
      coverageHeadline({ ...base, convention: ["tasks cite FR ids", "tasks cite US labels"] }),
    ).toEqual({ measure: "requirements", covered: 1, total: 4 });
  });
  it("counts stories when tasks only label stories", () => {
    expect(coverageHeadline({ ...base, convention: ["tasks cite US labels"] })).toEqual({
      measure: "stories",
      covered: 2,
      total: 3,
    });
  });
  it("counts requirements when there is no convention or no story", () => {
    expect(coverageHeadline({ ...base, convention: [] }).measure).toBe("requirements");
    expect(
      coverageHeadline({
        ...base,
        stories: { withTasks: 0, total: 0 },
        convention: ["tasks cite US labels"],
      }),
    ).toEqual({ measure: "requirements", covered: 1, total: 4 });
  });
});
