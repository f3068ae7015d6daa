import type { APIRoute } from "astro";
import { getPortal } from "../runtime.ts";

/** The aggregate model for other tools: the CLI's plan shape (version 1) plus the dashboards' data. */
export const GET: APIRoute = async () => {
  const portal = await getPortal();
  const { summary, aggregates } = portal;
  const body = {
    version: 1,
    generatedFor: portal.settings.today,
    summary: {
      plans: summary.plans,
      errors: summary.errors,
      warnings: summary.warnings,
      byStatus: aggregates.statusCounts,
    },
    plans: portal.plans.map((p) => ({ ...p.json, lastChange: p.lastChange, url: undefined })),
    aggregates,
    notices: portal.notices,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
};
