import type { Block, SourceLine, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import type { Field, TableRow } from "./types.ts";

// `**Label**: value`, `**Label:** value`, `__Label__: value`, with ASCII or full-width colons.
const BOLD_LABEL = /(?:\*\*|__)([^*_\n]{1,60}?)(?:\s*[:：]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:：])\s*/g;

/**
 * Every `**Label**: value` pair on one source line. Several may share a line, separated by `|`
 * (the template's `**Branch**: x | **Date**: y | **Spec**: z`).
 */
export function fieldsOnLine(source: SourceLine, offset = 0): Field[] {
  const text = source.text;
  const found: { label: string; valueStart: number; labelStart: number }[] = [];
  BOLD_LABEL.lastIndex = 0;
  for (let m = BOLD_LABEL.exec(text); m; m = BOLD_LABEL.exec(text)) {
    found.push({ label: m[1]!.trim(), labelStart: m.index, valueStart: m.index + m[0].length });
  }
  return found.map((f, idx) => {
    const next = found[idx + 1];
    let end = next ? next.labelStart : text.length;
    let raw = text.slice(f.valueStart, end);
    // Drop the `|` separator (and spaces) between two fields on one line.
    if (next) raw = raw.replace(/\s*\|\s*$/, "");
    raw = raw.trim();
    return {
      label: f.label,
      raw,
      value: plainText(raw),
      line: source.line,
      column: offset + f.valueStart + 1,
    };
  });
}

/** The source lines of a paragraph or list item, with the column offset of each line's text. */
export function blockLines(
  block: Block,
  lines: string[],
): { source: SourceLine; offset: number }[] {
  if (block.kind === "paragraph") {
    return block.lines.map((l) => ({
      source: l,
      offset: (lines[l.line - 1] ?? "").indexOf(l.text),
    }));
  }
  if (block.kind === "list-item") {
    const first = { source: { text: block.raw, line: block.line }, offset: block.column - 1 };
    return [
      first,
      ...block.more.map((l) => ({ source: l, offset: (lines[l.line - 1] ?? "").indexOf(l.text) })),
    ];
  }
  return [];
}

/** Header names normalised for lookup: lower-case, markdown and punctuation removed. */
export function normaliseHeader(raw: string): string {
  return plainText(raw)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/&]+/gu, " ")
    .trim();
}

export function tableRows(table: TableBlock): TableRow[] {
  const keys = table.header.map((c) => normaliseHeader(c.raw));
  return table.rows.map((row) => {
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
}

/** The first header key matching one of the patterns (tables are read by header name, never position). */
export function findColumn(table: TableBlock, patterns: RegExp[]): string | undefined {
  const keys = table.header.map((c) => normaliseHeader(c.raw));
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
