/**
 * The words every stage shares, written once: plan statuses, dependency statuses, severities,
 * diagram modes, risk levels and the portal's dashboards. Types are derived from the arrays, and the zod schemas in
 * options.ts are built from them, so adding a word here adds it everywhere. This module imports
 * nothing, so any stage (parse, check, aggregate, render, cli) may import it.
 */

/** Derived plan statuses, in the order dashboards and `byStatus` list them. */
export const PLAN_STATUSES = ["ready", "draft", "needs-clarification", "blocked"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** How each plan status reads, on badges, filters and in directive output alike. */
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  ready: "Ready",
  draft: "Draft",
  "needs-clarification": "Needs clarification",
  blocked: "Blocked",
};

/** `{ ready: 0, draft: 0, "needs-clarification": 0, blocked: 0 }`, a fresh object each call. */
export function emptyStatusCounts(): Record<PlanStatus, number> {
  return Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<PlanStatus, number>;
}

/** What a dependency or blocker may say in its Status cell (`dependency-status`). */
export const DEPENDENCY_STATUSES = ["in-progress", "blocked", "done"] as const;
export type DependencyStatus = (typeof DEPENDENCY_STATUSES)[number];

/** How each dependency status is written in plans and messages. */
export const DEPENDENCY_STATUS_LABELS: Record<DependencyStatus, string> = {
  "in-progress": "In Progress",
  blocked: "Blocked",
  done: "Done",
};

/** The status word without emoji, emphasis or a trailing note: "🚫 **Blocked** (waiting on DPA)" → "Blocked". */
export function cleanStatus(status: string): string {
  return status
    .replace(/[\p{Extended_Pictographic}\uFE0F*_]/gu, "")
    .replace(/\s*[(（].*[)）]\s*$/, "")
    .replace(/\s+[—–-]\s.*$/, "")
    .trim();
}

/** The dependency status a cell states (case-insensitive; `In-Progress`, `InProgress` too), or null. */
export function dependencyStatusOf(status: string): DependencyStatus | null {
  const word = cleanStatus(status).toLowerCase();
  if (/^in[ -]?progress$/.test(word)) return "in-progress";
  return word === "blocked" || word === "done" ? word : null;
}

/** Severities a finding can have, most severe first. */
export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What users may set a rule to (`rules` option, `--rule id=level`). */
export const SEVERITY_SETTINGS = ["off", "info", "warning", "error"] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/** How mermaid diagrams are drawn: `auto` renders SVG at build when Chromium is found, else in the browser. */
export const DIAGRAM_MODES = ["auto", "svg", "client", "off"] as const;
export type DiagramMode = (typeof DIAGRAM_MODES)[number];

/** Risk probability levels, lowest first (the risk matrix lists them highest first). */
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type Level = (typeof RISK_LEVELS)[number];

/** Risk impact levels, lowest first: the risk levels plus `critical`. */
export const IMPACT_LEVELS = [...RISK_LEVELS, "critical"] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];

/**
 * The portal's dashboards in the order its header lists them, by path below the portal's base
 * (`""` is the plan index). Render links them; search indexes them apart from the plan pages.
 */
export const PORTAL_DASHBOARDS = [
  { path: "", label: "Plans" },
  { path: "questions", label: "Open questions" },
  { path: "risks", label: "Risks" },
  { path: "dependencies", label: "Blockers" },
  { path: "pipeline", label: "Pipeline" },
  { path: "health", label: "Health" },
  { path: "catalog", label: "Catalog" },
  { path: "graph", label: "Graph" },
] as const;
