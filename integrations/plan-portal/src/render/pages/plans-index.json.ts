import type { APIRoute } from "astro";
import { compactIndex, indexRow } from "../index-rows.ts";
import { getPortal } from "../runtime.ts";
import { PLAN_STATUS_LABELS } from "../../vocabulary.ts";

/** Every plan as the index's script filters, sorts and groups it (loaded on the first change). */
export const GET: APIRoute = async () => {
  const portal = await getPortal();
  const rows = portal.plans.map((p) => indexRow(p, portal.settings.today));
  const body = { ...(compactIndex(rows) as object), statusLabels: PLAN_STATUS_LABELS };
  // As plans.json: "<", ">" and "&" as \u escapes keep the JSON inert if pasted into HTML.
  const json = JSON.stringify(body).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return new Response(json, { headers: { "Content-Type": "application/json; charset=utf-8" } });
};
