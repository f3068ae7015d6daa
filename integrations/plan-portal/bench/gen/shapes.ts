/**
 * What the generator learns from real plans (the example specs/ and, when present,
 * ../shared/corpus): the size distribution of plan.md, the H2 heading sets of plans, and prose
 * paragraphs that are recombined across plans (never a plan copied whole). Read in a sorted order
 * so the same sources always give the same shapes.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export interface Shapes {
  /** plan.md sizes in bytes, sorted. */
  sizes: number[];
  /** The H2 headings of each plan, in order. */
  headingSets: string[][];
  /** Prose paragraphs and bullet lists safe to drop into any section. */
  paragraphs: string[];
  /** How many plans the shapes came from. */
  plans: number;
}

/** Plans larger than this (a 1.3 MB outlier in the corpus) teach nothing about shapes. */
const MAX_SOURCE_BYTES = 100_000;

function planFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) planFiles(p, out);
    else if (name === "plan.md") out.push(p);
  }
  return out;
}

/**
 * Paragraph text that cannot become a finding or break a page wherever it lands: no template
 * placeholders or clarification markers, no links (they would be broken in another folder), no
 * HTML, no `**Field**:` lines that parsers read as metadata, no headings, tables or code.
 */
const UNSAFE =
  /NEEDS CLARIFICATION|ACTION REQUIRED|\[e\.g\.|<<|>>|\[REMOVE|\]\(|<\/?[a-z!]|\{\{|%%|^\s*\*\*[^*\n]+\*\*\s*[:：]|^\s*[-*]\s+\*\*[^*\n]+\*\*\s*[:：]|\[[A-Z][A-Z0-9 _-]+\]|\bTODO\b|\bTBD\b|\bOption \d|^\s*(#|\||```|~~~|---|===|>)|\b(Q\d+|T\d{3})\b|\b\d{3,4}-[a-z][a-z0-9-]+\b|@\w/m;

export function paragraphsOf(text: string): string[] {
  const out: string[] = [];
  let inFence = false;
  let block: string[] = [];
  const flush = () => {
    const p = block.join("\n").trim();
    block = [];
    if (p.length >= 80 && p.length <= 1400 && !UNSAFE.test(p)) out.push(p);
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      block = [];
      continue;
    }
    if (inFence) continue;
    if (line.trim() === "") flush();
    else block.push(line);
  }
  flush();
  return out;
}

export function headingsOf(text: string): string[] {
  const out: string[] = [];
  let inFence = false;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence && line.startsWith("## ")) out.push(line.slice(3).trim());
  }
  return out;
}

export function loadShapes(sources: readonly string[]): Shapes {
  const sizes: number[] = [];
  const headingSets: string[][] = [];
  const seen = new Set<string>();
  const paragraphs: string[] = [];
  let plans = 0;
  for (const source of sources) {
    if (!existsSync(source)) continue;
    for (const file of planFiles(source)) {
      const size = statSync(file).size;
      if (size > MAX_SOURCE_BYTES) continue;
      const text = readFileSync(file, "utf8");
      plans++;
      sizes.push(size);
      const headings = headingsOf(text);
      if (headings.length >= 3) headingSets.push(headings);
      const siblings = ["spec.md", "research.md"].map((s) => path.join(path.dirname(file), s));
      for (const t of [text, ...siblings.filter(existsSync).map((s) => readFileSync(s, "utf8"))])
        for (const p of paragraphsOf(t))
          if (!seen.has(p)) {
            seen.add(p);
            paragraphs.push(p);
          }
    }
  }
  sizes.sort((a, b) => a - b);
  return { sizes, headingSets, paragraphs, plans };
}
