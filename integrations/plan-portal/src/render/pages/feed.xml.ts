import type { APIRoute } from "astro";
import { atomFeed } from "../feed.ts";
import { getPortal } from "../runtime.ts";

/** An Atom feed of plan changes across the portal (issue 20): what each commit changed in a plan. */
export const GET: APIRoute = async ({ site }) => {
  const portal = await getPortal();
  const body = atomFeed({
    title: portal.settings.title,
    settings: portal.settings,
    site,
    today: portal.settings.today,
    plans: portal.plans.map((p) => ({
      id: p.id,
      title: p.checked.plan.title,
      changelog: p.checked.history?.changelog ?? [],
    })),
  });
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
};
