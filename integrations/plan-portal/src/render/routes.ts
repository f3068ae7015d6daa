import { PORTAL_DASHBOARDS } from "../vocabulary.ts";

/** Pages the integration injects, below the portal's base route. */
export const ROUTES = [
  { pattern: "", page: "index.astro" },
  { pattern: "/questions", page: "questions.astro" },
  { pattern: "/risks", page: "risks.astro" },
  { pattern: "/dependencies", page: "dependencies.astro" },
  { pattern: "/health", page: "health.astro" },
  { pattern: "/catalog", page: "catalog.astro" },
  { pattern: "/graph", page: "graph.astro" },
  { pattern: "/plans.json", page: "plans.json", module: true },
  { pattern: "/[...slug]", page: "plan.astro" },
] as const;

/** Navigation of the portal header: the dashboards (the plan pages are reached from the index). */
export const NAV = PORTAL_DASHBOARDS;
