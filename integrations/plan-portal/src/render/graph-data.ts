import path from "node:path";
import type { PortalAggregates } from "../aggregate/index.ts";
import { PLAN_STATUSES, PLAN_STATUS_LABELS, type PlanStatus } from "../vocabulary.ts";
import { href, type UrlSettings } from "./url.ts";

/*
 * The plan graph page draws the stated dependencies (aggregate/graph.ts) in the browser
 * (client/plan-graph.js) from graph.json: at 1,000 generated plans a mermaid drawing exceeded
 * mermaid's text and edge limits and took dagre tens of seconds, and an SVG drawn at build time
 * would weigh more than the page's HTML budget. The page's table lists every dependency for
 * readers without JavaScript, GRAPH_PAGE_SIZE plans a server page (at 1,000 plans one table
 * weighed 550 KB).
 */

/** One plan as the page and its script see it. */
export interface GraphPlan {
  id: string;
  title: string;
  status: PlanStatus;
  /** The folder holding the plan's folder (`specs`, `apps/web/specs`): the folder filter. */
  folder: string;
  href: string;
  dependsOn: string[];
  neededBy: string[];
}

/** What graph.json holds: plans as `[id, title, status index, folder index, href]`, edges as index pairs. */
export interface CompactGraph {
  statuses: { value: PlanStatus; label: string }[];
  folders: string[];
  plans: [string, string, number, number, string][];
  /** `[a, b]`: plan a states it depends on plan b. */
  edges: [number, number][];
}

interface PlanInput {
  id: string;
  title: string;
  status: PlanStatus;
  /** plan.md's path relative to the project. */
  repoPath: string;
}

/** `specs` for `specs/003-checkout/plan.md`; `.` for a plan folder at the project's root. */
export function folderOfPlan(repoPath: string): string {
  return path.posix.dirname(path.posix.dirname(repoPath));
}

/** Every plan with its stated dependencies both ways, in the portal's plan order. */
export function graphPlans(
  settings: UrlSettings,
  plans: readonly PlanInput[],
  graph: PortalAggregates["graph"],
): GraphPlan[] {
  return plans.map((p) => ({
    id: p.id,
    title: p.title,
    status: p.status,
    folder: folderOfPlan(p.repoPath),
    href: href(settings, p.id),
    dependsOn: graph.dependsOn[p.id] ?? [],
    neededBy: graph.neededBy[p.id] ?? [],
  }));
}

/** The portal's plans for the graph page, and those that state or have a dependency. */
export function portalGraph(portal: {
  settings: UrlSettings;
  plans: readonly {
    id: string;
    repoPath: string;
    checked: { status: PlanStatus; plan: { title: string } };
  }[];
  aggregates: Pick<PortalAggregates, "graph">;
}): { plans: GraphPlan[]; connected: GraphPlan[] } {
  const input = portal.plans.map((p) => ({
    id: p.id,
    title: p.checked.plan.title,
    status: p.checked.status,
    repoPath: p.repoPath,
  }));
  const plans = graphPlans(portal.settings, input, portal.aggregates.graph);
  return { plans, connected: plans.filter((p) => p.dependsOn.length + p.neededBy.length > 0) };
}

/** graph.json's body. */
export function compactGraph(plans: readonly GraphPlan[]): CompactGraph {
  const folders = [...new Set(plans.map((p) => p.folder))].sort();
  const index = new Map(plans.map((p, i) => [p.id, i]));
  return {
    statuses: PLAN_STATUSES.map((value) => ({ value, label: PLAN_STATUS_LABELS[value] })),
    folders,
    plans: plans.map((p) => [
      p.id,
      p.title,
      PLAN_STATUSES.indexOf(p.status),
      folders.indexOf(p.folder),
      p.href,
    ]),
    edges: plans.flatMap((p, i) =>
      p.dependsOn.flatMap((to) => (index.has(to) ? [[i, index.get(to)!] as [number, number]] : [])),
    ),
  };
}

/** Rows of the graph page's table a server page (the drawing is on the first). */
export const GRAPH_PAGE_SIZE = 200;

/** URL of page `n` of the graph's table (page 1 is the graph page itself). */
export function graphPageHref(settings: UrlSettings, n: number): string {
  return n === 1 ? href(settings, "graph") : href(settings, "graph", "page", String(n));
}

/** The table row of a plan on the graph page. */
export function graphRowId(planId: string): string {
  return `graph-${planId}`;
}

/** The graph page focused on one plan and its direct dependencies and dependents. */
export function graphFocusHref(settings: UrlSettings, planId: string): string {
  return `${href(settings, "graph")}?focus=${encodeURIComponent(planId)}`;
}
