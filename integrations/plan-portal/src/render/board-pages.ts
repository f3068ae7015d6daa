import type { PlanRef, PortalAggregates } from "../aggregate/index.ts";
import { ownerOf } from "./owners.ts";
import { href, type UrlSettings } from "./url.ts";

/*
 * The paged dashboards (open questions, blockers, catalog). Server page N holds the N-th slice of
 * every list on the dashboard, so without JavaScript each row is on one page, linked from the
 * first; client/row-filters.js gathers the lists of every page on the first filter change.
 */

/** Rows of each list on one server page of a dashboard. */
export const BOARD_PAGE_SIZE = { questions: 100, dependencies: 100, catalog: 30 } as const;
export type PagedBoard = keyof typeof BOARD_PAGE_SIZE;

/** Page N's rows of one list (1-based). */
export function boardSlice<T>(rows: T[], page: number, size: number): T[] {
  return rows.slice((page - 1) * size, page * size);
}

/** Pages a dashboard needs for its longest list (at least one). */
export function boardPageCount(lengths: number[], size: number): number {
  return Math.max(1, ...lengths.map((n) => Math.ceil(n / size)));
}

/** The lists each dashboard pages through, named once for its routes and its pager. */
const BOARD_LISTS: Record<PagedBoard, (a: PortalAggregates) => unknown[][]> = {
  questions: (a) => [a.questions, a.markers, a.resolvedMarkers],
  dependencies: (a) => Object.values(a.dependencies),
  catalog: (a) => [
    a.components,
    a.externalDependencies,
    a.endpoints,
    a.entities,
    a.errorCodes,
    a.techStack.rows,
  ],
};

/** Pages of one dashboard over these aggregates. */
export function boardPages(aggregates: PortalAggregates, board: PagedBoard): number {
  const lengths = BOARD_LISTS[board](aggregates).map((list) => list.length);
  return boardPageCount(lengths, BOARD_PAGE_SIZE[board]);
}

/**
 * `getStaticPaths` of a dashboard routed as `/board/[...page]`: the board itself (`page`
 * undefined), then `/board/page/2/` … for the rest.
 */
export function boardPaths(
  pages: number,
): { params: { page: string | undefined }; props: { page: number } }[] {
  return Array.from({ length: pages }, (_, k) => ({
    params: { page: k === 0 ? undefined : `page/${k + 1}` },
    props: { page: k + 1 },
  }));
}

/** URL of page `n` of a dashboard (page 1 is the dashboard itself). */
export function boardPageHref(settings: UrlSettings, board: PagedBoard, n: number): string {
  return n === 1 ? href(settings, board) : href(settings, board, "page", String(n));
}

/** What one row's filters compare: the owners it names, the plans it belongs to, overdue or not. */
export interface RowFacts {
  /** Owner cells as written (`@maria (Payments)`) or owner keys already read. */
  owners: string[];
  plans: Pick<PlanRef, "planId" | "planTitle" | "status">[];
  overdue?: boolean;
}

/**
 * The data attributes client/row-filters.js filters a row by: owner keys and plan statuses
 * space-separated, the plans' `id title` lower-case (one a line), `data-overdue` when overdue.
 */
export function rowData(facts: RowFacts): Record<string, string | undefined> {
  const owners = new Set(facts.owners.map((o) => ownerOf(o)?.key ?? o).filter(Boolean));
  return {
    "data-owner": [...owners].join(" "),
    "data-plan": [
      ...new Set(facts.plans.map((p) => `${p.planId} ${p.planTitle}`.toLowerCase())),
    ].join("\n"),
    "data-status": [...new Set(facts.plans.map((p) => p.status))].join(" "),
    "data-overdue": facts.overdue ? "true" : undefined,
  };
}

/** The owner filter's choices: each person named by the rows, with how many rows name them; A→Z. */
export function ownerChoices(cells: string[][]): { key: string; name: string; count: number }[] {
  const owners = new Map<string, { key: string; name: string; count: number }>();
  for (const row of cells) {
    const seen = new Set<string>();
    for (const cell of row) {
      const o = ownerOf(cell);
      if (!o || seen.has(o.key)) continue;
      seen.add(o.key);
      const entry = owners.get(o.key) ?? { ...o, count: 0 };
      entry.count++;
      owners.set(o.key, entry);
    }
  }
  return [...owners.values()].sort((a, b) => a.name.localeCompare(b.name));
}
