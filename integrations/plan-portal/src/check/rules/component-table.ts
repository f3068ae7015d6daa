import type { PlanRule } from "../types.ts";

export default {
  id: "component-table",
  description: "Each Component Responsibilities row has a Phase in P1–P4 and a Location.",
  severity: "warning",
  applies: ({ plan }) => plan.components.length > 0,
  check({ plan, profile }, report) {
    // A template without phases (plain Spec Kit, or a repository's own without P1–P4) asks none.
    const phased = profile.phases;
    for (const c of plan.components) {
      const name = c.name || "(unnamed)";
      const phase = c.phase.trim();
      if (phased && !/^P[1-4]\b/i.test(phase) && !/^(existing|n\/a|-)$/i.test(phase)) {
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
