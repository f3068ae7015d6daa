import type { RiskMatrix } from "../aggregate/index.ts";
import { ownerOf } from "./owners.ts";

/**
 * Every rated risk as the matrix's filters count it: the cell, and indexes into shared lists of
 * plans (`id title`, lower-case, and status) and owner keys; a few bytes a risk.
 */
export function compactRisks(matrix: RiskMatrix): {
  cells: string[];
  plans: [text: string, status: string][];
  owners: string[];
  risks: [cell: number, plan: number, owner: number][];
} {
  const cells: string[] = [];
  const plans = new Map<string, number>();
  const planList: [string, string][] = [];
  const owners = new Map<string, number>();
  const risks: [number, number, number][] = [];
  for (const p of matrix.probabilities) {
    for (const i of matrix.impacts) {
      const cell = cells.push(`${p}-${i}`) - 1;
      for (const r of matrix.cells[p][i]) {
        if (!plans.has(r.planId)) {
          plans.set(r.planId, planList.length);
          planList.push([`${r.planId} ${r.planTitle}`.toLowerCase(), r.status]);
        }
        const key = ownerOf(r.owner)?.key ?? "";
        if (!owners.has(key)) owners.set(key, owners.size);
        risks.push([cell, plans.get(r.planId)!, owners.get(key)!]);
      }
    }
  }
  return { cells, plans: planList, owners: [...owners.keys()], risks };
}
