/**
 * A line-oriented block scanner for plan.md, tuned for what plans contain: headings, fenced code,
 * HTML comments, pipe tables, (nested) list items, paragraphs and front matter.
 *
 * Why not a full CommonMark parser: measured on ../shared/corpus (103 plans, 1.26 MB), Sätteri's
 * materialized mdast runs ~2,400 plans/s and mdast-util-from-markdown + GFM ~40 plans/s on this
 * machine, while the check target is 5,000 plans/s; this scanner keeps exact line/column positions
 * and tolerates unclosed fences and front matter. Rendering uses Astro's own markdown pipeline, so
 * this module only has to find structure, never to produce HTML.
 */

export interface SourceLine {
  text: string;
  /** 1-based line number in plan.md. */
  line: number;
}

export interface Cell {
  /** Raw markdown of the cell, trimmed. */
  raw: string;
  line: number;
  /** 1-based column of the first non-blank character of the cell. */
  column: number;
}

interface BlockBase {
  line: number;
  column: number;
  endLine: number;
}

export interface HeadingBlock extends BlockBase {
  kind: "heading";
  level: number;
  /** Raw inline markdown of the heading text. */
  raw: string;
}

export interface FenceBlock extends BlockBase {
  kind: "fence";
  /** First word of the info string, lower-cased (`mermaid`, `json`, ``). */
  lang: string;
  content: string;
  /** Line of the first content line. */
  contentLine: number;
  /** Column where content lines start (the fence's indentation + 1). */
  contentColumn: number;
  closed: boolean;
}

export interface TableBlock extends BlockBase {
  kind: "table";
  header: Cell[];
  rows: Cell[][];
}

export interface ListItemBlock extends BlockBase {
  kind: "list-item";
  /** Indentation of the marker, in columns; deeper items are nested below shallower ones. */
  indent: number;
  ordered: boolean;
  /** `[x]` → true, `[ ]` → false, no checkbox → null. */
  checked: boolean | null;
  /** Raw inline markdown of the item's first line (after marker and checkbox). */
  raw: string;
  /** Continuation lines of the same item (lazy or indented), with positions. */
  more: SourceLine[];
  /** Index (in the block list) of the parent list item, or -1. */
  parent: number;
}

export interface ParagraphBlock extends BlockBase {
  kind: "paragraph";
  lines: SourceLine[];
  /** True when the lines came from a `>` blockquote. */
  quoted: boolean;
}

export interface HtmlBlock extends BlockBase {
  kind: "html";
  text: string;
  comment: boolean;
  closed: boolean;
}

export interface FrontmatterBlock extends BlockBase {
  kind: "frontmatter";
  raw: string;
}

export interface BreakBlock extends BlockBase {
  kind: "break";
}

export type Block =
  | HeadingBlock
  | FenceBlock
  | TableBlock
  | ListItemBlock
  | ParagraphBlock
  | HtmlBlock
  | FrontmatterBlock
  | BreakBlock;

export interface ScannedMarkdown {
  lines: string[];
  blocks: Block[];
}

const ATX = /^( {0,3})(#{1,6})(?:[ \t]+|$)(.*)$/;
const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const CHECKBOX = /^\[([ xX])\](?:\s+|$)/;
const THEMATIC = /^ {0,3}((\*[ \t]*){3,}|(-[ \t]*){3,}|(_[ \t]*){3,})$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;

/** Lines of the text; a final line break ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Split a table row on unescaped pipes outside inline code; cells keep their columns. */
export function splitRow(text: string, line: number): Cell[] {
  const cells: Cell[] = [];
  let start = 0;
  let inCode = false;
  const trimmedStart = text.length - text.trimStart().length;
  let i = trimmedStart;
  if (text[i] === "|") {
    i++;
    start = i;
  } else {
    start = trimmedStart;
  }
  const push = (end: number) => {
    const slice = text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    cells.push({ raw: slice.trim(), line, column: start + lead + 1 });
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      i++;
    } else if (ch === "`") {
      inCode = !inCode;
    } else if (ch === "|" && !inCode) {
      push(i);
      start = i + 1;
    }
  }
  const rest = text.slice(start);
  if (rest.trim() !== "" || cells.length === 0) push(text.length);
  return cells;
}

function isTableRow(text: string): boolean {
  return text.includes("|") && text.trim() !== "";
}

function isBlank(text: string): boolean {
  return text.trim() === "";
}

/** Visible width of leading whitespace, tabs counted to the next multiple of 4. */
function indentWidth(ws: string): number {
  let w = 0;
  for (const ch of ws) w = ch === "\t" ? w + 4 - (w % 4) : w + 1;
  return w;
}

/** Where the scanner stands: the blocks so far, the open list items and the open paragraph. */
interface Scan {
  lines: string[];
  blocks: Block[];
  /** Index of the line being read. */
  i: number;
  /** Open list items by indentation (indices into `blocks`), to attach nested items and continuations. */
  listStack: number[];
  paragraph: ParagraphBlock | null;
}

/** One kind of block: reads it at line `s.i` and moves past it, or returns false to let the next try. */
type Step = (s: Scan, text: string) => boolean;

/** Front matter only counts when it closes; an unclosed `---` on line 1 is a thematic break. */
function scanFrontmatter(s: Scan): void {
  const { lines } = s;
  if (lines[0]?.trim() !== "---") return;
  const end = lines.findIndex((l, idx) => idx > 0 && (l.trim() === "---" || l.trim() === "..."));
  if (end <= 0) return;
  s.blocks.push({
    kind: "frontmatter",
    raw: lines.slice(1, end).join("\n"),
    line: 1,
    column: 1,
    endLine: end + 1,
  });
  s.i = end + 1;
}

const blank: Step = (s, text) => {
  if (!isBlank(text)) return false;
  s.paragraph = null;
  s.i++;
  return true;
};

const fence: Step = (s, text) => {
  const open = FENCE_OPEN.exec(text);
  if (!open || (open[2]!.startsWith("`") && open[3]!.includes("`"))) return false;
  s.paragraph = null;
  const { lines, i } = s;
  const lineNo = i + 1;
  const indent = open[1]!.length;
  const marker = open[2]!;
  const closer = new RegExp(`^\\s*${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
  let j = i + 1;
  while (j < lines.length && !closer.test(lines[j] ?? "")) j++;
  const closed = j < lines.length;
  const contentLines = lines
    .slice(i + 1, j)
    .map((l) => (l.slice(0, indent).trim() === "" ? l.slice(indent) : l.trimStart()));
  s.blocks.push({
    kind: "fence",
    lang: (open[3] ?? "").trim().split(/[\s{]/)[0]!.toLowerCase(),
    content: contentLines.join("\n"),
    line: lineNo,
    column: indent + 1,
    contentLine: lineNo + 1,
    contentColumn: indent + 1,
    endLine: closed ? j + 1 : lines.length,
    closed,
  });
  s.i = closed ? j + 1 : lines.length;
  return true;
};

const html: Step = (s, text) => {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("<!--") && !/^<\/?[a-zA-Z][\w-]*[\s>/]/.test(trimmed)) return false;
  s.paragraph = null;
  const { lines, i } = s;
  const comment = trimmed.startsWith("<!--");
  let j = i;
  if (comment) {
    while (
      j < lines.length &&
      !(lines[j] ?? "").includes("-->", j === i ? text.indexOf("<!--") + 4 : 0)
    )
      j++;
  } else {
    while (j + 1 < lines.length && !isBlank(lines[j + 1] ?? "")) j++;
  }
  const last = Math.min(j, lines.length - 1);
  s.blocks.push({
    kind: "html",
    text: lines.slice(i, last + 1).join("\n"),
    comment,
    closed: j < lines.length,
    line: i + 1,
    column: text.length - trimmed.length + 1,
    endLine: last + 1,
  });
  s.i = last + 1;
  return true;
};

const atxHeading: Step = (s, text) => {
  const atx = ATX.exec(text);
  if (!atx) return false;
  s.paragraph = null;
  s.listStack = [];
  const raw = atx[3]!
    .replace(/\s+#+\s*$/, "")
    .replace(/^#+\s*$/, "")
    .trim();
  const lineNo = s.i + 1;
  s.blocks.push({
    kind: "heading",
    level: atx[2]!.length,
    raw,
    line: lineNo,
    column: text.indexOf(atx[3]!.trimStart() || "#") + 1,
    endLine: lineNo,
  });
  s.i++;
  return true;
};

/** `===` or `---` under a paragraph (not a quoted one) turns that paragraph into a heading. */
const setextHeading: Step = (s, text) => {
  const setext = SETEXT.exec(text);
  const p = s.paragraph;
  if (!setext || p === null || p.quoted || p.lines.length === 0) return false;
  s.blocks.pop();
  s.blocks.push({
    kind: "heading",
    level: setext[1]!.startsWith("=") ? 1 : 2,
    raw: p.lines.map((l) => l.text.trim()).join(" "),
    line: p.lines[0]!.line,
    column: p.column,
    endLine: s.i + 1,
  });
  s.paragraph = null;
  s.listStack = [];
  s.i++;
  return true;
};

const thematicBreak: Step = (s, text) => {
  if (!THEMATIC.test(text)) return false;
  s.paragraph = null;
  s.listStack = [];
  s.blocks.push({ kind: "break", line: s.i + 1, column: 1, endLine: s.i + 1 });
  s.i++;
  return true;
};

const table: Step = (s, text) => {
  const { lines, i } = s;
  const delimiter = lines[i + 1] ?? "";
  if (!isTableRow(text) || !TABLE_DELIMITER.test(delimiter) || !delimiter.includes("-"))
    return false;
  s.paragraph = null;
  const rows: Cell[][] = [];
  let j = i + 2;
  while (j < lines.length && isTableRow(lines[j] ?? "") && !ATX.test(lines[j] ?? "")) {
    rows.push(splitRow(lines[j]!, j + 1));
    j++;
  }
  s.blocks.push({
    kind: "table",
    header: splitRow(text, i + 1),
    rows,
    line: i + 1,
    column: text.length - text.trimStart().length + 1,
    endLine: j,
  });
  s.i = j;
  return true;
};

/** A numbered line inside a paragraph starts a list only when it counts from 1 (or a list is open). */
function interruptsParagraph(s: Scan, marker: string): boolean {
  return (
    s.paragraph === null ||
    !/^\d/.test(marker) ||
    s.listStack.length > 0 ||
    marker === "1." ||
    marker === "1)"
  );
}

const listItem: Step = (s, text) => {
  const item = LIST_ITEM.exec(text);
  if (!item || !interruptsParagraph(s, item[2]!)) return false;
  s.paragraph = null;
  const { blocks, listStack } = s;
  const indent = indentWidth(item[1]!);
  while (listStack.length) {
    const top = blocks[listStack[listStack.length - 1]!] as ListItemBlock;
    if (top.indent < indent) break;
    listStack.pop();
  }
  let raw = item[3] ?? "";
  let checked: boolean | null = null;
  const box = CHECKBOX.exec(raw);
  if (box) {
    checked = box[1] !== " ";
    raw = raw.slice(box[0].length);
  }
  blocks.push({
    kind: "list-item",
    indent,
    ordered: /\d/.test(item[2]!),
    checked,
    raw: raw.trimEnd(),
    more: [],
    parent: listStack.length ? listStack[listStack.length - 1]! : -1,
    line: s.i + 1,
    column: raw === "" ? text.length + 1 : text.length - raw.length + 1,
    endLine: s.i + 1,
  });
  listStack.push(blocks.length - 1);
  s.i++;
  return true;
};

/** Continuation of the innermost open list item (indented, or lazy right after it). */
const listContinuation: Step = (s, text) => {
  if (!s.listStack.length || s.paragraph !== null) return false;
  const top = s.blocks[s.listStack[s.listStack.length - 1]!] as ListItemBlock;
  const trimmed = text.trimStart();
  const lead = indentWidth(text.slice(0, text.length - trimmed.length));
  const lineNo = s.i + 1;
  if (lead > top.indent || top.endLine === lineNo - 1) {
    top.more.push({ text: trimmed, line: lineNo });
    top.endLine = lineNo;
    s.i++;
    return true;
  }
  s.listStack = [];
  return false;
};

/** Anything else is paragraph text: it continues the open paragraph or starts one. */
const paragraphLine: Step = (s, text) => {
  const trimmed = text.trimStart();
  const quoted = trimmed.startsWith(">");
  const content = quoted ? trimmed.replace(/^(>\s?)+/, "") : trimmed;
  const lineNo = s.i + 1;
  const open = s.paragraph;
  if (open !== null && open.quoted === quoted) {
    open.lines.push({ text: content, line: lineNo });
    open.endLine = lineNo;
  } else {
    const p: ParagraphBlock = {
      kind: "paragraph",
      lines: [{ text: content, line: lineNo }],
      quoted,
      line: lineNo,
      column: text.length - content.length + 1,
      endLine: lineNo,
    };
    s.blocks.push(p);
    s.paragraph = p;
  }
  s.i++;
  return true;
};

/** The steps in the order they are tried on each line; the last one always reads the line. */
const STEPS: Step[] = [
  blank,
  fence,
  html,
  atxHeading,
  setextHeading,
  thematicBreak,
  table,
  listItem,
  listContinuation,
  paragraphLine,
];

/** The blocks each scan found, by its `lines` array (see `blocksOf`). */
const scanned = new WeakMap<readonly string[], Block[]>();

export function scanMarkdown(text: string): ScannedMarkdown {
  const s: Scan = { lines: splitLines(text), blocks: [], i: 0, listStack: [], paragraph: null };
  scanFrontmatter(s);
  while (s.i < s.lines.length) {
    const line = s.lines[s.i] ?? "";
    for (const step of STEPS) if (step(s, line)) break;
  }
  scanned.set(s.lines, s.blocks);
  return { lines: s.lines, blocks: s.blocks };
}

/**
 * The scanner's blocks for `lines` as `scanMarkdown` returned them (a plan's `Plan.lines`), so a
 * rule reads the structure the parser saw instead of tracking fences and comments again. Lines
 * from anywhere else are scanned afresh, with the same result.
 */
export function blocksOf(lines: readonly string[]): Block[] {
  return scanned.get(lines) ?? scanMarkdown(`${lines.join("\n")}\n`).blocks;
}

/**
 * Replace inline code spans and inline HTML comments with spaces, keeping every other character
 * at its column, so searches for markers skip them but report true positions.
 */
export function maskInline(text: string): string {
  return text
    .replace(/<!--.*?(-->|$)/g, (m) => " ".repeat(m.length))
    .replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (m) => " ".repeat(m.length));
}

/** Inline markdown to plain text: emphasis, code ticks, links and escapes removed. */
const INLINE_SYNTAX = /[`*_[\]<\\~!]|\s\s|^\s|\s$|[\t\n\r]/;

export function plainText(raw: string): string {
  // Most table cells and values are plain words: skip the regex chain for them.
  if (!INLINE_SYNTAX.test(raw)) return raw;
  return (
    raw
      .replace(/<!--.*?-->/g, "")
      // Raw HTML tags are markup, not text (and never reach a page as tags).
      .replace(/<\/?[a-z][^<>]*>/gi, "")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/(\*\*|__)(.*?)\1/g, "$2")
      .replace(/(^|[^\w*])\*(?!\s)([^*]+?)\*(?!\w)/g, "$1$2")
      .replace(/~~(.*?)~~/g, "$1")
      .replace(/`+([^`]*)`+/g, "$1")
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, "$1")
      .replace(/\s+/g, " ")
      .trim()
  );
}
