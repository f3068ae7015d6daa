import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";

/** The composite GitHub Action at the repository root (issue 20): its shape, and no script injection. */
const file = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "action.yml",
);

interface Step {
  name: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const action = yaml.load(readFileSync(file, "utf8")) as {
  name: string;
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
};

describe("action.yml", () => {
  it("is a composite action that checks the changed plans, uploads SARIF and writes the summary", () => {
    expect(action.runs.using).toBe("composite");
    const steps = action.runs.steps;
    const script = steps.map((s) => s.run ?? "").join("\n");
    expect(script).toContain('--changed-since "$PP_BASE"');
    expect(script).toContain("--format sarif > plan-portal.sarif");
    expect(script).toContain('--format markdown >> "$GITHUB_STEP_SUMMARY"');
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.["sarif_file"]).toBe("plan-portal.sarif");
    expect(action.inputs["base-ref"]?.default).toBe("${{ github.event.pull_request.base.sha }}");
  });

  it("passes inputs to scripts through the environment only (a run script never expands ${{ }})", () => {
    for (const step of action.runs.steps.filter((s) => s.run)) {
      expect(step.run, step.name).not.toMatch(/\$\{\{/);
      expect(step.shell, step.name).toBe("bash");
    }
  });
});
