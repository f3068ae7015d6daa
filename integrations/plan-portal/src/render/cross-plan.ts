import type { PortalAggregates } from "../aggregate/index.ts";
import type { CheckedPlan } from "../check/index.ts";
import type { PlanStatus } from "../vocabulary.ts";

/** Mermaid labels: quoted, with characters mermaid would read as syntax replaced. */
function label(text: string): string {
  return `"${text
    .replace(/["\n\r]/g, " ")
    .replace(/[<>]/g, "")
    .replace(/#/g, "#35;")
    .slice(0, 60)}"`;
}

/** The mermaid class a plan node gets for each status (mermaid class names stay short). */
const STATUS_CLASS: Record<PlanStatus, string> = {
  ready: "ready",
  draft: "draft",
  "needs-clarification": "clarify",
  blocked: "blocked",
};
const CLASS_DEFS = [
  "classDef ready fill:#e4f5ea,stroke:#137a3c,color:#0b3d1e",
  "classDef draft fill:#fdf1cc,stroke:#6b4f00,color:#3d2d00",
  "classDef clarify fill:#ffe6d5,stroke:#8a3b00,color:#4a1f00",
  "classDef blocked fill:#fde3e4,stroke:#a1161c,color:#5c0b0e",
  "classDef folder fill:#eef2f7,stroke:#64748b,color:#1f2937",
];

/*
 * Mermaid refuses a diagram longer than its maxTextSize (50,000 characters) or with more than
 * maxEdges (500) arrows, and neither can be raised from the diagram's own text (both are "secure"
 * settings). At 1,000 generated plans the whole graph is 954 plans, 1,490 references and 64,387
 * characters, which drew only "Maximum text size in diagram exceeded"; dagre also takes tens of
 * seconds on a graph that size. So the drawing keeps to a budget: the whole graph when it fits,
 * otherwise the most connected plans and the references among them (the page's table lists every
 * reference either way).
 */
export const GRAPH_BUDGET = { chars: 40_000, edges: 400, nodes: 100 } as const;

/** What the graph diagram shows: all of the reference graph, or its most connected part. */
export interface GraphView {
  /** Mermaid source, or null when no plan references another. */
  source: string | null;
  /** Plans and references drawn. */
  plans: number;
  edges: number;
  /** Plans with a reference, and references, in the whole graph. */
  totalPlans: number;
  totalEdges: number;
}

type Edge = PortalAggregates["graph"]["edges"][number];

/** Plan ids by how many references they take part in (most first, then by id for stable output). */
function byDegree(edges: Edge[]): string[] {
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  return [...degree.keys()].sort(
    (a, b) => degree.get(b)! - degree.get(a)! || (a < b ? -1 : a > b ? 1 : 0),
  );
}

function graphSource(edges: Edge[], plans: CheckedPlan[]): string {
  const ids = new Map<string, string>();
  const node = (id: string) => {
    if (!ids.has(id)) ids.set(id, `p${ids.size}`);
    return ids.get(id)!;
  };
  const byId = new Map(plans.map((c) => [c.plan.id, c]));
  const lines = ["graph LR"];
  for (const e of edges) lines.push(`  ${node(e.from)} --> ${node(e.to)}`);
  for (const [id, n] of ids) {
    const c = byId.get(id);
    lines.push(
      `  ${n}[${label(`${c?.plan.title ?? id}`)}]:::${STATUS_CLASS[c?.status ?? "draft"]}`,
    );
  }
  return [...lines, ...CLASS_DEFS.map((l) => `  ${l}`)].join("\n");
}

/** The reference graph, whole when it fits the budget, else its most connected plans. */
export function graphView(aggregates: PortalAggregates, plans: CheckedPlan[]): GraphView {
  const { edges } = aggregates.graph;
  const ranked = byDegree(edges);
  const totals = { totalPlans: ranked.length, totalEdges: edges.length };
  if (!edges.length) return { source: null, plans: 0, edges: 0, ...totals };
  const fits = (source: string, drawn: Edge[], nodes: number) =>
    source.length <= GRAPH_BUDGET.chars &&
    drawn.length <= GRAPH_BUDGET.edges &&
    nodes <= GRAPH_BUDGET.nodes;
  const whole = graphSource(edges, plans);
  if (fits(whole, edges, ranked.length))
    return { source: whole, plans: ranked.length, edges: edges.length, ...totals };
  // The largest prefix of the ranking whose induced subgraph fits (the sizes grow with the prefix).
  const induced = (n: number) => {
    const keep = new Set(ranked.slice(0, n));
    return edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  };
  let lo = 1;
  let hi = Math.min(ranked.length, GRAPH_BUDGET.nodes);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const drawn = induced(mid);
    if (fits(graphSource(drawn, plans), drawn, mid)) lo = mid;
    else hi = mid - 1;
  }
  const drawn = induced(lo);
  const shown = new Set(drawn.flatMap((e) => [e.from, e.to])).size;
  return { source: graphSource(drawn, plans), plans: shown, edges: drawn.length, ...totals };
}

/** The plans that reference each other, coloured by status; arrows point at what a plan builds on. */
export function graphDiagram(aggregates: PortalAggregates, plans: CheckedPlan[]): string | null {
  return graphView(aggregates, plans).source;
}

/** Folders that more than one plan touches, with the plans touching them. */
export function componentsDiagram(aggregates: PortalAggregates): string | null {
  const shared = aggregates.components.filter((c) => c.plans > 1 && c.key).slice(0, 40);
  if (!shared.length) return null;
  const lines = ["graph LR"];
  const planNodes = new Map<string, string>();
  shared.forEach((entry, f) => {
    lines.push(`  f${f}[${label(entry.key)}]:::folder`);
    for (const item of new Map(entry.items.map((i) => [i.planId, i])).values()) {
      if (!planNodes.has(item.planId)) {
        planNodes.set(item.planId, `p${planNodes.size}`);
        lines.push(
          `  ${planNodes.get(item.planId)}[${label(item.planTitle)}]:::${STATUS_CLASS[item.status]}`,
        );
      }
      lines.push(`  ${planNodes.get(item.planId)} --> f${f}`);
    }
  });
  return [...lines, ...CLASS_DEFS.map((l) => `  ${l}`)].join("\n");
}
