import type { PlanRule } from "../types.ts";

export default {
  id: "component-table",
  description: "Each Component Responsibilities row has a Phase in P1–P4 and a Location.",
  severity: "warning",
  applies: ({ plan }) => plan.components.length > 0,
  check({ plan }, report) {
    for (const c of plan.components) {
      const name = c.name || "(unnamed)";
      if (!/^P[1-4]\b/i.test(c.phase.trim()) && !/^(existing|n\/a|-)$/i.test(c.phase.trim())) {
        report({
          message: c.phase
            ? `Component "${name}" has phase "${c.phase}", not one of P1–P4.`
            : `Component "${name}" has no phase.`,
          hint: "Use P1 (MVP), P2, P3 or P4 (future), matching the diagram's colours.",
          line: c.line,
          column: c.phaseColumn,
        });
      }
      if (c.location.trim() === "" || /^\[.*\]$|^(tbd|todo|\?)$/i.test(c.location.trim())) {
        report({
          message: `Component "${name}" has no location.`,
          hint: "Give the path it lives in, e.g. services/checkout/src/.",
          line: c.line,
          column: c.column,
        });
      }
    }
  },
} satisfies PlanRule;
