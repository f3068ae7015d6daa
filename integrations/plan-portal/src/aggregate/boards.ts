import type { CheckedPlan } from "../check/index.ts";
import { parseDate } from "../check/dates.ts";
import { impactOf, levelOf } from "../check/risk-levels.ts";
import { dependencyStatusOf, IMPACT_LEVELS, RISK_LEVELS } from "../vocabulary.ts";
import { ref } from "./ref.ts";
import type {
  DependencyColumn,
  DependencyRow,
  GraphEdge,
  ImpactLevel,
  Level,
  RiskMatrix,
  RiskRow,
} from "./types.ts";

/** Every risk in its probability × impact cell; risks off the scale are listed as unrated. */
export function riskMatrix(plans: CheckedPlan[]): RiskMatrix {
  // Rows from the most probable down, columns from the smallest impact across.
  const probabilities: Level[] = [...RISK_LEVELS].reverse();
  const impacts: ImpactLevel[] = [...IMPACT_LEVELS];
  const cells = Object.fromEntries(
    probabilities.map((p) => [p, Object.fromEntries(impacts.map((i) => [i, [] as RiskRow[]]))]),
  ) as RiskMatrix["cells"];
  const unrated: RiskRow[] = [];
  for (const c of plans) {
    for (const r of c.plan.risks) {
      const row: RiskRow = {
        ...ref(c, r.line),
        text: r.text,
        probability: r.probability,
        impact: r.impact,
        owner: r.owner,
        mitigation: r.mitigation,
      };
      const p = levelOf(r.probability);
      const i = impactOf(r.impact);
      if (p && i) cells[p][i].push(row);
      else unrated.push(row);
    }
  }
  return { probabilities, impacts, cells, unrated };
}

/** The plan each line of a plan names (the reference graph's edges), by `planId:line`. */
function namedAt(
  plans: CheckedPlan[],
  edges: readonly GraphEdge[],
): Map<string, NonNullable<DependencyRow["waitsOn"]>> {
  const byId = new Map(plans.map((c) => [c.plan.id, c]));
  const named = new Map<string, NonNullable<DependencyRow["waitsOn"]>>();
  for (const e of edges) {
    const to = byId.get(e.to);
    if (!to) continue;
    const { section: _section, line: _line, ...target } = ref(to, 0);
    for (const line of e.lines)
      if (!named.has(`${e.from}:${line}`)) named.set(`${e.from}:${line}`, target);
  }
  return named;
}

/**
 * The blockers board: dependencies by status, each column by due date (undated last). `today`
 * (YYYY-MM-DD) decides which are overdue: past their due date and not done. A dependency whose
 * line names another plan (`edges`, the reference graph: `shop:003-checkout-flow`) links to it.
 */
export function dependencyBoard(
  plans: CheckedPlan[],
  today: string,
  edges: readonly GraphEdge[] = [],
): Record<DependencyColumn, DependencyRow[]> {
  const named = namedAt(plans, edges);
  const board: Record<DependencyColumn, DependencyRow[]> = {
    blocked: [],
    "in-progress": [],
    done: [],
    other: [],
  };
  for (const c of plans) {
    for (const d of c.plan.dependencies) {
      const column: DependencyColumn = dependencyStatusOf(d.status) ?? "other";
      const due = parseDate(d.dueDate);
      board[column].push({
        ...ref(c, d.line),
        text: d.text,
        owner: d.owner,
        due,
        overdue: due !== null && due < today && column !== "done",
        dueText: d.dueDate,
        dependencyStatus: d.status,
        ...(named.has(`${c.plan.id}:${d.line}`)
          ? { waitsOn: named.get(`${c.plan.id}:${d.line}`)! }
          : {}),
      });
    }
  }
  for (const list of Object.values(board))
    list.sort((a, b) => (a.due ?? "9999").localeCompare(b.due ?? "9999"));
  return board;
}
