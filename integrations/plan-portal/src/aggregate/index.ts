import type { CheckedPlan } from "../check/index.ts";
import { TECHNICAL_CONTEXT_LABELS } from "../parse/technical-context.ts";
import type { TechnicalContextKey } from "../parse/types.ts";
import { emptyStatusCounts, type PlanStatus } from "../vocabulary.ts";
import { dependencyBoard, riskMatrix } from "./boards.ts";
import { catalogs, techStackCell } from "./catalogs.ts";
import { referenceGraph } from "./graph.ts";
import {
  clarificationMarkers,
  openQuestions,
  questionsByOwner,
  resolvedMarkers,
} from "./questions.ts";
import type { PortalAggregates, RuleTally } from "./types.ts";

export type * from "./types.ts";
export { normaliseLocation } from "./catalogs.ts";

function statusCounts(plans: CheckedPlan[]): Record<PlanStatus, number> {
  const counts = emptyStatusCounts();
  for (const c of plans) counts[c.status]++;
  return counts;
}

/** The repositories of a portal over several (`sources`), in plan order; none for one repository. */
function repositories(plans: CheckedPlan[]): PortalAggregates["repositories"] {
  const counts = new Map<string, number>();
  for (const c of plans) {
    const name = c.plan.repository?.name;
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts.size > 1 ? [...counts].map(([name, plans]) => ({ name, plans })) : [];
}

/** Findings per rule across the portal, the most frequent first. */
function findingsByRule(plans: CheckedPlan[]): RuleTally[] {
  const rules = new Map<string, Omit<RuleTally, "plans"> & { plans: Set<string> }>();
  for (const c of plans) {
    for (const f of c.findings) {
      const entry = rules.get(f.ruleId) ?? {
        ruleId: f.ruleId,
        severity: f.severity,
        count: 0,
        plans: new Set<string>(),
      };
      entry.count++;
      entry.plans.add(c.plan.id);
      rules.set(f.ruleId, entry);
    }
  }
  return [...rules.values()]
    .map((r) => ({ ...r, plans: [...r.plans] }))
    .sort((a, b) => b.count - a.count);
}

/** Each plan's Technical Context values (filled ones only), one column per field. */
function techStack(plans: CheckedPlan[]): PortalAggregates["techStack"] {
  const fields = (Object.keys(TECHNICAL_CONTEXT_LABELS) as TechnicalContextKey[]).map((key) => ({
    key,
    label: TECHNICAL_CONTEXT_LABELS[key],
  }));
  const rows = plans.map((c) => ({
    planId: c.plan.id,
    planTitle: c.plan.title,
    status: c.status,
    values: Object.fromEntries(c.plan.technicalContext.map((f) => [f.key, techStackCell(f).text])),
    unresolved: c.plan.technicalContext.flatMap((f) =>
      techStackCell(f).unresolved ? [f.key] : [],
    ),
  }));
  return { fields, rows };
}

/** Everything the dashboards show, computed once from the checked plans (pure). */
export function aggregate(plans: CheckedPlan[], today: string): PortalAggregates {
  const questions = openQuestions(plans, today);
  const { components, externalDependencies, endpoints, entities, errorCodes } = catalogs(plans);
  const graph = referenceGraph(plans);
  return {
    statusCounts: statusCounts(plans),
    repositories: repositories(plans),
    questions,
    questionsByOwner: questionsByOwner(questions),
    markers: clarificationMarkers(plans),
    resolvedMarkers: resolvedMarkers(plans),
    risks: riskMatrix(plans),
    dependencies: dependencyBoard(plans, today, graph.edges),
    findingsByRule: findingsByRule(plans),
    components,
    externalDependencies,
    endpoints,
    entities,
    errorCodes,
    techStack: techStack(plans),
    graph,
  };
}
