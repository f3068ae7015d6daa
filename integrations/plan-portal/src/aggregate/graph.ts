import type { CheckedPlan } from "../check/index.ts";
import type { GraphEdge, PortalAggregates } from "./types.ts";

// Hyphenated words of a line (`003-checkout-flow`, `payments_v2`), the candidates for a mention.
const WORD = /(?<![\w-])[\p{L}\p{N}_]+(?:[-_.][\p{L}\p{N}_]+)+/gu;

/** Folder names specific enough to count as a mention (numbered, or longer than a word) → plan id. */
function mentionable(plans: CheckedPlan[]): Map<string, string> {
  const folders = new Map<string, string>();
  for (const c of plans) {
    const f = c.plan.folder;
    if ((/^\d+[-_]/.test(f) || f.length > 6) && !folders.has(f)) folders.set(f, c.plan.id);
  }
  return folders;
}

/** Lines of one plan mentioning each other plan, looked up word by word: linear in the text. */
function mentions(c: CheckedPlan, folders: Map<string, string>): GraphEdge[] {
  const hits = new Map<string, number[]>();
  c.plan.lines.forEach((text, i) => {
    if (!text.includes("-") && !text.includes("_")) return;
    for (const m of text.matchAll(WORD)) {
      const target = folders.get(m[0]) ?? folders.get(m[0].replace(/[.]+$/, ""));
      if (!target || target === c.plan.id) continue;
      const list = hits.get(target) ?? [];
      if (list[list.length - 1] !== i + 1) list.push(i + 1);
      hits.set(target, list);
    }
  });
  return [...hits].map(([to, lines]) => ({ from: c.plan.id, to, lines }));
}

/** Plans mention each other by folder name (`003-checkout-flow`) or link (`../003-checkout-flow/plan.md`). */
export function referenceGraph(plans: CheckedPlan[]): PortalAggregates["graph"] {
  const folders = mentionable(plans);
  const edges = folders.size ? plans.flatMap((c) => mentions(c, folders)) : [];
  const references: Record<string, string[]> = {};
  const referencedBy: Record<string, string[]> = {};
  for (const e of edges) {
    (references[e.from] ??= []).push(e.to);
    (referencedBy[e.to] ??= []).push(e.from);
  }
  return { edges, references, referencedBy };
}
