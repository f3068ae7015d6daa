import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../src/pipeline.ts";
import { TestRepo } from "./helpers/git-repo.ts";
import { lines } from "./helpers/plans.ts";

/**
 * The trend's points are the portal as it was at a commit, checked as today's: a point must see
 * the checklists, data-model.md and repository files that today's check sees, or the newest
 * point disagrees with the page it is drawn on.
 */
let repo: TestRepo;
let cacheRoot: string;

beforeAll(() => {
  repo = new TestRepo();
  cacheRoot = mkdtempSync(path.join(tmpdir(), "plan-portal-trend-cache-"));
  repo.write("src/export/csv.ts", "export {};\n");
  repo.write(
    "specs/001-export/plan.md",
    lines("# Implementation Plan: Export", "", "**Status**: Draft", "", "## Summary", "", "CSV."),
  );
  repo.write(
    "specs/001-export/spec.md",
    lines(
      "# Feature Specification: Export",
      "",
      "## Requirements",
      "",
      "### Key Entities",
      "",
      "- **Order**: an order.",
    ),
  );
  repo.write(
    "specs/001-export/data-model.md",
    lines("# Data Model: Export", "", "## Entities", "", "### Order", "", "### Invoice"),
  );
  repo.write(
    "specs/001-export/tasks.md",
    lines(
      "# Tasks: Export",
      "",
      "- [x] T001 CSV writer in `src/export/csv.ts`",
      "- [x] T002 Stream in `src/export/stream.ts`",
    ),
  );
  repo.write(
    "specs/001-export/checklists/requirements.md",
    lines("# Requirements checklist", "", "- [x] CHK001 Done", "- [ ] CHK002 Open"),
  );
  repo.commit("Export plan", "2026-01-10");
});

afterAll(() => {
  repo.remove();
  rmSync(cacheRoot, { recursive: true, force: true });
});

describe("the trend", () => {
  it("checks a past commit with the sibling documents and repository files of that commit", async () => {
    const result = await runPipeline({
      roots: [path.join(repo.dir, "specs")],
      cwd: repo.dir,
      today: "2026-01-20",
      history: true,
      historyIo: { cacheRoot },
    });
    const rules = result.plans.flatMap((c) => c.findings.map((f) => f.ruleId));
    // The three rules that read beyond plan.md, spec.md and tasks.md each find one thing here.
    expect(rules).toContain("incomplete-checklist");
    expect(rules).toContain("entity-drift");
    expect(rules).toContain("phantom-completion");
    const count = (severity: string) =>
      result.plans.flatMap((c) => c.findings).filter((f) => f.severity === severity).length;
    expect(result.trend).toHaveLength(1);
    expect(result.trend![0]!.findings).toEqual({
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
    });
  });
});
