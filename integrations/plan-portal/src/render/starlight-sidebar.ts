import { NAV } from "./routes.ts";
import { getPortal } from "./runtime.ts";
import { href, type UrlSettings } from "./url.ts";

/** The slice of Starlight's sidebar route data we write (`starlightRoute.sidebar` entries). */
interface SidebarLink {
  type: "link";
  label: string;
  href: string;
  isCurrent: boolean;
  badge: undefined;
  attrs: Record<string, string>;
}

interface SidebarGroup {
  type: "group";
  label: string;
  entries: SidebarLink[];
  collapsed: boolean;
  badge: undefined;
}

interface RouteContext {
  url: URL;
  locals: object;
}

const normalise = (p: string) => decodeURI(p).replace(/(\/index)?\.html$|\/$/, "") || "/";

/** The "Plans" sidebar group: the plan index and the dashboards, the current page marked. */
export function plansGroup(settings: UrlSettings, pathname: string): SidebarGroup {
  const here = normalise(pathname);
  return {
    type: "group",
    label: "Plans",
    collapsed: false,
    badge: undefined,
    entries: NAV.map((item) => {
      const link = href(settings, item.path);
      return {
        type: "link",
        label: item.path ? item.label : "All plans",
        href: link,
        isCurrent: normalise(link) === here,
        badge: undefined,
        attrs: {},
      };
    }),
  };
}

/**
 * Starlight route middleware (added by plan-portal/starlight): every page's sidebar, the docs'
 * and the portal's, ends with the Plans group. A middleware rather than a sidebar config entry, so
 * a site that leaves its sidebar to Starlight (generated from the docs) keeps it as it was.
 */
export async function onRequest(context: RouteContext, next: () => Promise<void>): Promise<void> {
  const route = (context.locals as { starlightRoute?: { sidebar: object[] } }).starlightRoute;
  if (route) {
    const { settings } = await getPortal();
    route.sidebar.push(plansGroup(settings, context.url.pathname));
  }
  await next();
}
