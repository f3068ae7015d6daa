import type { APIRoute } from "astro";
import { compactGraph, portalGraph } from "../graph-data.ts";
import { getPortal } from "../runtime.ts";

/** The stated dependencies between plans, as the graph page's script draws them. */
export const GET: APIRoute = async () => {
  const portal = await getPortal();
  const body = compactGraph(portalGraph(portal).plans);
  // As plans.json: "<", ">" and "&" as \u escapes keep the JSON inert if pasted into HTML.
  const json = JSON.stringify(body).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return new Response(json, { headers: { "Content-Type": "application/json; charset=utf-8" } });
};
