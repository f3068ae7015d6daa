import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitMissing } from "../src/history/git.ts";
import { sampleCommits } from "../src/trend/index.ts";
import { runPipeline, type PipelineOptions } from "../src/pipeline.ts";
import { TestRepo } from "./helpers/git-repo.ts";
import { commitScenario, HISTORY_TODAY as TODAY, IMPORTS } from "./helpers/history-scenario.ts";

/**
 * A repository with a known history (dates fixed), read through the pipeline as the CLI and the
 * integration read it. "Today" is 2026-03-21 throughout, so every age below is exact.
 */

let repo: TestRepo;
let cacheRoot: string;
const hashes: Record<string, string> = {};

function options(extra: Partial<PipelineOptions> = {}): PipelineOptions {
  return {
    roots: [path.join(repo.dir, "specs")],
    cwd: repo.dir,
    today: TODAY,
    history: true,
    historyIo: { cacheRoot },
    ...extra,
  };
}

beforeAll(() => {
  repo = new TestRepo();
  cacheRoot = mkdtempSync(path.join(tmpdir(), "plan-portal-history-cache-"));
  Object.assign(hashes, commitScenario(repo));
});

afterAll(() => {
  repo.remove();
  rmSync(cacheRoot, { recursive: true, force: true });
});

describe("plan history from git", () => {
  it("lists each plan's commits, first and last change, following a renamed folder", async () => {
    const result = await runPipeline(options());
    expect(result.notices).toEqual([]);
    const [exportPlan, imports] = result.plans.map((c) => c.history!);
    expect(
      exportPlan!.commits.map((c) => [c.hash, c.date.slice(0, 10), c.author, c.subject]),
    ).toEqual([
      [hashes.c2, "2026-02-01", "Ana Author", "Answer Q2, ask about currencies"],
      [hashes.c1, "2026-01-10", "Ana Author", "Add export and import plans"],
    ]);
    expect([exportPlan!.firstChange, exportPlan!.lastChange]).toEqual(["2026-01-10", "2026-02-01"]);
    expect(imports!.commits.map((c) => c.subject)).toEqual([
      "Rename 002 to imports",
      "Add export and import plans",
    ]);
    expect([imports!.firstChange, imports!.lastChange]).toEqual(["2026-01-10", "2026-02-05"]);
  });

  it("dates every open question and marker by its line's commit, and each answer", async () => {
    const { plans } = await runPipeline(options());
    const h = plans[0]!.history!;
    expect(h.open.map((q) => [q.kind, q.id, q.file, q.date, q.ageDays])).toEqual([
      ["question", "Q1", "specs/001-export/plan.md", "2026-01-10", 70],
      [
        "marker",
        "[NEEDS CLARIFICATION: which currencies?]",
        "specs/001-export/plan.md",
        "2026-02-01",
        48,
      ],
      [
        "marker",
        "[NEEDS CLARIFICATION: which format besides CSV?]",
        "specs/001-export/spec.md",
        "2026-01-10",
        70,
      ],
    ]);
    expect(h.open[0]!.commit).toBe(hashes.c1);
    expect(h.answered.map((q) => [q.id, q.date, q.commit])).toEqual([
      ["Q2", "2026-02-01", hashes.c2],
    ]);
  });

  it("finds code its tasks name that changed after the plan did", async () => {
    const { plans } = await runPipeline(options());
    expect(plans[0]!.history!.codeChangedAfter).toEqual({
      path: "src/export.ts",
      commit: hashes.c6,
      date: "2026-03-01",
    });
    expect(plans[1]!.history!.codeChangedAfter).toBeNull();
  });

  it("reports stale-plan: idle past the threshold with tasks open, and code newer than the plan", async () => {
    const quiet = await runPipeline(options());
    const stale = (r: typeof quiet) =>
      r.plans[0]!.findings.filter((f) => f.ruleId === "stale-plan").map((f) => [
        f.messageId,
        f.message,
      ]);
    // 48 days idle is under the default 60: only the code change counts.
    expect(stale(quiet)).toEqual([
      [
        "code-changed",
        "src/export.ts changed on 2026-03-01, after the plan's last change (2026-02-01).",
      ],
    ]);
    const strict = await runPipeline(options({ staleDays: 30 }));
    expect(stale(strict)).toEqual([
      ["unchanged", "Unchanged for 48 days (since 2026-02-01) while 1 task is unfinished."],
      [
        "code-changed",
        "src/export.ts changed on 2026-03-01, after the plan's last change (2026-02-01).",
      ],
    ]);
    expect(strict.plans[0]!.findings.find((f) => f.ruleId === "stale-plan")!.severity).toBe("info");
    // 002 has no tasks: never stale for being idle.
    expect(strict.plans[1]!.findings.filter((f) => f.ruleId === "stale-plan")).toEqual([]);
  });

  it("spawns nothing on a rebuild at the same HEAD, and reads only the new commits after one", async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), "plan-portal-history-cache-"));
    try {
      const first = await runPipeline(options({ historyIo: { cacheRoot: fresh } }));
      // log, code log, one blame each of plan.md and spec.md of 001 (002 has nothing to blame),
      // one cat-file --batch per plan for its changelog.
      expect(first.history!.spawns).toBe(6);
      const again = await runPipeline(options({ historyIo: { cacheRoot: fresh } }));
      expect(again.history!.spawns).toBe(0);
      expect(again.plans[0]!.history).toEqual(first.plans[0]!.history);
      repo.write("specs/002-imports/plan.md", IMPORTS + "\nMore.\n");
      const c7 = repo.commit("Edit imports", "2026-03-10");
      const next = await runPipeline(options({ historyIo: { cacheRoot: fresh } }));
      // merge-base --is-ancestor, log of c6..c7, code log at the new HEAD, 002's changelog;
      // 001's blames and changelog are cached.
      expect(next.history!.spawns).toBe(4);
      expect(next.plans[1]!.history!.commits[0]!.hash).toBe(c7);
      expect(next.plans[1]!.history!.lastChange).toBe("2026-03-10");
      expect(next.plans[0]!.history!.commits).toEqual(first.plans[0]!.history!.commits);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe("changelog", () => {
  it("says per commit what changed in the model, following the renamed folder", async () => {
    const { plans } = await runPipeline(options());
    const [exportPlan, imports] = plans.map((c) => c.history!.changelog);
    expect(exportPlan!.map((e) => e.hash)).toEqual([hashes.c2, hashes.c1]);
    expect(exportPlan![0]!.change).toEqual({
      created: false,
      sectionsAdded: [],
      sectionsRemoved: [],
      questionsOpened: [],
      questionsAnswered: ["Q2: Should exports include refunds?"],
      markersAdded: ["[NEEDS CLARIFICATION: which currencies?]"],
      markersResolved: [],
      risksAdded: [],
      requirementsAdded: [],
      requirementsChanged: [],
      status: null,
    });
    expect(exportPlan![1]!.change).toMatchObject({
      created: true,
      sectionsAdded: ["Implementation Plan: Export", "Summary", "Open Questions"],
      questionsOpened: [
        "Q1: Do accountants need VAT split per line?",
        "Q2: Should exports include refunds?",
      ],
      markersAdded: ["[NEEDS CLARIFICATION: which format besides CSV?]"],
      requirementsAdded: ["FR-001"],
    });
    // The rename commit compares with the plan under its old folder name: nothing changed.
    // (The last two: a test above commits "Edit imports" on top.)
    expect(
      imports!.slice(-2).map((e) => [e.subject, e.change.created, e.change.sectionsAdded]),
    ).toEqual([
      ["Rename 002 to imports", false, []],
      ["Add export and import plans", true, ["Implementation Plan: Imports", "Summary"]],
    ]);
  });
});

describe("trend", () => {
  it("samples the commits touching the specs: statuses, questions and tasks at each", async () => {
    const { trend } = await runPipeline(options());
    // (A test above commits "Edit imports" on top; the merge touches no file of its own.)
    const points = trend!.filter((p) => p.subject !== "Edit imports");
    expect(
      points.map((p) => [p.commit, p.date, p.plans, p.openQuestions, p.overdueQuestions, p.tasks]),
    ).toEqual([
      [hashes.c1, "2026-01-10", 2, 2, 0, { done: 1, total: 2 }],
      [hashes.c2, "2026-02-01", 2, 1, 0, { done: 1, total: 2 }],
      [hashes.c3, "2026-02-05", 2, 1, 0, { done: 1, total: 2 }],
    ]);
    expect(points.map((p) => [p.byStatus["draft"], p.byStatus["needs-clarification"]])).toEqual([
      [2, 0],
      [1, 1],
      [1, 1],
    ]);
    expect(points.every((p) => p.findings.errors > 0)).toBe(true);
  });

  it("picks the same commits as HEAD moves on (every k-th from the first), and the newest", () => {
    const commits = Array.from({ length: 10 }, (_, i) => ({ hash: `c${9 - i}` }) as never);
    expect(sampleCommits(commits, 10, 4).map((c: { hash: string }) => c.hash)).toEqual([
      "c0",
      "c3",
      "c6",
      "c9",
    ]);
    const moved = [{ hash: "c10" } as never, ...commits];
    expect(sampleCommits(moved, 10, 4).map((c: { hash: string }) => c.hash)).toEqual([
      "c3",
      "c6",
      "c9",
      "c10",
    ]);
  });
});

describe("several repositories", () => {
  it("reads each specs root in its own repository", async () => {
    const other = new TestRepo();
    try {
      other.write("specs/010-other/plan.md", IMPORTS);
      const hash = other.commit("Other plan", "2026-02-20");
      const result = await runPipeline(
        options({
          roots: [path.join(repo.dir, "specs"), path.join(other.dir, "specs")],
          cwd: repo.dir,
        }),
      );
      expect(result.notices).toEqual([]);
      const byId = new Map(result.plans.map((c) => [c.plan.id, c.history]));
      expect(byId.get("010-other")!.commits.map((c) => c.hash)).toEqual([hash]);
      expect(byId.get("001-export")!.lastChange).toBe("2026-02-01");
    } finally {
      other.remove();
    }
  });
});

describe("no history", () => {
  it("a shallow clone: one notice, plans without history", async () => {
    const target = mkdtempSync(path.join(tmpdir(), "plan-portal-shallow-"));
    try {
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo.dir}`, target], {
        stdio: "ignore",
      });
      const result = await runPipeline({
        ...options(),
        roots: [path.join(target, "specs")],
        cwd: target,
      });
      expect(result.notices.map((n) => [n.code, n.path])).toEqual([
        ["PlanPortalHistoryShallowClone", "specs"],
      ]);
      expect(result.notices[0]!.hint).toContain("fetch-depth: 0");
      expect(result.plans).toHaveLength(2);
      expect(result.plans.every((c) => c.history === undefined)).toBe(true);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });

  it("a folder outside git: a notice when history was asked for, silence on auto", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "plan-portal-nogit-"));
    try {
      mkdirSync(path.join(dir, "specs", "001-a"), { recursive: true });
      writeFileSync(path.join(dir, "specs", "001-a", "plan.md"), IMPORTS);
      const base = { roots: [path.join(dir, "specs")], cwd: dir, today: TODAY };
      const asked = await runPipeline({ ...base, history: true });
      expect(asked.notices.map((n) => n.code)).toEqual(["PlanPortalHistoryNotARepository"]);
      expect(asked.plans[0]!.history).toBeUndefined();
      const auto = await runPipeline({ ...base, history: "auto" });
      expect(auto.notices).toEqual([]);
      expect(auto.plans).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("git missing: a notice naming it, never a failure", async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), "plan-portal-history-cache-"));
    try {
      const missing = () => {
        throw new GitMissing("git is not installed or not on PATH");
      };
      const result = await runPipeline(options({ historyIo: { cacheRoot: fresh, git: missing } }));
      expect(result.notices.map((n) => [n.code, n.message])).toEqual([
        [
          "PlanPortalHistoryGitMissing",
          "Plan history (last change, question ages, staleness) was not read: git is not installed or not on PATH.",
        ],
      ]);
      expect(result.plans.map((c) => c.plan.id)).toEqual(["001-export", "002-imports"]);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
