import type { PortalModel } from "./store.ts";

/**
 * The repository a plan comes from, in a portal over several repositories (`sources`): what a
 * dashboard row, a catalog cell or a CSV row names beside the plan. Undefined with one repository,
 * where it would only repeat itself.
 */
export function repositoryOf(
  portal: Pick<PortalModel, "aggregates" | "byId">,
  planId: string,
): string | undefined {
  if (portal.aggregates.repositories.length < 2) return undefined;
  return portal.byId.get(planId)?.checked.plan.repository?.name;
}
