import type { PlanRule } from "../types.ts";

export default {
  id: "constitution-gate",
  description: "A failing Constitution Check gate is justified in Complexity Tracking.",
  severity: "warning",
  applies: ({ plan }) => plan.gates.length > 0,
  check({ plan }, report) {
    if (
      plan.complexity.some((row) => Object.values(row.cells).some((v) => v && !/^\[.*\]$/.test(v)))
    )
      return;
    for (const gate of plan.gates) {
      if (gate.state !== "fail") continue;
      report({
        message: `Constitution gate fails and Complexity Tracking does not justify it: ${gate.text.slice(0, 80)}`,
        hint: "Fix the design, or add a Complexity Tracking row saying why the violation is needed.",
        line: gate.line,
        column: gate.column,
      });
    }
  },
} satisfies PlanRule;
