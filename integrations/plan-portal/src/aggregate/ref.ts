import type { CheckedPlan } from "../check/index.ts";
import { sectionAt } from "../parse/sections.ts";
import type { PlanRef } from "./types.ts";

/** Where a dashboard row points: the plan, and the section and line of the item. */
export function ref(c: CheckedPlan, line: number): PlanRef {
  return {
    planId: c.plan.id,
    planTitle: c.plan.title,
    status: c.status,
    section: sectionAt(c.plan.sections, line)?.slug ?? "",
    line,
    ...(c.plan.repository ? { repository: c.plan.repository.name } : {}),
  };
}
