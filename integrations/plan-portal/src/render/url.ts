/** How the site writes URLs: its base joined with our route base, and Astro's trailingSlash / build.format. */
export interface UrlSettings {
  /** Site base + portal base, without a trailing slash ("" for the site root). */
  routeBase: string;
  trailingSlash: "always" | "never" | "ignore";
  format: "directory" | "file" | "preserve";
}

/** URL of a portal page: `href(s)` is the index, `href(s, "003-checkout")` a plan, etc. */
export function href(settings: UrlSettings, ...segments: string[]): string {
  const rest = segments
    .filter(Boolean)
    .flatMap((s) => s.split("/"))
    .map((s) => encodeURIComponent(s))
    .join("/");
  const path = `${settings.routeBase}/${rest}`.replace(/\/+$/, "") || "";
  if (settings.format === "file") return path || "/";
  if (settings.trailingSlash === "never") return path || "/";
  return `${path}/`;
}

/** A plan page link that lands on one section. */
export function sectionHref(settings: UrlSettings, planId: string, section: string): string {
  return href(settings, planId) + (section ? `#${encodeURIComponent(section)}` : "");
}
