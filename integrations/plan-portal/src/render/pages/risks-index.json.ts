import type { APIRoute } from "astro";
import { getPortal } from "../runtime.ts";
import { compactRisks } from "../risk-index.ts";

/** Every risk as the risk matrix's filters count it (loaded on the first change of a filter). */
export const GET: APIRoute = async () => {
  const portal = await getPortal();
  const json = JSON.stringify(compactRisks(portal.aggregates.risks)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return new Response(json, { headers: { "Content-Type": "application/json; charset=utf-8" } });
};
