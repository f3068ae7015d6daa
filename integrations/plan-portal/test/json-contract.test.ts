import { describe, expect, it } from "vitest";
import { toJsonPlan, toJsonReport } from "../src/contract/json.ts";
import { readFileSync } from "node:fs";
import { fixturePlan } from "./helpers/fixtures.ts";
import { TODAY, check, plan } from "./helpers/plans.ts";
import { runPipeline } from "../src/pipeline.ts";

describe("JSON contract v1: risks and dependencies", () => {
  const [risky, blocked] = check([fixturePlan("risks-lists"), fixturePlan("dependencies-prose")]);

  it("lists each plan's risks as the risk matrix reads them", () => {
    expect(toJsonPlan(risky!, TODAY).risks).toEqual([
      {
        text: "Conflicting edits on two devices",
        probability: "",
        impact: "",
        mitigation: "last-writer-wins per field",
        owner: "",
        line: 5,
      },
      {
        text: "Battery drain",
        probability: "Medium",
        impact: "Low",
        mitigation: "",
        owner: "@mobile-team",
        line: 6,
      },
      {
        text: "Data loss on schema upgrade",
        probability: "",
        impact: "High",
        mitigation: "back up the store before migrating",
        owner: "",
        line: 13,
      },
      {
        text: "Clock skew between devices",
        probability: "",
        impact: "High",
        mitigation: "",
        owner: "",
        line: 15,
      },
    ]);
  });

  it("lists each plan's dependencies as the blockers board reads them", () => {
    const json = toJsonPlan(blocked!, TODAY);
    expect(json.dependencies[0]).toEqual({
      text: "Payments API v2",
      owner: "@payments",
      status: "BLOCKED",
      due: "2026-12-01",
      line: 5,
    });
    expect(json.dependencies.map((d) => d.status)).toEqual([
      "BLOCKED",
      "ACTIVE",
      "DECOUPLED",
      "In Progress",
      "Done",
    ]);
    expect(json.status).toBe("blocked");
  });

  it("only adds: version 1, every earlier key in its place, the new ones before findings", () => {
    const report = toJsonReport("specs", [risky!, blocked!], [], (p) => p, TODAY);
    expect(report.version).toBe(1);
    expect(Object.keys(report.plans[0]!)).toEqual([
      "id",
      "path",
      "title",
      "status",
      "declaredStatus",
      "score",
      "template",
      "progress",
      "openQuestions",
      "needsClarification",
      "resolvedClarifications",
      "risks",
      "dependencies",
      "stale",
      "coverage",
      "findings",
    ]);
    expect(JSON.parse(JSON.stringify(report)).plans[1].dependencies).toHaveLength(5);
  });
});

describe("JSON contract v1: resolved clarifications", () => {
  it("keeps markers the plan records as decided, with how and where, out of needsClarification", () => {
    const text = readFileSync(
      new URL(
        "./fixtures/rules/needs-clarification/pass-recorded-as-decided/001-demo/plan.md",
        import.meta.url,
      ),
      "utf8",
    );
    const [decided] = check([plan({ folder: "001-demo", text })]);
    const json = toJsonPlan(decided!, TODAY);
    expect(json.needsClarification).toEqual([]);
    // Lines 12, 13, 18, 19 of the fixture: recorded under ## Decisions (line 33), annotated
    // "→ Resolved", struck through, and annotated "✅ decided".
    expect(json.resolvedClarifications.map((m) => [m.line, m.how, m.resolutionLine])).toEqual([
      [12, "recorded", 33],
      [13, "annotated", 13],
      [18, "struck", 18],
      [19, "annotated", 19],
    ]);
  });
});

describe("JSON contract v1: coverage", () => {
  it("is null for a plan with neither spec.md nor tasks.md", () => {
    const [alone] = check([plan({ folder: "001-demo", text: "# Implementation Plan: Demo\n" })]);
    expect(toJsonPlan(alone!, TODAY).coverage).toBeNull();
  });

  it("counts the feature's requirements, stories and tasks", async () => {
    // fixtures/rules/uncovered-requirement/fail-requirement-no-task-cites: spec.md defines
    // FR-001…FR-006, SC-001, SC-002 and User Story 1; its 3 tasks, all [US1], cite FR-001 and
    // FR-005, FR-004 through FR-006, SC-001; plan.md cites FR-002. FR-003 and SC-002 are uncited.
    const root = new URL(
      "./fixtures/rules/uncovered-requirement/fail-requirement-no-task-cites/",
      import.meta.url,
    ).pathname;
    const { plans } = await runPipeline({ roots: [root], cwd: root, today: TODAY });
    expect(toJsonPlan(plans[0]!, TODAY).coverage).toEqual({
      convention: ["tasks cite FR ids", "tasks cite SC ids", "tasks cite US labels"],
      requirements: { covered: 6, total: 8 },
      stories: { withTasks: 1, total: 1 },
      tasks: { mapped: 3, total: 3 },
    });
  });
});
