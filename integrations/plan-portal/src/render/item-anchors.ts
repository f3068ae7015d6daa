import type { Plan } from "../parse/types.ts";
import { href, sectionHref, type UrlSettings } from "./url.ts";

/*
 * Ids on the plan page's open questions and NEEDS CLARIFICATION markers, so a dashboard link
 * lands on the item itself (and `:target` highlights it), not on its section's heading. The site's
 * markdown renderer keeps no source positions, so the rendered HTML is matched against the parsed
 * items: a question is the first list item or table row (after the previous one) whose text starts
 * with its id (`Q1`); a marker the first paragraph, list item or cell holding its text.
 */

/** The id of the item written on plan.md line `line`. */
export const itemId = (line: number): string => `item-L${line}`;

const BLOCK_OPEN = /<(li|tr|p|td|th|dd)\b([^>]*)>/g;
/**
 * Where a block's own text ends: a list item's runs through the paragraph it wraps (`<li><p>
 * <strong>Q1</strong>…`) up to a nested list; a row's to its end; any other block's to the next.
 */
const TEXT_END: Record<string, RegExp> = {
  li: /<\/li\b|<[uo]l\b|<li\b/g,
  tr: /<\/tr\b/g,
  other: /<\/?(?:li|tr|p|td|th|dd|ul|ol|table)\b/g,
};

interface Block {
  tag: string;
  /** Offset of `>` closing the opening tag (where the id attribute goes). */
  insertAt: number;
  hasId: boolean;
  /** The block's leading text, lower-case, letters and digits only. */
  text: string;
}

const normalise = (text: string) =>
  text
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z]+;|&#\d+;/gi, " ")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

function blocks(html: string): Block[] {
  const found: Block[] = [];
  for (const m of html.matchAll(BLOCK_OPEN)) {
    const start = m.index + m[0].length;
    const end = TEXT_END[m[1]!] ?? TEXT_END["other"]!;
    end.lastIndex = start;
    const stop = end.exec(html)?.index ?? html.length;
    found.push({
      tag: m[1]!,
      insertAt: start - 1,
      hasId: /\sid=/.test(m[2]!),
      text: normalise(html.slice(start, stop)),
    });
  }
  return found;
}

/** What to anchor: each item's line and how to recognise its block. */
function targets(plan: Plan): { line: number; matches: (b: Block) => boolean }[] {
  const questions = plan.questions
    .filter((q) => !q.resolved && q.id)
    .map((q) => {
      const id = normalise(q.id);
      return {
        line: q.line,
        matches: (b: Block) => (b.tag === "li" || b.tag === "tr") && b.text.startsWith(id),
      };
    });
  const markers = [...plan.needsClarification, ...plan.resolvedClarifications]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((m) => {
      const text = normalise(m.text).slice(0, 60);
      return { line: m.line, matches: (b: Block) => b.tag !== "tr" && b.text.includes(text) };
    });
  return [...questions, ...markers].sort((a, b) => a.line - b.line);
}

/**
 * The plan page's HTML with an id on each open question and marker it could find, and the lines
 * of those items (the dashboards link the others to their section).
 */
export function anchorItems(html: string, plan: Plan): { html: string; lines: number[] } {
  const all = blocks(html);
  const inserts: { at: number; id: string }[] = [];
  const lines: number[] = [];
  let from = 0;
  for (const t of targets(plan)) {
    const at = all.findIndex((b, i) => i >= from && !b.hasId && t.matches(b));
    if (at < 0) continue;
    // Two markers on one line share their block: the second lands on the first's id.
    if (inserts.some((x) => x.at === all[at]!.insertAt)) continue;
    inserts.push({ at: all[at]!.insertAt, id: itemId(t.line) });
    lines.push(t.line);
    from = at + 1;
  }
  let out = html;
  for (const { at, id } of inserts.sort((a, b) => b.at - a.at))
    out = `${out.slice(0, at)} id="${id}"${out.slice(at)}`;
  return { html: out, lines };
}

/** What itemHref needs of the portal: each plan's anchored item lines. */
export interface AnchoredPlans {
  settings: UrlSettings;
  byId: Map<string, { itemLines: ReadonlySet<number> }>;
}

/** A dashboard link to one item of a plan: the item when the page carries its id, else its section. */
export function itemHref(
  portal: AnchoredPlans,
  planId: string,
  line: number,
  section: string,
): string {
  return portal.byId.get(planId)?.itemLines.has(line)
    ? `${href(portal.settings, planId)}#${itemId(line)}`
    : sectionHref(portal.settings, planId, section);
}
