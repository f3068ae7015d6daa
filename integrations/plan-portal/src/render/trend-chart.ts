import type { TrendPoint } from "../trend/index.ts";

/** One line of the trend chart: what it counts, how it is drawn (class: colour and dash). */
export interface TrendSeries {
  key: string;
  label: string;
  value: (p: TrendPoint) => number;
}

export const TREND_SERIES: TrendSeries[] = [
  { key: "questions", label: "Open questions", value: (p) => p.openQuestions },
  { key: "overdue", label: "Overdue questions", value: (p) => p.overdueQuestions },
  { key: "errors", label: "Errors", value: (p) => p.findings.errors },
  { key: "warnings", label: "Warnings", value: (p) => p.findings.warnings },
];

export interface TrendGeometry {
  width: number;
  height: number;
  /** Plot area inside the axes. */
  left: number;
  top: number;
  right: number;
  bottom: number;
  max: number;
  lines: { key: string; label: string; points: string; last: { x: number; y: number } }[];
  /** Y-axis ticks (0, half, max). */
  ticks: { y: number; value: number }[];
}

/**
 * The chart's geometry, computed at build (no client script): points spaced evenly by sample, y
 * scaled to the largest value of any series (at least 1), rounded to one decimal.
 */
export function trendGeometry(points: TrendPoint[], width = 640, height = 220): TrendGeometry {
  const [left, top, right, bottom] = [36, 12, width - 12, height - 28];
  const max = Math.max(1, ...points.flatMap((p) => TREND_SERIES.map((s) => s.value(p))));
  const round = (n: number) => Math.round(n * 10) / 10;
  const x = (i: number) =>
    round(
      points.length < 2 ? (left + right) / 2 : left + ((right - left) * i) / (points.length - 1),
    );
  const y = (v: number) => round(bottom - ((bottom - top) * v) / max);
  const lines = TREND_SERIES.map((s) => {
    const coords = points.map((p, i) => ({ x: x(i), y: y(s.value(p)) }));
    return {
      key: s.key,
      label: s.label,
      points: coords.map((c) => `${c.x},${c.y}`).join(" "),
      last: coords.at(-1) ?? { x: left, y: bottom },
    };
  });
  const half = Math.round(max / 2);
  const ticks = [0, ...(half > 0 && half < max ? [half] : []), max].map((v) => ({
    y: y(v),
    value: v,
  }));
  return { width, height, left, top, right, bottom, max, lines, ticks };
}
