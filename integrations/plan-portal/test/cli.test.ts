import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, "..", "bin", "plan-portal.js");
const fixtures = path.join(here, "fixtures", "cli");

function run(args: string[], cwd = fixtures) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("plan-portal check", () => {
  it("prints ESLint-style findings and exits 1 when errors remain", () => {
    const { code, stdout, stderr } = run(["check", "specs", "--today", "2026-11-25"]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toMatchInlineSnapshot(`
      "specs/002-rough-plan/plan.md
        1:1    warning  There is no spec.md beside this plan.                                          missing-spec
        3:65   warning  Link "spec.md" points at ./spec.md, which does not exist.                      broken-link
        12:27  error    Template placeholder left in the plan: [e.g., FastAPI, Express]                placeholder
        12:27  warning  Technical Context "Primary Dependencies" is still the template's placeholder.  technical-context
        14:14  warning  Open clarification: NEEDS CLARIFICATION                                        needs-clarification
        27:5   warning  Link "the layout" points at ./layout.md, which does not exist.                 broken-link

      ✖ 6 problems (1 error, 5 warnings)
      2 plans: 1 ready, 0 draft, 1 needs clarification, 0 blocked
      "
    `);
  });

  it("defaults to ./specs and exits 0 when only warnings remain", () => {
    const { code, stdout } = run([
      "check",
      "--rule",
      "placeholder=warning",
      "--today",
      "2026-11-25",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("✖ 6 problems (0 errors, 6 warnings)");
  });

  it("exits 1 when warnings exceed --max-warnings", () => {
    const { code, stdout } = run([
      "check",
      "specs",
      "--rule",
      "placeholder=off",
      "--max-warnings",
      "2",
      "--today",
      "2026-11-25",
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain("Too many warnings (5, max 2).");
  });

  it("prints nothing but the summary for clean plans", () => {
    const { code, stdout } = run(["check", "specs/001-clean-plan", "--today", "2026-11-25"]);
    expect(code).toBe(0);
    expect(stdout).toBe("1 plan: 1 ready, 0 draft, 0 needs clarification, 0 blocked\n");
  });

  it("writes the stable JSON contract with paths relative to the current directory", () => {
    const { code, stdout } = run(["check", "specs", "--format", "json", "--today", "2026-11-25"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(["version", "root", "summary", "plans", "notices"]);
    expect(report.version).toBe(1);
    expect(report.root).toBe("specs");
    expect(report.summary).toEqual({
      plans: 2,
      errors: 1,
      warnings: 5,
      byStatus: { ready: 1, draft: 0, "needs-clarification": 1, blocked: 0 },
    });
    const rough = report.plans.find((p: { id: string }) => p.id === "002-rough-plan");
    expect(rough).toMatchObject({
      path: "specs/002-rough-plan/plan.md",
      title: "Rough plan",
      status: "needs-clarification",
      template: "spec-kit",
      progress: null,
      needsClarification: [{ text: "NEEDS CLARIFICATION", line: 14, column: 14 }],
    });
    expect(rough.findings[2]).toEqual({
      ruleId: "placeholder",
      severity: "error",
      message: "Template placeholder left in the plan: [e.g., FastAPI, Express]",
      hint: "Replace the example with the real value for this feature.",
      line: 12,
      column: 27,
      endLine: 12,
      endColumn: 51,
    });
  });

  it("resolves paths against the current directory when run from elsewhere", () => {
    const { stdout } = run(["check", path.join(fixtures, "specs"), "--format", "json"], here);
    expect(JSON.parse(stdout).plans[0].path).toBe("fixtures/cli/specs/001-clean-plan/plan.md");
  });

  it("writes SARIF 2.1.0 with every rule described", () => {
    const { stdout } = run(["check", "specs", "--format", "sarif", "--today", "2026-11-25"]);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe("2.1.0");
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe("plan-portal");
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toContain("placeholder");
    const placeholder = run0.results.find((r: { ruleId: string }) => r.ruleId === "placeholder");
    expect(placeholder.level).toBe("error");
    expect(placeholder.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "specs/002-rough-plan/plan.md", uriBaseId: "%SRCROOT%" },
      region: { startLine: 12, startColumn: 27, endLine: 12, endColumn: 51 },
    });
  });

  it.each([
    [["check", "nowhere"], 'plan-portal: No folder "nowhere"'],
    [
      ["check", "specs", "--format", "xml"],
      'plan-portal: Unknown format "xml".\n  Hint: Use --format stylish, json, sarif or markdown.\n',
    ],
    [
      ["check", "specs", "--rule", "placeholdr=off"],
      'plan-portal: Unknown rule "placeholdr". Did you mean "placeholder"?',
    ],
    [
      ["check", "specs", "--rule", "placeholder"],
      'plan-portal: --rule takes id=level, not "placeholder".',
    ],
    [["check", "specs", "--today", "tomorrow"], "plan-portal: --today takes a date as YYYY-MM-DD"],
    [
      ["build", "specs", "--today", "2026-13-45", "--out", "never-written"],
      'plan-portal: --today takes a date as YYYY-MM-DD, not "2026-13-45".',
    ],
    [["check", "specs", "--bogus"], "plan-portal: Unknown option '--bogus'"],
    [["frobnicate"], 'plan-portal: Unknown command "frobnicate".'],
  ])("exits 2 with a message and a hint for %j", (args, message) => {
    const { code, stdout, stderr } = run(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).toContain("Hint:");
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
