import { readFileSync } from "node:fs";
import { DiskCache, sha1, stableStringify } from "../cache/disk-cache.ts";
import { Lru } from "../cache/lru.ts";
import { scanMarkdown } from "../parse/markdown.ts";
import { addHeadingAnchors, sanitizePlanHtml } from "./sanitize.ts";
import { moduleUrl } from "../util/module-url.ts";

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** The part of Astro's markdown renderer we use (the site's own processor: Sätteri or unified). */
export interface Renderer {
  render(content: string): Promise<{ code: string; metadata: { headings: Heading[] } }>;
}

export interface RenderedDoc {
  html: string;
  headings: Heading[];
}

/**
 * A rendered document and the link rewrites its HTML depends on (`[href in the markdown, href
 * written]`). Links are the one input besides the text: they point at other plans and sibling
 * files, which come and go. An entry is reused only while every recorded link still rewrites the
 * same way, so adding the plan a link points at re-renders the plans that link to it.
 */
export interface CachedRender extends RenderedDoc {
  links: [string, string | null][];
}

function isCachedRender(value: unknown): value is CachedRender {
  const v = value as CachedRender | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.html === "string" &&
    Array.isArray(v.headings) &&
    v.headings.every(
      (h) => typeof h?.slug === "string" && typeof h.text === "string" && Number.isInteger(h.depth),
    ) &&
    Array.isArray(v.links) &&
    v.links.every(
      (l) =>
        Array.isArray(l) && typeof l[0] === "string" && (typeof l[1] === "string" || l[1] === null),
    )
  );
}

/** Our code that shapes the cached HTML: editing it (without a version bump) invalidates entries. */
const CODE = sha1(
  ["./sanitize", "./render-cache"]
    .map((f) => {
      try {
        return readFileSync(moduleUrl(f, import.meta.url), "utf8");
      } catch {
        return f;
      }
    })
    .join("\0"),
);

/**
 * The on-disk cache of rendered markdown (plans and sibling documents). `fingerprint` stands for
 * everything that changes how markdown renders: the site's markdown configuration (processor,
 * Shiki themes and options, GFM, smartypants) and Astro's version.
 */
export function renderDiskCache(
  fingerprint: string,
  where: { root?: string; version?: string } = {},
): DiskCache<CachedRender> {
  return new DiskCache<CachedRender>("render", {
    ...where,
    fingerprint: `${fingerprint}\0${CODE}`,
    valid: isCachedRender,
  });
}

/** `:plan[…]`, `::plan-card{…}`, `::open-questions`, `::plans`, `::plan-diagram` (see directives/). */
const PLAN_DIRECTIVE = /(^|[^\\:]):{1,3}(plan|plans|plan-card|open-questions|plan-diagram)[[{\s]/m;

/**
 * Rendered markdown by content hash, kept across rebuilds in dev so an edit re-renders one file.
 * Every edit adds an entry (the new text's hash) and the old one is never asked for again, so
 * the map is bounded, least recently used out first. 64 M characters of HTML hold every document
 * of about 1,000 plans (20 MB of markdown in the benchmark's set); beyond that a rebuild reads
 * the rest from the disk cache, as a fresh dev server does.
 */
const MEMORY_LIMITS = { maxEntries: 50_000, maxChars: 64 * 1024 * 1024 };
const weigh = (entry: CachedRender) => entry.html.length + JSON.stringify(entry.headings).length;
let memory = boundedMemory(MEMORY_LIMITS);

function boundedMemory(limits: {
  maxEntries: number;
  maxChars: number;
}): Lru<string, CachedRender> {
  return new Lru<string, CachedRender>({
    maxEntries: limits.maxEntries,
    maxWeight: limits.maxChars,
    weigh,
  });
}

/** Drop closed front matter; Astro's renderer expects the body only. */
function body(text: string): string {
  const { blocks, lines } = scanMarkdown(text);
  const first = blocks[0];
  return first?.kind === "frontmatter" ? lines.slice(first.endLine).join("\n") : text;
}

const linksHold = (entry: CachedRender, rewrite: (href: string) => string | null) =>
  entry.links.every(([from, to]) => rewrite(from) === to);

export interface RenderCounts {
  rendered: number;
  fromDisk: number;
  fromMemory: number;
}

/**
 * Markdown → sanitized HTML with heading anchors, through the memory cache (dev rebuilds, when
 * `keepInMemory`), then the disk cache (later builds), then the renderer. `key` names the document (plan id, or plan id
 * and file), so two plans with the same text are still rendered (and counted) separately.
 */
export async function renderMarkdown(
  renderer: Renderer,
  text: string,
  rewrite: (href: string) => string | null,
  key: string,
  cache: { disk: DiskCache<CachedRender> | null; keepInMemory: boolean; counts?: RenderCounts },
): Promise<RenderedDoc> {
  const { keepInMemory, counts } = cache;
  // A plan directive in the text renders other plans' facts, which the key does not cover.
  const disk = PLAN_DIRECTIVE.test(text) ? null : cache.disk;
  const id = sha1(`${key}\0${text}`);
  const inMemory = memory.get(id);
  if (inMemory && linksHold(inMemory, rewrite)) {
    if (counts) counts.fromMemory++;
    return inMemory;
  }
  const onDisk = disk?.get(id);
  if (onDisk && linksHold(onDisk, rewrite)) {
    if (keepInMemory) memory.set(id, onDisk);
    if (counts) counts.fromDisk++;
    return onDisk;
  }
  const { code, metadata } = await renderer.render(body(text));
  const links: [string, string | null][] = [];
  // A `#fragment` no element of this document carries (a stale table of contents) would jump
  // nowhere: unlinked like any target the portal cannot serve. It depends on this text alone.
  const ids = new Set([...code.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  const recording = (href: string) => {
    if (href.startsWith("#")) return ids.has(safeDecode(href.slice(1))) ? href : null;
    const to = rewrite(href);
    links.push([href, to]);
    return to;
  };
  const entry: CachedRender = {
    html: addHeadingAnchors(sanitizePlanHtml(code, recording)),
    headings: metadata.headings,
    links,
  };
  if (keepInMemory) memory.set(id, entry);
  disk?.set(id, entry);
  if (counts) counts.rendered++;
  return entry;
}

/** Forget rendered documents held in memory (tests; the disk cache is untouched). */
export function clearRenderMemory(): void {
  memory.clear();
}

/** Empty the memory layer and bound it anew (tests; the default suits a dev server). */
export function boundRenderMemory(limits: { maxEntries?: number; maxChars?: number } = {}): void {
  memory = boundedMemory({ ...MEMORY_LIMITS, ...limits });
}

/** How much the memory layer holds now (tests and diagnostics). */
export function renderMemoryUse(): { entries: number; chars: number } {
  return { entries: memory.size, chars: memory.weight };
}

/** The fingerprint of a site's markdown configuration plus Astro's version (see `renderDiskCache`). */
export function markdownFingerprint(markdown: unknown): string {
  let astro = "unknown";
  try {
    const file = new URL(import.meta.resolve("astro/package.json"));
    astro = (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    // Astro not resolvable from here: the configuration alone decides.
  }
  return sha1(`${astro}\0${stableStringify(markdown)}`);
}

function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
