import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestRepo } from "./helpers/git-repo.ts";

/**
 * `check --changed-since`, `--baseline` / `--write-baseline` and `--format markdown` on a real
 * repository: at `base` two plans with one finding each (the rest of the rules are off); then
 * 001 gets two lines above its finding (same finding, new line number), 002 loses its broken link
 * and gains a marker and a question, and an untracked 004-new takes 004-old's number.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, "..", "bin", "plan-portal.js");
const QUIET = [
  "--rule",
  "required-section=off",
  "--rule",
  "missing-spec=off",
  "--rule",
  "header-metadata=off",
];

const plan = (title: string, branch: string, body: string) =>
  `# Implementation Plan: ${title}\n\n**Branch**: \`${branch}\` | **Date**: 2026-01-10\n\n## Summary\n\n${body}\n`;

let repo: TestRepo;
let cache: string;

function run(args: string[]) {
  const result = spawnSync(
    process.execPath,
    [bin, "check", "specs", "--today", "2026-03-21", ...QUIET, ...args],
    {
      cwd: repo.dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", PLAN_PORTAL_CACHE_DIR: cache },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const findings = (stdout: string) =>
  (
    JSON.parse(stdout) as { plans: { id: string; findings: { ruleId: string; line: number }[] }[] }
  ).plans.map((p) => [p.id, p.findings.map((f) => `${f.ruleId}@${f.line}`)]);

beforeAll(() => {
  repo = new TestRepo();
  cache = mkdtempSync(path.join(tmpdir(), "plan-portal-review-cache-"));
  repo.write(
    "specs/001-alpha/plan.md",
    plan("Alpha", "001-alpha", "Alpha uses [e.g., FastAPI, Express] for its API."),
  );
  repo.write(
    "specs/002-beta/plan.md",
    plan("Beta", "002-beta", "Beta imports orders. See [the layout](layout.md)."),
  );
  repo.write("specs/004-old/plan.md", plan("Old", "004-old", "Old things."));
  repo.commit("Plans", "2026-01-10");
  repo.git(["tag", "base"]);
  expect(run(["--write-baseline", "baseline.json"]).code).toBe(0);
  repo.write(
    "specs/001-alpha/plan.md",
    plan("Alpha", "001-alpha", "An intro.\n\nAlpha uses [e.g., FastAPI, Express] for its API."),
  );
  repo.write(
    "specs/002-beta/plan.md",
    plan(
      "Beta",
      "002-beta",
      "Beta imports orders. Formats: [NEEDS CLARIFICATION: which formats?]",
    ) +
      "\n## Open Questions\n\n1. **Q1**: Are refunds imported?\n    - **Owner**: Product\n    - **Deadline**: 2026-04-01\n    - **Impact**: Totals\n",
  );
  repo.commit("Edit alpha and beta", "2026-02-01");
  repo.write("specs/004-new/plan.md", plan("New", "004-new", "New things.")); // untracked
});

afterAll(() => {
  repo.remove();
  rmSync(cache, { recursive: true, force: true });
});

describe("check for pull requests", () => {
  it("--write-baseline writes a versioned file of fingerprints (no line numbers) and passes", () => {
    const baseline = JSON.parse(readFileSync(path.join(repo.dir, "baseline.json"), "utf8"));
    expect(baseline.version).toBe(1);
    expect(baseline.tool).toBe("plan-portal");
    expect(
      baseline.findings.map((e: Record<string, string>) => [e.ruleId, e.plan, e.file]),
    ).toEqual([
      ["placeholder", "001-alpha", "specs/001-alpha/plan.md"],
      ["broken-link", "002-beta", "specs/002-beta/plan.md"],
    ]);
    expect(Object.keys(baseline.findings[0]).sort()).toEqual([
      "file",
      "fingerprint",
      "message",
      "plan",
      "ruleId",
    ]);
  });

  it("--changed-since reports the changed plans and the cross-plan findings they cause", () => {
    const { code, stdout } = run(["--changed-since", "base", "--format", "json"]);
    expect(code).toBe(1);
    expect(findings(stdout)).toEqual([
      ["001-alpha", ["placeholder@9"]],
      ["002-beta", ["needs-clarification@7"]],
      ["004-new", ["duplicate-plan-number@1"]],
      ["004-old", ["duplicate-plan-number@1"]],
    ]);
  });

  it("--baseline keeps only new findings: a finding that moved is not new", () => {
    const { code, stdout } = run([
      "--changed-since",
      "base",
      "--baseline",
      "baseline.json",
      "--format",
      "json",
    ]);
    expect(code).toBe(1);
    expect(findings(stdout)).toEqual([
      ["001-alpha", []],
      ["002-beta", ["needs-clarification@7"]],
      ["004-new", ["duplicate-plan-number@1"]],
      ["004-old", ["duplicate-plan-number@1"]],
    ]);
  });

  it("--format markdown: per changed plan what changed, new and fixed findings, questions", () => {
    const { stdout } = run([
      "--changed-since",
      "base",
      "--baseline",
      "baseline.json",
      "--format",
      "markdown",
    ]);
    expect(stdout).toContain(
      "## Plan Portal\n\n3 plans changed since `base`: 2 errors, 1 warning among the new findings, 1 fixed.",
    );
    expect(stdout).toContain("| Plan | Status | Score | New | Fixed |");
    expect(stdout).toContain("| 002\\-beta | needs-clarification |");
    expect(stdout).toContain(
      "### 002\\-beta: Beta\n\nChanged: `plan.md`\n- Questions opened: Q1: Are refunds imported?\n- NEEDS CLARIFICATION added: \\[NEEDS CLARIFICATION: which formats?\\]\n- Sections added: Open Questions\n",
    );
    expect(stdout).toContain("**New findings (1)**\n- ⚠️ warning `needs-clarification` plan.md:7:");
    expect(stdout).toContain(
      '**Fixed (1)**\n- ✅ `broken-link` Link "the layout" points at layout.md, which does not exist.',
    );
    expect(stdout).toContain("### 004\\-new: New\n\nChanged: `plan.md`\n- New plan\n");
    expect(stdout).toContain(
      "### 004\\-old: Old\n\nNot changed; findings the changed plans cause:",
    );
    expect(stdout).toContain("### 001\\-alpha: Alpha\n\nChanged: `plan.md`\n\nNo new findings.");
  });

  it("escapes plan text in markdown: no HTML, no mentions, no markup", () => {
    repo.write(
      "specs/005-evil/plan.md",
      plan(
        "Evil *bold* @octocat",
        "005-evil",
        "[NEEDS CLARIFICATION: <img src=x onerror=alert(1)> | pipe]",
      ),
    );
    try {
      const { stdout } = run(["--changed-since", "base", "--format", "markdown"]);
      expect(stdout).toContain("### 005\\-evil: Evil bold &#64;octocat\n");
      expect(stdout).toContain(
        "- NEEDS CLARIFICATION added: \\[NEEDS CLARIFICATION: &lt;img src=x onerror=alert\\(1\\)&gt; \\| pipe\\]\n",
      );
      expect(stdout).not.toContain("<img");
      expect(stdout).not.toContain("@octocat");
    } finally {
      rmSync(path.join(repo.dir, "specs", "005-evil"), { recursive: true, force: true });
    }
  });
});

describe("check for pull requests: bad input exits 2 and says what to do", () => {
  it("an unknown REF", () => {
    const { code, stderr, stdout } = run(["--changed-since", "no-such-branch"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "plan-portal: --changed-since no-such-branch: git knows no commit by that name (git rev-parse found no such commit).\n  Hint: Fetch it first (`git fetch origin main`, or `fetch-depth: 0` in actions/checkout), or name an existing commit, branch or tag.\n",
    );
  });

  it("a missing, broken or foreign-version baseline", () => {
    expect(run(["--baseline", "nope.json"]).stderr).toBe(
      "plan-portal: --baseline nope.json cannot be read: no such file.\n  Hint: Check the path (relative to the current directory), or write one with --write-baseline FILE.\n",
    );
    writeFileSync(path.join(repo.dir, "broken.json"), "{");
    const broken = run(["--baseline", "broken.json"]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /^plan-portal: --baseline broken.json is not a plan-portal baseline: not JSON \(/,
    );
    writeFileSync(
      path.join(repo.dir, "v2.json"),
      JSON.stringify({ version: 2, tool: "plan-portal", findings: [] }),
    );
    const v2 = run(["--baseline", "v2.json"]);
    expect(v2.code).toBe(2);
    expect(v2.stderr).toBe(
      "plan-portal: --baseline v2.json is baseline version 2; this plan-portal reads version 1.\n  Hint: Write it again with this version: `plan-portal check --write-baseline FILE`, and commit it.\n",
    );
  });

  it("--changed-since outside a repository", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "plan-portal-nogit-"));
    try {
      writeFileSync(path.join(dir, "x"), "");
      const result = spawnSync(process.execPath, [bin, "check", ".", "--changed-since", "main"], {
        cwd: dir,
        encoding: "utf8",
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        "--changed-since main: the specs folder is not inside a git repository",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
