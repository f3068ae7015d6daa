import { readFileSync } from "node:fs";
import path from "node:path";
import { htmlFiles } from "../util/html-files.ts";

/**
 * The site's onboarding docs in the portal's search (one search box for the whole site). A doc is a
 * page outside the portal that is on the portal's DocLayout (which marks its article for search,
 * kind "doc") or shows the output of a plan directive (`:plan[…]`, `::plan-card` …).
 */

/** The file below the portal's search index that names the docs' index and where its pages are. */
export const DOCS_FILE = "docs.json";

/** What the search dialog reads from DOCS_FILE. */
export interface DocsIndexRef {
  /** The docs' index, a folder below the portal's `pagefind/`. */
  index: string;
  /** What the docs' URLs start with (the site's base, not the portal's). */
  baseUrl: string;
}

/** The kind filter DocLayout gives a doc's article. */
export const DOC_KIND = 'data-pagefind-filter="kind:doc"';

// Markup only the plan directives write (see directives/render.ts).
const DIRECTIVE_OUTPUT = /class="pp-(?:ref|card|questions|plans|diagram)"/;

/** Whether a built page outside the portal is a doc, and whether it marks what search should see. */
export function docKind(html: string): "marked" | "unmarked" | null {
  if (html.includes(DOC_KIND)) return "marked";
  return DIRECTIVE_OUTPUT.test(html) ? "unmarked" : null;
}

/**
 * The page as the docs' index reads it: a doc on a layout of its own is indexed whole (its body),
 * as kind "doc" like the ones on DocLayout.
 */
export function markedForSearch(html: string): string {
  if (docKind(html) !== "unmarked") return html;
  return html.replace(
    /<body([^>]*)>/i,
    `<body$1 data-pagefind-body><span hidden data-pagefind-ignore ${DOC_KIND}></span>`,
  );
}

/** The docs among the site's built pages outside `portalDir` (relative to `siteDir`, with `/`). */
export function findDocs(siteDir: string, portalDir: string): string[] {
  const portal = path.resolve(portalDir);
  if (path.resolve(siteDir) === portal) return [];
  return htmlFiles(siteDir, (folder) => path.resolve(folder) === portal)
    .filter((file) => docKind(readFileSync(file, "utf8")) !== null)
    .map((file) => path.relative(siteDir, file).split(path.sep).join("/"))
    .sort();
}
