import { describe, expect, it } from "vitest";
import { toJsonReport } from "../src/contract/json.ts";
import { formatStylish } from "../src/cli/format/stylish.ts";
import { runPipeline } from "../src/pipeline.ts";
import { parseSpec } from "../src/parse/spec.ts";
import { TODAY, check, plan } from "./helpers/plans.ts";

/** The CLI summary's coverage line (issue 17); numbers counted by hand from the fixtures. */

const SPECLESS = parseSpec("# Feature Specification: Demo\n", "spec.md");

const stylish = (plans: Parameters<typeof toJsonReport>[1]): string =>
  formatStylish(
    toJsonReport("specs", plans, [], (p) => p, TODAY),
    { color: false },
  );

describe("stylish coverage line", () => {
  it("is absent when no feature has spec.md or tasks.md", () => {
    const out = stylish(
      check([plan({ folder: "001-demo", text: "# Implementation Plan: Demo\n" })]),
    );
    expect(out).not.toContain("coverage");
  });

  it("is absent when spec.md has no requirement or story and there is no tasks.md", () => {
    const p = plan({ folder: "001-demo", text: "# Implementation Plan: Demo\n" });
    const bare = {
      ...p,
      feature: { ...p.feature, spec: { ...SPECLESS, path: "specs/001-demo/spec.md" } },
    };
    expect(stylish(check([bare]))).not.toContain("coverage");
  });

  it("sums the features that have spec.md or tasks.md", async () => {
    // uncovered-requirement/fail-requirement-no-task-cites: 6 of 8 FR/SC ids cited, 1 of 1 story,
    // 3 of 3 tasks (see json-contract.test.ts); the plan-only feature adds nothing.
    const root = new URL(
      "./fixtures/rules/uncovered-requirement/fail-requirement-no-task-cites/",
      import.meta.url,
    ).pathname;
    const { plans } = await runPipeline({ roots: [root], cwd: root, today: TODAY });
    const alone = check([plan({ folder: "002-demo", text: "# Implementation Plan: Demo\n" })]);
    const lines = stylish([...plans, ...alone])
      .trimEnd()
      .split("\n");
    expect(lines.at(-1)).toBe(
      "coverage (1 feature): requirements 6/8 cited, stories 1/1 with tasks, tasks 3/3 mapped",
    );
  });
});
