import type { ImpactLevel, Level, RiskMatrix, RiskRow } from "../aggregate/index.ts";

/** How bad a cell of the matrix is: likelihood × impact, as a level people read. */
export type RiskSeverity = "low" | "medium" | "high" | "critical";

export const SEVERITY_LABELS: Record<RiskSeverity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

const LIKELIHOOD_WEIGHT: Record<Level, number> = { low: 1, medium: 2, high: 3 };
const IMPACT_WEIGHT: Record<ImpactLevel, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/**
 * Likelihood × impact on 1–3 × 1–4: 1–2 low, 3–4 medium, 6 high, 8 and more critical. So Low ×
 * Critical (4) is medium, never as calm as Low × Low (1); High × High (9) is critical.
 */
export function riskSeverity(probability: Level, impact: ImpactLevel): RiskSeverity {
  const score = LIKELIHOOD_WEIGHT[probability] * IMPACT_WEIGHT[impact];
  return score >= 8 ? "critical" : score >= 6 ? "high" : score >= 3 ? "medium" : "low";
}

/** Risks a matrix cell lists itself; the rest are on the cell's own page. */
export const CELL_PREVIEW = 8;

/** One cell of the matrix, or the risks off the scale: what its page lists. */
export interface RiskCell {
  /** URL segment below risks/: `high-critical`, or `unrated`. */
  key: string;
  label: string;
  severity: RiskSeverity | null;
  risks: RiskRow[];
}

/** Every non-empty cell, and the unrated risks when there are any. */
export function riskCells(matrix: RiskMatrix): RiskCell[] {
  const cells: RiskCell[] = [];
  for (const p of matrix.probabilities) {
    for (const i of matrix.impacts) {
      const risks = matrix.cells[p][i];
      if (risks.length === 0) continue;
      cells.push({
        key: `${p}-${i}`,
        label: `${SEVERITY_LABELS[p]} probability × ${SEVERITY_LABELS[i]} impact`,
        severity: riskSeverity(p, i),
        risks,
      });
    }
  }
  if (matrix.unrated.length > 0)
    cells.push({ key: "unrated", label: "Off the scale", severity: null, risks: matrix.unrated });
  return cells;
}
