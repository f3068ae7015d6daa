import type { Block, SourceLine, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import type { Field, TableRow } from "./types.ts";

// `**Label**: value`, `**Label:** value`, `__Label__: value`, with ASCII or full-width colons.
const BOLD_LABEL = /(?:\*\*|__)([^*_\n]{1,60}?)(?:\s*[:：]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:：])\s*/g;

export interface Segment {
  text: string;
  line: number;
  /** 0-based column of `text` in its source line. */
  offset: number;
}

/** A field with where its label stands, for readers that must know what precedes each label. */
export interface LabelledField extends Field {
  /** Index of the label's opening `**` in the joined text. */
  labelStart: number;
  /** The label is the first thing on its source line (a new line of fields, not a wrapped one). */
  atLineStart: boolean;
}

/**
 * Every `**Label**: value` pair in a run of lines joined as one paragraph, so that labels and
 * values wrapped over several lines (formatters reflow plans) are still read whole. Several pairs
 * may share a line, separated by `|` or `·` (the template's `**Branch**: x | **Date**: y`).
 * `joined` is the lines' text joined by single spaces, which `labelStart` indexes.
 */
export function scanFields(segments: Segment[]): { joined: string; fields: LabelledField[] } {
  let joined = "";
  const origin: { at: number; seg: Segment }[] = [];
  for (const seg of segments) {
    if (joined !== "") joined += " ";
    origin.push({ at: joined.length, seg });
    joined += seg.text;
  }
  const position = (index: number) => {
    let o = origin[0]!;
    for (const candidate of origin) if (candidate.at <= index) o = candidate;
    return { line: o.seg.line, column: o.seg.offset + index - o.at + 1 };
  };
  const found: { label: string; valueStart: number; labelStart: number }[] = [];
  BOLD_LABEL.lastIndex = 0;
  for (let m = BOLD_LABEL.exec(joined); m; m = BOLD_LABEL.exec(joined)) {
    found.push({
      label: m[1]!.replace(/\s+/g, " ").trim(),
      labelStart: m.index,
      // Where the label ends: spaces after it may be the join between two lines.
      valueStart: m.index + m[0].trimEnd().length,
    });
  }
  const fields = found.map((f, idx) => {
    const next = found[idx + 1];
    const slice = joined.slice(f.valueStart, next ? next.labelStart : joined.length);
    const raw = slice.replace(/\s*[|·]\s*$/, "").trim();
    const at = raw === "" ? f.valueStart : f.valueStart + slice.indexOf(raw);
    const atLineStart = origin.some((o) => o.at === f.labelStart);
    return {
      label: f.label,
      raw,
      value: plainText(raw),
      ...position(at),
      labelStart: f.labelStart,
      atLineStart,
    };
  });
  return { joined, fields };
}

/** Every `**Label**: value` pair in a run of lines (see `scanFields`). */
export function fieldsIn(segments: Segment[]): Field[] {
  return scanFields(segments).fields.map(({ label, raw, value, line, column }) => ({
    label,
    raw,
    value,
    line,
    column,
  }));
}

export function fieldsOnLine(source: SourceLine, offset = 0): Field[] {
  return fieldsIn([{ text: source.text, line: source.line, offset }]);
}

/** The source lines of a paragraph or list item, with the column offset of each line's text. */
export function blockSegments(block: Block, lines: string[]): Segment[] {
  if (block.kind === "paragraph") {
    return block.lines.map((l) => ({ ...l, offset: (lines[l.line - 1] ?? "").indexOf(l.text) }));
  }
  if (block.kind === "list-item") {
    return [
      { text: block.raw, line: block.line, offset: block.column - 1 },
      ...block.more.map((l) => ({ ...l, offset: (lines[l.line - 1] ?? "").indexOf(l.text) })),
    ];
  }
  return [];
}

/** Fields of one paragraph or list item, read across its wrapped lines. */
export function blockFields(block: Block, lines: string[]): Field[] {
  return fieldsIn(blockSegments(block, lines));
}

/** `scanFields` over one paragraph or list item (its wrapped lines included). */
export function blockScan(block: Block, lines: string[]): ReturnType<typeof scanFields> {
  return scanFields(blockSegments(block, lines));
}

/** Header names normalised for lookup: lower-case, markdown and punctuation removed. */
export function normaliseHeader(raw: string): string {
  return plainText(raw)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/&]+/gu, " ")
    .trim();
}

// Header keys per table, normalised once (every extractor asks for columns).
const keyCache = new WeakMap<TableBlock, string[]>();

/** The table's header names, normalised (cached per table). */
export function headerKeys(table: TableBlock): string[] {
  let keys = keyCache.get(table);
  if (!keys) {
    keys = table.header.map((c) => normaliseHeader(c.raw));
    keyCache.set(table, keys);
  }
  return keys;
}

const rowCache = new WeakMap<TableBlock, TableRow[]>();

export function tableRows(table: TableBlock): TableRow[] {
  const cached = rowCache.get(table);
  if (cached) return cached;
  const keys = headerKeys(table);
  const rows = table.rows.map((row) => {
    const cells: Record<string, string> = {};
    const columns: Record<string, number> = {};
    keys.forEach((key, idx) => {
      const cell = row[idx];
      if (!key || cells[key] !== undefined) return;
      cells[key] = cell ? plainText(cell.raw) : "";
      columns[key] = cell ? cell.column : (row[row.length - 1]?.column ?? 1);
    });
    return { cells, columns, line: row[0]?.line ?? table.line, column: row[0]?.column ?? 1 };
  });
  rowCache.set(table, rows);
  return rows;
}

/** The first header key matching one of the patterns (tables are read by header name, never position). */
export function findColumn(table: TableBlock, patterns: RegExp[]): string | undefined {
  const keys = headerKeys(table);
  for (const p of patterns) {
    const hit = keys.find((k) => p.test(k));
    if (hit) return hit;
  }
  return undefined;
}

export function cell(row: TableRow, key: string | undefined): string {
  return key === undefined ? "" : (row.cells[key] ?? "");
}

export function cellColumn(row: TableRow, key: string | undefined): number {
  return key === undefined ? row.column : (row.columns[key] ?? row.column);
}
