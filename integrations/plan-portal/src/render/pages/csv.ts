import type { APIRoute } from "astro";
import { CSV_TABLES, dashboardCsv, type CsvTable } from "../csv.ts";
import { getPortal } from "../runtime.ts";
import { repositoryOf } from "../repository.ts";
import { sectionHref } from "../url.ts";

/** questions.csv, risks.csv and blockers.csv: the dashboards' rows for a spreadsheet. */
export function getStaticPaths() {
  return CSV_TABLES.map((table) => ({ params: { table } }));
}

export const GET: APIRoute = async ({ params, site }) => {
  const portal = await getPortal();
  const { settings } = portal;
  const origin = site ? site.origin : "";
  const body = dashboardCsv(
    params["table"] as CsvTable,
    portal.aggregates,
    (planId, section) => origin + sectionHref(settings, planId, section),
    portal.aggregates.repositories.length > 1 ? (id) => repositoryOf(portal, id) : undefined,
  );
  return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8" } });
};
