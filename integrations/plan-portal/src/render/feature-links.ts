import type { Heading } from "./render-cache.ts";
import { href, type UrlSettings } from "./url.ts";

/**
 * Links into a feature's sibling pages (spec.md, tasks.md) at an item's place. The rendered pages
 * have anchors only on headings, so a link names the heading the item sits under and adds a text
 * fragment (`#phase-2:~:text=T012`): browsers that support text fragments scroll to the item and
 * highlight it, the others land on the heading (the part before `:~:` is an ordinary anchor).
 */

/** `-`, `&` and `,` are the text directive's own syntax, so they are percent-encoded too. */
export function textDirective(text: string): string {
  return encodeURIComponent(text).replace(/-/g, "%2D");
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/** The rendered slug of the heading whose text is `title` (first match), or "". */
export function headingSlug(headings: readonly Heading[], title: string | null): string {
  if (!title) return "";
  const wanted = normalise(title);
  return headings.find((h) => normalise(h.text) === wanted)?.slug ?? "";
}

/** The first heading matching the first pattern that any heading matches (spec.md's parts). */
export function headingMatching(headings: readonly Heading[], ...patterns: RegExp[]): string {
  for (const pattern of patterns) {
    const hit = headings.find((h) => pattern.test(h.text));
    if (hit) return hit.slug;
  }
  return "";
}

/** A sibling page link landing on `slug` and, where supported, on the text `find`. */
export function siblingHref(
  settings: UrlSettings,
  planId: string,
  kind: "spec" | "tasks",
  slug: string,
  find?: string,
): string {
  const page = href(settings, planId, kind);
  const anchor = slug ? `#${encodeURIComponent(slug)}` : find ? "#" : "";
  return find ? `${page}${anchor}:~:text=${textDirective(find)}` : page + anchor;
}

/** The first words of a question, enough for a text fragment to find it. */
export function leadingWords(text: string, words = 6): string {
  return text.split(/\s+/).filter(Boolean).slice(0, words).join(" ");
}
