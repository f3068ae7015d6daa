import { PORTAL_DASHBOARDS } from "../vocabulary.ts";

/** Pages the integration injects, below the portal's base route. */
export const ROUTES = [
  { pattern: "", page: "index.astro" },
  { pattern: "/page/[page]", page: "index-page.astro" },
  { pattern: "/plans-index.json", page: "plans-index.json", module: true },
  { pattern: "/owners", page: "owners.astro" },
  { pattern: "/owners/[owner]", page: "owner.astro" },
  { pattern: "/[table].csv", page: "csv", module: true },
  { pattern: "/questions", page: "questions.astro" },
  { pattern: "/risks", page: "risks.astro" },
  { pattern: "/risks/[cell]", page: "risk-cell.astro" },
  { pattern: "/risks-index.json", page: "risks-index.json", module: true },
  { pattern: "/dependencies", page: "dependencies.astro" },
  { pattern: "/pipeline", page: "pipeline.astro" },
  { pattern: "/pipeline/overlaps", page: "pipeline-overlaps.astro" },
  { pattern: "/health", page: "health.astro" },
  { pattern: "/catalog", page: "catalog.astro" },
  { pattern: "/graph", page: "graph.astro" },
  { pattern: "/plans.json", page: "plans.json", module: true },
  { pattern: "/feed.xml", page: "feed.xml", module: true },
  { pattern: "/[...slug]", page: "plan.astro" },
] as const;

/** Navigation of the portal header: the dashboards (the plan pages are reached from the index). */
export const NAV = PORTAL_DASHBOARDS;
