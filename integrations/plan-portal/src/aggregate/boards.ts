import type { CheckedPlan } from "../check/index.ts";
import { parseDate } from "../check/dates.ts";
import { impactOf, levelOf } from "../check/risk-levels.ts";
import { dependencyStatusOf, IMPACT_LEVELS, RISK_LEVELS } from "../vocabulary.ts";
import { ref } from "./ref.ts";
import type {
  DependencyColumn,
  DependencyRow,
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

/** The blockers board: dependencies by status, each column by due date (undated last). */
export function dependencyBoard(plans: CheckedPlan[]): Record<DependencyColumn, DependencyRow[]> {
  const board: Record<DependencyColumn, DependencyRow[]> = {
    blocked: [],
    "in-progress": [],
    done: [],
    other: [],
  };
  for (const c of plans) {
    for (const d of c.plan.dependencies) {
      const column: DependencyColumn = dependencyStatusOf(d.status) ?? "other";
      board[column].push({
        ...ref(c, d.line),
        text: d.text,
        owner: d.owner,
        due: parseDate(d.dueDate),
        dueText: d.dueDate,
        dependencyStatus: d.status,
      });
    }
  }
  for (const list of Object.values(board))
    list.sort((a, b) => (a.due ?? "9999").localeCompare(b.due ?? "9999"));
  return board;
}
