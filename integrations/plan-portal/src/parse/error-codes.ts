import type { Block, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { blockSegments, cell, cellColumn, findColumn, tableRows } from "./fields.ts";
import { withinKind } from "./sections.ts";
import type { ErrorCode, Section } from "./types.ts";

// Global version for matchAll only; single matches use the anchored one, so no lastIndex state
// leaks from one call (or one plan) into the next.
const ERROR_CODES = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const ERROR_CODE = new RegExp(`^${ERROR_CODES.source}$`);
/** Upper-case words with an underscore that name a standard, not an error. */
const NOT_A_CODE = /^(HTTP|JSON|API|UTF|ISO|TLS|SQL|PII)_/;

/** Error codes by code, each kept where it is first seen. */
interface Found {
  codes: Set<string>;
  list: ErrorCode[];
}

function add(found: Found, code: ErrorCode): void {
  if (found.codes.has(code.code)) return;
  found.codes.add(code.code);
  found.list.push(code);
}

/** Rows of a table with a Code (or Error) column. */
function fromTable(table: TableBlock, found: Found): void {
  const code = findColumn(table, [/^(error )?code$/, /^error$/]);
  if (!code) return;
  const description = findColumn(table, [/description/, /meaning/, /message/, /when/]);
  for (const row of tableRows(table)) {
    const value = cell(row, code).replace(/`/g, "");
    if (!ERROR_CODE.test(value)) continue;
    add(found, {
      code: value,
      description: cell(row, description),
      line: row.line,
      column: cellColumn(row, code),
    });
  }
}

/** `- \`CODE\` (402) — meaning` in Error Handling, or after a bold "Error codes" label. */
function fromProse(block: Block, lines: string[], sections: Section[], found: Found): void {
  for (const { text, line, offset } of blockSegments(block, lines)) {
    if (!withinKind(sections, line, ["error-handling"]) && !/\*\*error codes?\*\*/i.test(text))
      continue;
    for (const m of text.matchAll(ERROR_CODES)) {
      const code = m[0];
      if (found.codes.has(code) || NOT_A_CODE.test(code)) continue;
      // The HTTP status is not part of the meaning.
      // Without the code's closing backtick, which would pair with the next one in the meaning.
      const description = plainText(text.slice(m.index + code.length).replace(/^`+/, ""))
        .replace(/^[\s:–—-]+/, "")
        .replace(/^\(?\d{3}\)?\s*[—–:-]?\s*/, "");
      add(found, { code, description, line, column: offset + m.index + 1 });
    }
  }
}

/** Error codes the plan defines, in tables or in its error-handling prose; each code once. */
export function parseErrorCodes(
  blocks: Block[],
  lines: string[],
  sections: Section[],
): ErrorCode[] {
  const found: Found = { codes: new Set(), list: [] };
  for (const block of blocks) {
    if (block.kind === "table") fromTable(block, found);
    else if (block.kind === "paragraph" || block.kind === "list-item")
      fromProse(block, lines, sections, found);
  }
  return found.list;
}
