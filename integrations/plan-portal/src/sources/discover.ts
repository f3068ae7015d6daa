import path from "node:path";
import { discoverPlans, type DiscoveredPlan, type Discovery } from "../discover/index.ts";
import type { Plan, PlanRepository } from "../parse/types.ts";
import type { ResolvedSource } from "./resolve.ts";

/** A plan found in one of several repositories: which one, and where it lies inside it. */
export interface SourcedPlan extends DiscoveredPlan {
  repository: PlanRepository;
}

/**
 * Plans of every source. Ids stay unique across repositories: with more than one source each id
 * is prefixed with its repository's name (`shop/003-checkout-flow`); with one, ids are as before.
 */
export function discoverSources(
  sources: readonly ResolvedSource[],
): Discovery & { plans: SourcedPlan[] } {
  const plans: SourcedPlan[] = [];
  const notices: Discovery["notices"] = [];
  for (const source of sources) {
    const found = discoverPlans(source.roots);
    notices.push(...found.notices);
    for (const p of found.plans) {
      const inRepo = path.relative(source.base, p.file).split(path.sep).join("/");
      plans.push({
        ...p,
        id: sources.length > 1 ? `${source.name}/${p.id}` : p.id,
        repository: {
          name: source.name,
          path: inRepo,
          ...(source.editUrl ? { editUrl: source.editUrl } : {}),
        },
      });
    }
  }
  return { plans, notices };
}

/** The parsed plan with the repository it came from (a new value; the parse result is kept). */
export function withRepository(plan: Plan, found: DiscoveredPlan | SourcedPlan): Plan {
  return "repository" in found ? { ...plan, repository: found.repository } : plan;
}
