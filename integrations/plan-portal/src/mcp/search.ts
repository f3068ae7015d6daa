import type { CheckedPlan } from "../check/index.ts";
import { sectionAt } from "../parse/sections.ts";

/** One place a search matched, best kinds first: a plan's title, a section heading, a line. */
export interface SearchHit {
  planId: string;
  planTitle: string;
  kind: "title" | "section" | "line";
  /** Slug of the section (the heading itself for `section`), "" above the first heading. */
  section: string;
  line: number;
  text: string;
}

const SNIPPET = 160;
const KIND_ORDER: SearchHit["kind"][] = ["title", "section", "line"];

/** The words of a query, lower case; every one must occur in a hit (any order, any case). */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

function matches(text: string, words: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return words.every((w) => lower.includes(w));
}

/** The line cut around the first word's match, so a long line still shows why it matched. */
function around(text: string, word: string): string {
  const t = text.trim();
  if (t.length <= SNIPPET) return t;
  const at = Math.max(0, t.toLowerCase().indexOf(word) - SNIPPET / 4);
  const cut = t.slice(at, at + SNIPPET);
  return `${at > 0 ? "…" : ""}${cut}${at + SNIPPET < t.length ? "…" : ""}`;
}

function hitsIn(c: CheckedPlan, words: readonly string[]): SearchHit[] {
  const { plan } = c;
  const base = { planId: plan.id, planTitle: plan.title };
  const hits: SearchHit[] = [];
  if (matches(`${plan.id} ${plan.title}`, words)) {
    hits.push({ ...base, kind: "title", section: "", line: plan.headerLine, text: plan.title });
  }
  const headings = new Set<number>();
  for (const s of plan.sections) {
    headings.add(s.line);
    // The H1 is the title, already a hit of its own.
    if (s.line !== plan.headerLine && matches(s.title, words))
      hits.push({ ...base, kind: "section", section: s.slug, line: s.line, text: s.title });
  }
  plan.lines.forEach((text, i) => {
    const line = i + 1;
    if (headings.has(line) || line === plan.headerLine || !matches(text, words)) return;
    const section = sectionAt(plan.sections, line)?.slug ?? "";
    hits.push({ ...base, kind: "line", section, line, text: around(text, words[0]!) });
  });
  return hits;
}

/** Plain-text search over plan.md of every plan (or of `only`): titles, headings, then lines. */
export function searchPlans(plans: readonly CheckedPlan[], query: string): SearchHit[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const hits = plans.flatMap((c) => hitsIn(c, words));
  return hits.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}
