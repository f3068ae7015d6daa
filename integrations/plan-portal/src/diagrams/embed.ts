import type { Diagram } from "../parse/types.ts";
import { escapeHtml } from "../util/html.ts";
import type { SvgRenderer } from "./render-svg.ts";
import type { DiagramMode } from "../vocabulary.ts";

export type { DiagramMode } from "../vocabulary.ts";

const MERMAID_BLOCK =
  /<pre\b[^>]*data-language="mermaid"[^>]*>[\s\S]*?<\/pre>|<pre><code class="language-mermaid">[\s\S]*?<\/code><\/pre>/g;

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

/** `<title>` and `<desc>` for screen readers, unless mermaid already wrote them (accTitle/accDescr). */
function accessible(svg: string, id: string, title: string, description: string): string {
  if (/<title[\s>]/.test(svg.slice(0, 2000))) return svg.replace(/^<svg\b/, '<svg role="img"');
  return svg.replace(
    /^<svg\b([^>]*)>/,
    (_m, attrs: string) =>
      `<svg${attrs.replace(/\srole="[^"]*"/, "").replace(/\saria-labelledby="[^"]*"/, "")} role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(description)}</desc>`,
  );
}

export interface EmbedResult {
  html: string;
  /** The page holds diagrams the browser must draw (no SVG at build). */
  client: boolean;
  /** Each diagram's figure by its index in the plan (for docs that embed one diagram). */
  figures?: (string | undefined)[];
}

export interface DiagramFigure {
  source: string;
  /** Human name: "Component diagram in “High-Level Architecture”". */
  title: string;
  validation: Diagram["validation"];
  /** Why it cannot be drawn, at its position in plan.md (the mermaid-syntax finding). */
  error?: { message: string; line: number; column: number };
}

/** One figure: inline SVG (one for both themes), the source behind a disclosure, or the error. */
export async function figure(
  d: DiagramFigure,
  renderer: SvgRenderer | null,
  mode: DiagramMode,
  index: number,
): Promise<{ html: string; client: boolean }> {
  // tabindex: a long source scrolls sideways, and a keyboard must reach it (axe's scrollable-region-focusable).
  const source = `<pre class="diagram-source" tabindex="0"><code>${escapeHtml(d.source)}</code></pre>`;
  const label = escapeHtml(d.title);
  if (d.error) {
    return {
      html: `<figure class="diagram diagram-invalid" role="group" aria-label="${label}"><figcaption><strong>This diagram cannot be drawn</strong> (plan.md line ${d.error.line}, column ${d.error.column}): ${escapeHtml(d.error.message)}</figcaption>${source}</figure>`,
      client: false,
    };
  }
  if (mode === "off")
    return {
      html: `<figure class="diagram" role="group" aria-label="${label}">${source}</figure>`,
      client: false,
    };
  if (renderer && mode !== "client") {
    const drawn = await renderer.render(d.source);
    if ("svg" in drawn) {
      const id = `diagram-${index}`;
      return {
        html:
          `<figure class="diagram" role="group" aria-label="${label}">` +
          `<div class="diagram-svg">${accessible(drawn.svg, id, d.title, "Mermaid diagram; its source is below.")}</div>` +
          `<details><summary>Diagram source</summary>${source}</details></figure>`,
        client: false,
      };
    }
  }
  // Drawn in the browser by the lazily loaded mermaid (only pages with such figures load it).
  return {
    html: `<figure class="diagram" role="group" aria-label="${label}" data-mermaid><pre class="diagram-source mermaid-pending" tabindex="0"><code>${escapeHtml(d.source)}</code></pre></figure>`,
    client: true,
  };
}

/**
 * Mermaid names an SVG's ids after its render id (the source's hash): the same diagram twice on a
 * page would repeat them, and its markers and styles would point at the first copy. Later copies
 * get a suffix.
 */
function uniqueSvgIds(html: string, seen: Map<string, number>): string {
  const id = /<svg\b[^>]*?\sid="(m[0-9a-f]{12})"/.exec(html)?.[1];
  if (!id) return html;
  const copies = seen.get(id) ?? 0;
  seen.set(id, copies + 1);
  return copies ? html.replaceAll(id, `${id}-${copies}`) : html;
}

/** Replace each rendered mermaid code block of a page with its figure. */
export async function embedDiagrams(
  html: string,
  diagrams: DiagramFigure[],
  renderer: SvgRenderer | null,
  mode: DiagramMode,
): Promise<EmbedResult> {
  const blocks = [...html.matchAll(MERMAID_BLOCK)];
  if (!blocks.length) return { html, client: false, figures: [] };
  const unused = new Set(diagrams.map((_, i) => i));
  const replacements: string[] = [];
  const figures: (string | undefined)[] = [];
  const drawnIds = new Map<string, number>();
  let client = false;
  for (const [n, block] of blocks.entries()) {
    // Match by content (the renderer and our scanner may disagree on a stray fence), else by order.
    const text = textOf(block[0]);
    let index = [...unused].find((i) => diagrams[i]!.source.trim() === text);
    if (index === undefined) index = unused.has(n) ? n : [...unused][0];
    if (index === undefined) {
      replacements.push(block[0]);
      continue;
    }
    unused.delete(index);
    const result = await figure(diagrams[index]!, renderer, mode, index);
    const html = uniqueSvgIds(result.html, drawnIds);
    client ||= result.client;
    figures[index] = html;
    replacements.push(html);
  }
  let i = 0;
  return { html: html.replace(MERMAID_BLOCK, () => replacements[i++]!), client, figures };
}
