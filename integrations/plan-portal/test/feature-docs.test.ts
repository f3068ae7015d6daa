import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseChecklist } from "../src/parse/checklists.ts";
import { findRequirementRefs } from "../src/parse/requirement-ids.ts";
import { parseSpec } from "../src/parse/spec.ts";
import { looksLikePath, parseTaskList } from "../src/parse/tasks-list.ts";
import { runPipeline } from "../src/pipeline.ts";

/** The models of spec.md, tasks.md and checklists (issue 17); expected values counted by hand. */

const SPEC = [
  "# Feature Specification: Order export", // 1
  "", // 2
  "## Clarifications", // 3
  "", // 4
  "### Session 2026-11-02", // 5
  "", // 6
  "- Q: Which formats? → A: CSV only.", // 7
  "- Q: Must exports include refunds, or only", // 8
  "  settled orders? → A: Refunds too (FR-003).", // 9
  "", // 10
  "## User Scenarios & Testing *(mandatory)*", // 11
  "", // 12
  "### User Story 1 - Accountant exports orders (Priority: P1)", // 13
  "", // 14
  "Prose about the story.", // 15
  "", // 16
  "**Acceptance Scenarios**:", // 17
  "", // 18
  "1. **Given** orders, **When** exported, **Then** a CSV downloads.", // 19
  "2. **Given** no orders, **When** exported, **Then** the CSV has a header only.", // 20
  "", // 21
  "### 用户故事 2 - 定时导出 (优先级：P2)", // 22
  "", // 23
  "- **Given** a schedule, **When** due, **Then** it is mailed.", // 24
  "", // 25
  "### Edge Cases", // 26
  "", // 27
  "- What if an order has [NEEDS CLARIFICATION: negative totals?]", // 28
  "- Exports over 1 GB.", // 29
  "", // 30
  "## Requirements", // 31
  "", // 32
  "- **FR-001**: System MUST export orders as CSV.", // 33
  "- **FR-002a**: Rows MUST stream.", // 34
  "1. FR-003 System MUST include refunds.", // 35
  "- Q-like prose citing FR-001 is not a definition.", // 36
  "", // 37
  "### Key Entities", // 38
  "", // 39
  "- **Order**: what a customer bought.", // 40
  "- Payout: money sent to a roaster.", // 41
  "", // 42
  "| ID | Criterion |", // 43
  "| --- | --- |", // 44
  "| SC-001 | 10k orders in 5 s |", // 45
  "| SC-002 (see FR-001) | not a definition |", // 46
].join("\n");

describe("parseSpec", () => {
  const spec = parseSpec(SPEC, "specs/001-export/spec.md");

  it("reads stories with number, priority and acceptance scenarios", () => {
    expect(spec.title).toBe("Order export");
    expect(
      spec.stories.map((s) => [
        s.key,
        s.title,
        s.priority,
        s.line,
        s.acceptance.map((a) => a.line),
      ]),
    ).toEqual([
      ["US1", "Accountant exports orders", "P1", 13, [19, 20]],
      ["US2", "定时导出", "P2", 22, [24]],
    ]);
  });

  it("reads requirement definitions, not citations", () => {
    expect(spec.requirements.map((r) => [r.id, r.key, r.kind, r.line, r.column, r.text])).toEqual([
      ["FR-001", "FR-1", "FR", 33, 5, "System MUST export orders as CSV."],
      ["FR-002a", "FR-2a", "FR", 34, 5, "Rows MUST stream."],
      ["FR-003", "FR-3", "FR", 35, 4, "System MUST include refunds."],
      ["SC-001", "SC-1", "SC", 45, 3, "10k orders in 5 s"],
    ]);
  });

  it("reads key entities, edge cases, clarification sessions and markers", () => {
    expect(spec.entities.map((e) => [e.name, e.description, e.line])).toEqual([
      ["Order", "what a customer bought.", 40],
      ["Payout", "money sent to a roaster.", 41],
    ]);
    expect(spec.edgeCases.map((e) => e.line)).toEqual([28, 29]);
    expect(spec.clarifications).toEqual([
      {
        date: "2026-11-02",
        title: "Session 2026-11-02",
        line: 5,
        column: 5,
        entries: [
          { question: "Which formats?", answer: "CSV only.", line: 7, column: 3 },
          {
            question: "Must exports include refunds, or only settled orders?",
            answer: "Refunds too (FR-003).",
            line: 8,
            column: 3,
          },
        ],
      },
    ]);
    expect(spec.needsClarification.map((m) => [m.line, m.column])).toEqual([[28, 24]]);
  });

  it("keeps one story per label, preferring the heading with a priority", () => {
    const s = parseSpec(
      "### User Story 4 (P4) Scope Breakdown\n\n### User Story 4 - Dashboard (Priority: P3)\n",
      "spec.md",
    );
    expect(s.stories.map((x) => [x.key, x.line, x.priority])).toEqual([["US4", 3, "P3"]]);
  });
});

const TASKS = [
  "# Tasks: Order export", // 1
  "", // 2
  "## Phase 3: User Story 1 - Export (FR-006)", // 3
  "", // 4
  "### Tests for User Story 1", // 5
  "", // 6
  "- [X] T010 [P] [US1] Contract test in tests/contract/test_export.py (FR-001, SC-001)", // 7
  "- [ ] **T011** [US1, US2] Write `services/exports/src/csv.ts:12` and `README.md`", // 8
  "      covering FR-002 through FR-004", // 9
  "- [ ] Check by hand `GET /api/export` and `and/or`", // 10
  "- [-] T012 [US2] Deferred: mail the export", // 11
  "```markdown", // 12
  "- [ ] T999 inside a fence", // 13
  "```", // 14
].join("\r\n");

describe("parseTaskList", () => {
  const list = parseTaskList(TASKS, "specs/001-export/tasks.md");

  it("reads ids, done state, [P], story labels and phases", () => {
    expect(
      list.tasks.map((t) => [
        t.id,
        t.done,
        t.parallel,
        t.stories.map((s) => `${s.key}@${s.column}`),
        t.phase?.line,
      ]),
    ).toEqual([
      ["T010", true, true, ["US1@17"], 3],
      ["T011", false, false, ["US1@17", "US2@22"], 3],
      [null, false, false, [], 3],
      ["T012", false, false, ["US2@13"], 3],
    ]);
    expect(list.tasks.map((t) => t.skipped)).toEqual([false, false, false, true]);
  });

  it("reads requirement references, ranges expanded", () => {
    expect(list.tasks[0]!.requirements.map((r) => `${r.id}@${r.column}`)).toEqual([
      "FR-001@70",
      "SC-001@78",
    ]);
    expect(
      list.tasks[1]!.requirements.map((r) => `${r.id}:${r.line}${r.range ? "r" : ""}`),
    ).toEqual(["FR-002:9", "FR-004:9", "FR-003:9r"]);
    // Headings count as references of tasks.md, not as a task's.
    expect(list.references.map((r) => r.id)).toContain("FR-006");
  });

  it("reads file paths named in tasks", () => {
    expect(list.tasks.map((t) => t.paths.map((p) => `${p.path}@${p.line}:${p.column}`))).toEqual([
      ["tests/contract/test_export.py@7:39"],
      ["services/exports/src/csv.ts@8:34", "README.md@8:71"],
      [],
      [],
    ]);
    expect(looksLikePath("src/")).toBe(true);
    expect(looksLikePath("read/write")).toBe(false);
    expect(looksLikePath("1.2.3")).toBe(false);
    expect(looksLikePath("https://x.io/a.ts")).toBe(false);
  });

  it("reads route folders of file-based routers as paths, not prose brackets", () => {
    expect(looksLikePath("app/(shop)/orders/[id]/page.tsx")).toBe(true);
    expect(looksLikePath("pages/blog/[...slug].astro")).toBe(true);
    expect(looksLikePath("app/[[...rest]]/route.ts")).toBe(true);
    expect(looksLikePath("src/routes/[slug]/")).toBe(true);
    expect(looksLikePath("see (notes)/x")).toBe(false);
    expect(looksLikePath("a/(b c)/d.ts")).toBe(false);
    expect(looksLikePath("a/[x]y/d.ts")).toBe(false);
    const list = parseTaskList(
      "- [ ] T001 Order page in `apps/web/app/(shop)/orders/[id]/page.tsx`\n",
      "tasks.md",
    );
    expect(list.tasks[0]!.paths).toEqual([
      { path: "apps/web/app/(shop)/orders/[id]/page.tsx", line: 1, column: 27 },
    ]);
  });

  it("says when the tasks cover another feature's spec", () => {
    const other = parseTaskList(
      "Tasks are grouped by 001-core user story.\n\n- [ ] T001 x\n",
      "tasks.md",
    );
    expect(other.coversFeatures).toEqual(["001-core"]);
  });
});

describe("parseChecklist", () => {
  it("reads checkbox items with done state and line", () => {
    const c = parseChecklist(
      "ux",
      "# UX\n\n- [x] CHK001 Contrast checked\n- [ ] CHK002 Focus order\n\n```\n- [ ] no\n```\n",
      "specs/001-export/checklists/ux.md",
    );
    expect(c.items).toEqual([
      { text: "CHK001 Contrast checked", done: true, line: 3, column: 7 },
      { text: "CHK002 Focus order", done: false, line: 4, column: 7 },
    ]);
    expect(c.lineCount).toBe(8);
  });
});

describe("requirement ids", () => {
  it("expand ranges in the shapes real tasks use", () => {
    const keys = (t: string) => findRequirementRefs(t, 1).map((r) => r.key);
    expect(keys("FR-011..FR-013")).toEqual(["FR-11", "FR-13", "FR-12"]);
    expect(keys("SC-001～SC-003")).toEqual(["SC-1", "SC-3", "SC-2"]);
    expect(keys("FR-020–022")).toEqual(["FR-20", "FR-21", "FR-22"]);
    expect(keys("SC-001 - 10 seconds")).toEqual(["SC-1"]);
    expect(findRequirementRefs("FR-011 of 003 spec", 1)[0]!.foreign).toBe(true);
    // `(FR-001/007/008; SC-001/003)`: slash-listed ids without their prefix, each where written.
    const listed = findRequirementRefs("(FR-001/007/008; SC-001/003)", 4);
    expect(listed.map((r) => [r.key, r.column])).toEqual([
      ["FR-1", 2],
      ["SC-1", 18],
      ["FR-7", 9],
      ["FR-8", 13],
      ["SC-3", 25],
    ]);
  });
});

describe("robustness", () => {
  it("never throws on odd input", () => {
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabet = [
      "#",
      " ",
      "\n",
      "-",
      "[",
      "]",
      "x",
      "FR-",
      "SC-",
      "T0",
      "|",
      "`",
      "→ A:",
      "Q:",
      "*",
      "US",
      "1",
      "é",
      "\r",
    ];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 200 }, () => alphabet[next() % alphabet.length]).join("");
      expect(() => parseSpec(text, "s.md")).not.toThrow();
      expect(() => parseTaskList(text, "t.md")).not.toThrow();
      expect(() => parseChecklist("c", text, "c.md")).not.toThrow();
    }
    expect(parseSpec("", "s.md").lineCount).toBe(0);
    expect(parseTaskList("\u0000\u0001\uFFFD", "t.md").tasks).toEqual([]);
  });
});

describe("feature findings through the pipeline", () => {
  const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "rules");

  it("carry the file they are in, relative to the current directory", async () => {
    const root = path.join(fixtures, "unknown-reference", "fail-unknown-ids");
    const result = await runPipeline({ roots: [root], cwd: root, today: "2026-11-25" });
    const findings = result.plans[0]!.findings.filter((f) => f.ruleId === "unknown-reference");
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual([
      "001-export/tasks.md:5:52",
      "001-export/tasks.md:6:13",
      "001-export/tasks.md:6:47",
    ]);
    expect(result.plans[0]!.plan.feature.checklists).toEqual([]);
  });
});
