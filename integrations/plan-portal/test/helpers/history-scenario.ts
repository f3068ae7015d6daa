import { TestRepo } from "./git-repo.ts";

/**
 * A repository with a known history, for the history tests and the build test: two plans, a
 * question answered, a marker added, a folder renamed on a branch and merged, code changed after
 * the plan. Ages against 2026-03-21: Q1 70 days, the plan's marker 48, spec.md's marker 70.
 */
export const HISTORY_TODAY = "2026-03-21";

export const PLAN_V1 = `# Implementation Plan: Export

**Branch**: \`001-export\` | **Date**: 2026-01-10 | **Spec**: [spec.md](spec.md)

## Summary

Export orders as CSV.

## Open Questions

1. **Q1**: Do accountants need VAT split per line?
    - **Owner**: Finance
    - **Deadline**: 2026-03-01
    - **Impact**: CSV columns

2. **Q2**: Should exports include refunds?
    - **Owner**: Product
    - **Deadline**: 2026-04-01
    - **Impact**: Totals
`;

const PLAN_V2 = PLAN_V1.replace(
  "Export orders as CSV.",
  "Export orders as CSV.\n\nCurrencies: [NEEDS CLARIFICATION: which currencies?]",
).replace("2. **Q2**: Should", "2. **Q2** (resolved): Should");

const SPEC = `# Feature Specification: Export

## Requirements

- **FR-001**: System MUST export orders. [NEEDS CLARIFICATION: which format besides CSV?]
`;

const TASKS = `# Tasks: Export

- [ ] T001 Write the exporter in \`src/export.ts\` (FR-001)
- [x] T002 Add a test for FR-001
`;

export const IMPORTS = `# Implementation Plan: Imports

**Branch**: \`002-imports\` | **Date**: 2026-01-10

## Summary

Import orders.
`;

/** Commits the scenario into `repo`; returns each commit's hash by name (c1, c2, c3, c6). */
export function commitScenario(repo: TestRepo): Record<string, string> {
  const hashes: Record<string, string> = {};
  repo.write("specs/001-export/plan.md", PLAN_V1);
  repo.write("specs/001-export/spec.md", SPEC);
  repo.write("specs/001-export/tasks.md", TASKS);
  repo.write("specs/002-old-name/plan.md", IMPORTS);
  repo.write("src/export.ts", "export {};\n");
  hashes.c1 = repo.commit("Add export and import plans", "2026-01-10");
  repo.write("specs/001-export/plan.md", PLAN_V2);
  hashes.c2 = repo.commit("Answer Q2, ask about currencies", "2026-02-01");
  repo.git(["checkout", "-q", "-b", "rename"]);
  repo.move("specs/002-old-name", "specs/002-imports");
  hashes.c3 = repo.commit("Rename 002 to imports", "2026-02-05");
  repo.git(["checkout", "-q", "main"]);
  repo.write("README.md", "# Shop\n");
  repo.commit("Add a readme", "2026-02-07");
  repo.git(["merge", "-q", "--no-ff", "-m", "Merge rename", "rename"], "2026-02-10T12:00:00Z");
  repo.write("src/export.ts", "export const csv = true;\n");
  hashes.c6 = repo.commit("Change the exporter", "2026-03-01");
  return hashes;
}
