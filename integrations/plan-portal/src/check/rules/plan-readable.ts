import type { PlanRule } from "../types.ts";

export default {
  id: "plan-readable",
  description: "plan.md can be read: not empty, not binary, valid UTF-8, readable by the user.",
  severity: "error",
  // It reports the read problems themselves, so it runs where text rules have nothing to read.
  reads: "file",
  check({ plan }, report) {
    for (const p of plan.problems)
      report({ message: p.message, hint: p.hint, line: p.line, column: p.column });
  },
} satisfies PlanRule;
