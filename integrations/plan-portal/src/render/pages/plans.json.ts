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
    // The portal at sampled past commits, oldest first (absent without git history).
    ...(portal.trend ? { trend: portal.trend } : {}),
    notices: portal.notices,
  };
  // Plan text may hold "<", ">" and "&": written as \u escapes, the JSON parses to the same
  // strings but stays inert if a consumer pastes it into HTML or a script tag.
  const json = JSON.stringify(body, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return new Response(json, {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
};
