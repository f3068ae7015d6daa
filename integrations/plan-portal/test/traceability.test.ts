import { describe, expect, it } from "vitest";
import { fileOverlaps, normalisePath } from "../src/aggregate/overlaps.ts";
import { featureStage, pipelineBoard, taskReadiness } from "../src/aggregate/pipeline.ts";
import { featureTrace, traceCounts } from "../src/aggregate/traceability.ts";
import type { CheckedPlan } from "../src/check/index.ts";
import { parseSpec } from "../src/parse/spec.ts";
import { parseTaskList } from "../src/parse/tasks-list.ts";
import type { Plan } from "../src/parse/types.ts";
import type { PlanStatus } from "../src/vocabulary.ts";
import { checked, lines, plan } from "./helpers/plans.ts";

/**
 * The portal's feature aggregates (issue 17): traceability matrix, pipeline stage, ready and
 * blocked tasks, file overlap. Every expected value is counted by hand from the texts below.
 */

const SPEC = lines(
  "# Feature Specification: Order export", //                        1
  "",
  "## Clarifications", //                                             3
  "",
  "### Session 2026-11-02", //                                        5
  "",
  "- Q: Which formats? → A: CSV only.", //                            7
  "",
  "## User Scenarios & Testing", //                                   9
  "",
  "### User Story 1 - Accountant exports orders (Priority: P1)", //   11
  "",
  "### User Story 2 - Scheduled export (Priority: P2)", //            13
  "",
  "### User Story 3 - Export to S3 (Priority: P3)", //                15
  "",
  "## Requirements", //                                               17
  "",
  "- **FR-001**: System MUST export orders as CSV.", //               19
  "- **FR-002**: Rows MUST stream.", //                               20
  "- **FR-003**: System MUST include refunds.", //                    21
  "- **FR-004**: System MUST log exports.", //                        22
  "- **SC-001**: 10k orders export in 5 s.", //                       23
);

const TASKS = lines(
  "# Tasks: Order export", //                                                     1
  "",
  "## Phase 1: Setup", //                                                         3
  "",
  "- [x] T001 Create `services/exports/package.json`", //                        5
  "- [ ] T002 Configure lint in `.eslintrc.json`", //                             6
  "",
  "## Phase 2: User Story 1", //                                                  8
  "",
  "- [x] T003 [US1] CSV writer in `services/exports/src/csv.ts` (FR-001)", //    10
  "- [ ] T004 [US1] Stream rows in `services/exports/src/stream.ts` (FR-002)", // 11
  "- [x] T005 [US1] Refund rows (FR-003)", //                                     12
  "",
  "## Phase 3: User Story 2", //                                                  14
  "",
  "- [ ] T006 [US2] Scheduler in `./services/shared/cron.ts`", //                16
  "- [-] T007 Mail the export (FR-003)", // 17: US2 by its phase heading
);

const PLAN = lines(
  "# Implementation Plan: Order export", // 1
  "",
  "## Summary", //                           3
  "",
  "Exports orders (FR-001, SC-001).", //     5
  "",
  "## Technical Context", //                 7
  "",
  "Streaming covers FR-002 and SC-001.", //  9
);

const BLOCKED_PLAN = lines(
  "# Implementation Plan: Order export",
  "",
  "## Risk Assessment",
  "",
  "### Dependencies & Blockers",
  "",
  "| Dependency | Owner | Due Date | Status |",
  "|------------|-------|----------|--------|",
  "| Legal sign-off | Legal | 2026-12-01 | Blocked |",
  "| Read replica | Platform | 2026-12-01 | In Progress |",
);

function feature(
  folder: string,
  texts: { plan?: string; spec?: string | null; tasks?: string | null },
  status: PlanStatus = "ready",
): CheckedPlan {
  const p = plan({ folder, text: texts.plan ?? PLAN });
  const withDocs: Plan = {
    ...p,
    feature: {
      spec: texts.spec ? parseSpec(texts.spec, `specs/${folder}/spec.md`) : null,
      tasks: texts.tasks ? parseTaskList(texts.tasks, `specs/${folder}/tasks.md`) : null,
      checklists: [],
      dataModel: null,
    },
  };
  return checked(withDocs, status);
}

const exportFeature = feature("001-export", { spec: SPEC, tasks: TASKS });

describe("featureTrace", () => {
  const trace = featureTrace(exportFeature.plan)!;

  it("lists each requirement and story with the tasks and plan sections citing it", () => {
    expect(
      trace.rows.map((r) => [
        r.id,
        r.kind,
        r.line,
        r.tasks.map((t) => t.id),
        r.sections.map((s) => s.slug),
        r.state,
      ]),
    ).toEqual([
      ["FR-001", "FR", 19, ["T003"], ["summary"], "done"],
      ["FR-002", "FR", 20, ["T004"], ["technical-context"], "open"],
      // T007 is skipped, not open work: FR-003's tasks are all finished.
      ["FR-003", "FR", 21, ["T005", "T007"], [], "done"],
      ["FR-004", "FR", 22, [], [], "uncovered"],
      ["SC-001", "SC", 23, [], ["summary", "technical-context"], "planned"],
      ["US1", "story", 11, ["T003", "T004", "T005"], [], "open"],
      ["US2", "story", 13, ["T006", "T007"], [], "open"],
      ["US3", "story", 15, [], [], "uncovered"],
    ]);
    expect(traceCounts(trace)).toEqual({ done: 2, open: 3, planned: 1, uncovered: 2 });
  });

  it("keeps each task's line and phase, and lists the tasks that map to nothing", () => {
    const fr2 = trace.rows[1]!.tasks[0]!;
    expect([fr2.line, fr2.phase, fr2.done]).toEqual([11, "Phase 2: User Story 1", false]);
    expect(trace.rows[0]!.sections[0]!.line).toBe(5);
    expect(trace.unmapped.map((t) => [t.id, t.line])).toEqual([
      ["T001", 5],
      ["T002", 6],
    ]);
  });

  it("carries the clarification sessions, and is null without spec.md and tasks.md", () => {
    expect(trace.clarifications.map((s) => [s.date, s.line, s.entries.length])).toEqual([
      ["2026-11-02", 5, 1],
    ]);
    expect(featureTrace(feature("002-bare", { spec: null, tasks: null }).plan)).toBeNull();
  });
});

describe("featureStage", () => {
  const ALL_DONE = lines("## Phase 1", "", "- [x] T001 One", "- [-] T002 Skipped");
  const NONE_DONE = lines("## Phase 1", "", "- [ ] T001 One", "- [ ] T002 Two");
  const UNCLEAR = lines("# Spec", "", "- **FR-001**: [NEEDS CLARIFICATION: which format?]");
  const stage = (texts: Parameters<typeof feature>[1], status: PlanStatus = "draft") =>
    featureStage(feature("001-x", texts, status));

  it("reads the stage from the tasks' check marks first", () => {
    expect(stage({ spec: SPEC, tasks: ALL_DONE })).toBe("done");
    expect(stage({ spec: SPEC, tasks: TASKS })).toBe("implementing");
    expect(stage({ spec: SPEC, tasks: NONE_DONE })).toBe("tasked");
  });

  it("without tasks, from the plan's status, then from spec.md's open markers", () => {
    expect(stage({ spec: SPEC }, "ready")).toBe("planned");
    expect(stage({ spec: SPEC }, "blocked")).toBe("planned");
    expect(stage({ spec: SPEC }, "needs-clarification")).toBe("clarified");
    expect(stage({ spec: UNCLEAR }, "draft")).toBe("specified");
    expect(stage({ spec: null }, "draft")).toBe("specified");
  });
});

describe("taskReadiness", () => {
  it("readies the first phase with open tasks and holds the later ones", () => {
    const r = taskReadiness(exportFeature);
    expect(r.ready.map((t) => t.id)).toEqual(["T002"]);
    expect(r.blocked.map((b) => [b.task.id, b.reason])).toEqual([
      ["T004", "earlier-phase"],
      ["T006", "earlier-phase"],
    ]);
    expect(r.currentPhase).toBe("Phase 1: Setup");
    expect(r.blockers).toEqual([]);
  });

  it("holds every open task while the plan lists a Blocked dependency", () => {
    const r = taskReadiness(
      feature("001-export", { plan: BLOCKED_PLAN, spec: SPEC, tasks: TASKS }),
    );
    expect(r.ready).toEqual([]);
    expect(r.blocked.map((b) => [b.task.id, b.reason])).toEqual([
      ["T002", "blocker"],
      ["T004", "blocker"],
      ["T006", "blocker"],
    ]);
    expect(r.blockers).toEqual(["Legal sign-off"]);
  });
});

describe("pipelineBoard", () => {
  it("counts features per stage and open tasks ready or blocked", () => {
    const board = pipelineBoard([
      exportFeature,
      feature("002-next", { spec: SPEC }, "ready"),
      feature("003-later", { spec: null }, "draft"),
    ]);
    expect(board.counts).toEqual({
      specified: 1,
      clarified: 0,
      planned: 1,
      tasked: 0,
      implementing: 1,
      done: 0,
    });
    expect([board.ready, board.blocked]).toEqual([1, 2]);
    expect(board.features[0]).toMatchObject({
      planId: "001-export",
      stage: "implementing",
      tasks: { done: 3, total: 7 },
      next: ["T002"],
    });
  });
});

describe("fileOverlaps", () => {
  const refunds = feature("002-refunds", {
    tasks: lines(
      "- [ ] T001 Refund export in `services/exports/src/csv.ts`", //         1
      "- [x] T002 Cron in services/shared/cron.ts", //                         2
      "- [ ] T003 Again `services/exports/src/csv.ts` and `csv.ts/`", //        3
      "- [ ] T004 Twice `services/exports/src/csv.ts`, `services/exports/src/csv.ts`", // 4
    ),
  });
  const ops = feature("003-ops", {
    tasks: lines("## Ops", "", "- [ ] T009 `services/shared/cron.ts/`"),
  });

  it("lists paths that tasks of two or more features name, most features first", () => {
    const overlaps = fileOverlaps([exportFeature, refunds, ops]);
    expect(overlaps.map((o) => [o.path, o.features, o.open])).toEqual([
      ["services/shared/cron.ts", 3, 2],
      ["services/exports/src/csv.ts", 2, 3],
    ]);
    expect(overlaps[0]!.tasks.map((t) => `${t.planId}:${t.taskId}@${t.line}`)).toEqual([
      "001-export:T006@16",
      "002-refunds:T002@2",
      "003-ops:T009@3",
    ]);
    // A path named twice by one task is one entry; T003 and T004 are two.
    expect(overlaps[1]!.tasks.map((t) => `${t.planId}:${t.taskId}`)).toEqual([
      "001-export:T003",
      "002-refunds:T001",
      "002-refunds:T003",
      "002-refunds:T004",
    ]);
  });

  it("does not list a path only one feature names", () => {
    expect(
      fileOverlaps([
        exportFeature,
        feature("002-x", { tasks: TASKS.replace(/services|eslintrc/g, "apps") }),
      ]),
    ).toEqual([]);
    expect(normalisePath("./src/a.ts/")).toBe("src/a.ts");
  });
});
