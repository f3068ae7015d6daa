import { existsSync } from "node:fs";
import path from "node:path";
import { PORTAL_DASHBOARDS } from "../vocabulary.ts";

/** Pages the integration injects, below the portal's base route. */
export const ROUTES = [
  { pattern: "", page: "index.astro" },
  { pattern: "/page/[page]", page: "index-page.astro" },
  { pattern: "/plans-index.json", page: "plans-index.json", module: true },
  { pattern: "/owners", page: "owners.astro" },
  { pattern: "/owners/[owner]", page: "owner.astro" },
  { pattern: "/[table].csv", page: "csv", module: true },
  { pattern: "/questions/[...page]", page: "questions.astro" },
  { pattern: "/risks", page: "risks.astro" },
  { pattern: "/risks/[cell]", page: "risk-cell.astro" },
  { pattern: "/risks-index.json", page: "risks-index.json", module: true },
  { pattern: "/dependencies/[...page]", page: "dependencies.astro" },
  { pattern: "/pipeline", page: "pipeline.astro" },
  { pattern: "/pipeline/overlaps", page: "pipeline-overlaps.astro" },
  { pattern: "/health", page: "health.astro" },
  { pattern: "/health/[rule]/[...page]", page: "rule-findings.astro" },
  { pattern: "/catalog/[...page]", page: "catalog.astro" },
  { pattern: "/graph/[...page]", page: "graph.astro" },
  { pattern: "/graph.json", page: "graph.json", module: true },
  { pattern: "/plans.json", page: "plans.json", module: true },
  { pattern: "/feed.xml", page: "feed.xml", module: true },
  { pattern: "/[...slug]", page: "plan.astro" },
] as const;

/**
 * Navigation of the portal header: the dashboards (the plan pages are reached from the index), and
 * Owners after the boards whose rows it gathers per person.
 */
export const NAV: readonly { path: string; label: string }[] = PORTAL_DASHBOARDS.flatMap((item) =>
  item.path === "dependencies" ? [item, { path: "owners", label: "Owners" }] : [item],
);

/** The portal's "Page not found": the site's 404 (at the site's root, not below the portal's base). */
export const NOT_FOUND_ROUTE = { pattern: "/404", page: "404.astro" } as const;

const PAGE_EXTENSIONS = ["astro", "md", "mdx", "markdown", "html", "js", "ts"];

/**
 * Whether the portal brings the site's 404 page: not when the site has its own
 * (`src/pages/404.*`), nor in a Starlight site (Starlight injects its own 404 route).
 */
export function providesNotFound(pagesDir: string, starlight: boolean): boolean {
  if (starlight) return false;
  return !PAGE_EXTENSIONS.some((ext) => existsSync(path.join(pagesDir, `404.${ext}`)));
}
