import {
  DEPENDENCY_STATUSES,
  DEPENDENCY_STATUS_LABELS,
  dependencyStatusOf,
} from "../../vocabulary.ts";
import type { PlanRule } from "../types.ts";

/** "In Progress, Blocked or Done" */
const ALLOWED = DEPENDENCY_STATUSES.map((s) => DEPENDENCY_STATUS_LABELS[s])
  .join(", ")
  .replace(/, ([^,]*)$/, " or $1");

export default {
  id: "dependency-status",
  description: `Each dependency or blocker has status ${ALLOWED}.`,
  severity: "warning",
  applies: ({ plan }) => plan.dependencies.length > 0,
  check({ plan }, report) {
    for (const d of plan.dependencies) {
      if (dependencyStatusOf(d.status) !== null) continue;
      report({
        message: d.status
          ? `Dependency "${d.text}" has status "${d.status}", not ${ALLOWED}.`
          : `Dependency "${d.text}" has no status.`,
        hint: `Use ${ALLOWED} so the blockers board can show it.`,
        line: d.line,
        column: d.statusColumn,
      });
    }
  },
} satisfies PlanRule;
