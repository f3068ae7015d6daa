import type { Frame } from "../render/frame.ts";

/** Which search index holds the portal's pages, and which search box looks into it. */
export interface SearchPlacement {
  /** The portal builds its own Pagefind index, below the portal. */
  ownIndex: boolean;
  /** The portal's search dialog is on its pages (only in its own frame). */
  dialog: boolean;
  /** Where the dialog loads Pagefind from when the index is the host's. */
  bundle?: { bundle: string; base: string };
}

/**
 * One index per page. Starlight's Pagefind indexes every page the site builds, the portal's too
 * (what they mark `data-pagefind-body`: a plan's text, a dashboard), so in a Starlight site the
 * portal builds no index of its own: Starlight's search finds plans and docs together, and the
 * portal's own dialog (when the portal keeps its own frame) searches Starlight's index.
 */
export function searchPlacement(
  search: boolean,
  frame: Frame,
  starlight: boolean,
  siteBase: string,
): SearchPlacement {
  if (!search) return { ownIndex: false, dialog: false };
  if (!starlight) return { ownIndex: true, dialog: true };
  return {
    ownIndex: false,
    dialog: frame === "portal",
    bundle: { bundle: `${siteBase}/pagefind/`, base: `${siteBase}/` },
  };
}
