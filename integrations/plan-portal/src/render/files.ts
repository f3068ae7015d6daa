import type { UrlSettings } from "./url.ts";

/** URL of a file the portal writes beside its pages (`plans.json`, `risks.csv`): never a trailing slash. */
export function fileHref(settings: UrlSettings, name: string): string {
  return `${settings.routeBase}/${encodeURIComponent(name)}`;
}
