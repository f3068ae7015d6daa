import { fileURLToPath } from "node:url";
import { StarlightMissing } from "../errors.ts";
import { astroError } from "../options-errors.ts";
import type { Heading } from "./render-cache.ts";
import type { PortalSettings } from "./store.ts";

/**
 * The frame around every portal page: the portal's own (header, nav, search, footer) or, in a
 * Starlight site, Starlight's (its header, sidebar, theme and search, through `<StarlightPage>`).
 */
export type Frame = "portal" | "starlight";

/** What a page hands its frame (Layout.astro passes it on unchanged). */
export interface FrameProps {
  settings: PortalSettings;
  title: string;
  description?: string;
  /** NAV path of the current page ("" for the index, null for plan pages). */
  current: string | null;
  /** Index the whole page for search as a dashboard (plan pages mark their own article). */
  dashboard?: boolean;
  /** The page's h2/h3 headings: Starlight's "On this page" lists them (the portal's own frame shows its own). */
  headings?: Heading[];
  /** Where the page's source can be edited (Starlight's "Edit page" link). */
  editUrl?: string | null;
  /** YYYY-MM-DD of the source's last change (Starlight's "Last updated"). */
  lastUpdated?: string | null;
}

export const FRAME_MODULE = "virtual:plan-portal/frame";
const RESOLVED = `\0${FRAME_MODULE}`;

/** The component file of a frame (shipped beside this module, in src/ and in dist/ alike). */
export function frameComponent(frame: Frame): string {
  const name = frame === "starlight" ? "StarlightFrame" : "PortalFrame";
  return fileURLToPath(new URL(`./components/${name}.astro`, import.meta.url));
}

/**
 * Vite plugin serving `virtual:plan-portal/frame` (imported by Layout.astro) as the chosen frame.
 * Only StarlightFrame.astro imports Starlight, so a site without Starlight never resolves it.
 */
export function framePlugin(frame: Frame) {
  const file = frameComponent(frame);
  return {
    name: "plan-portal:frame",
    resolveId(id: string): string | undefined {
      return id === FRAME_MODULE ? RESOLVED : undefined;
    },
    load(id: string): string | undefined {
      return id === RESOLVED ? `export { default } from ${JSON.stringify(file)};` : undefined;
    },
  };
}

/** The part of Astro's config that says whether Starlight is in the site. */
interface HostConfig {
  integrations: { name: string }[];
}

export const STARLIGHT = "@astrojs/starlight";

export function hasStarlight(config: HostConfig): boolean {
  return config.integrations.some((i) => i.name === STARLIGHT);
}

/** `frame: "auto"` is Starlight's frame in a Starlight site, the portal's own elsewhere. */
export function chooseFrame(option: Frame | "auto", config: HostConfig): Frame {
  if (option === "auto") return hasStarlight(config) ? "starlight" : "portal";
  if (option === "starlight" && !hasStarlight(config)) {
    throw astroError(StarlightMissing);
  }
  return option;
}
