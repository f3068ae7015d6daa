import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatStylish } from "../src/cli/format/stylish.ts";
import { toJsonReport } from "../src/contract/json.ts";
import { runPipeline } from "../src/pipeline.ts";
import { lines } from "./helpers/plans.ts";

/**
 * Issue 17's "done when": a feature folder with a requirement no task covers, a task citing an
 * unknown requirement, a story without tasks and a done task naming a missing file gets exactly
 * those four findings, each at its file:line:col, through the stages `check` runs.
 */

const PLAN = "./fixtures/rules/story-without-task/pass-every-story-tasked/001-export/plan.md";
const repo = mkdtempSync(path.join(tmpdir(), "plan-portal-feature-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function write(relative: string, text: string): void {
  const file = path.join(repo, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe("check on one feature folder", () => {
  execFileSync("git", ["init", "-q"], { cwd: repo });
  write("src/export/csv.ts", "export const csv = 1;\n");
  // A complete plan.md (no plan rule has anything to say), so only the feature's findings remain.
  write("specs/001-export/plan.md", readFileSync(new URL(PLAN, import.meta.url), "utf8"));
  write(
    "specs/001-export/spec.md",
    lines(
      "# Feature Specification: Order export", // 1
      "", // 2
      "### User Story 1 - Accountant exports orders (Priority: P1)", // 3
      "", // 4
      "### User Story 2 - Scheduled exports (Priority: P2)", // 5  no task
      "", // 6
      "## Requirements", // 7
      "", // 8
      "- **FR-001**: System MUST export orders as CSV.", // 9
      "- **FR-002**: System MUST stream rows.", // 10  uncited
    ),
  );
  write(
    "specs/001-export/tasks.md",
    lines(
      "# Tasks: Order export", // 1
      "", // 2
      "## Phase 1: User Story 1", // 3
      "", // 4
      "- [x] T001 [US1] Write the CSV writer in `src/export/csv.ts` (FR-001)", // 5
      // 6: `src/export/stream.ts` at column 34 is missing; FR-003 at column 57 is not in spec.md.
      "- [x] T002 [US1] Stream rows in `src/export/stream.ts` (FR-003)",
    ),
  );

  it("reports exactly the four, each in its file", async () => {
    const { plans } = await runPipeline({
      roots: [path.join(repo, "specs")],
      cwd: repo,
      today: "2026-11-25",
    });
    const found = plans[0]!.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);
    expect(found.sort()).toEqual([
      "specs/001-export/spec.md:10:5 uncovered-requirement",
      "specs/001-export/spec.md:5:5 story-without-task",
      "specs/001-export/tasks.md:6:34 phantom-completion",
      "specs/001-export/tasks.md:6:57 unknown-reference",
    ]);
    const out = formatStylish(
      toJsonReport("specs", plans, [], (p) => p, "2026-11-25"),
      {
        color: false,
      },
    );
    expect(out).toContain(
      "coverage (1 feature): requirements 1/2 cited, stories 1/2 with tasks, tasks 2/2 mapped",
    );
  });
});
