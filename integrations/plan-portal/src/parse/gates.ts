import type { Block, ListItemBlock, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { cell, findColumn, tableRows } from "./fields.ts";
import { sectionAt, withinKind } from "./sections.ts";
import type { Gate, Section, TableRow } from "./types.ts";

/** After a verdict word: the end, punctuation, a dash, or a parenthesis — not more of a sentence. */
const ALONE = "(?=\\s*$|\\s*[—–:：;,.!(（]|\\s+-\\s|\\s*[✅❌])";
const PASS_WORD = new RegExp(`^(pass(ed|es)?|ok|compliant|yes|통과|合格|通过)${ALONE}`, "iu");
const FAIL_WORD = new RegExp(`^fail(ed|s)?${ALONE}`, "iu");

/**
 * A gate's verdict from explicit marks only, never from words in its description ("Fail fast" is
 * a principle, not a failure): a checklist box, ✅/❌, an upper-case PASS/FAIL, or a status cell
 * that starts with the verdict. "❌ N/A" is not a failure.
 */
export function gateState(text: string, checked: boolean | null): Gate["state"] {
  const plain = text.replace(/[*_`]/g, "").trim();
  // "- **Principle**: verdict": the verdict follows the label.
  const verdict = plain.replace(/^[^:：]{1,60}[:：]\s*/, "");
  if (/\bN\/A\b|not applicable|해당 없음|該当なし|不适用/i.test(plain)) return "unknown";
  // Upper-case PASS/FAIL/VIOLATION are verdicts; other words only at the start of a status, and
  // only standing alone: "Failed — see Complexity Tracking" is a verdict, "Failed jobs are
  // retried" is the principle's evidence.
  const passes = (t: string) => /✅|✓|✔|\bPASS(ED)?\b/.test(t) || PASS_WORD.test(t);
  const fails = (t: string) =>
    /❌|✗|✘|⛔|\bFAIL(ED)?\b|\bVIOLATION\b/.test(t) ||
    FAIL_WORD.test(t) ||
    /^(violat\w*|non-compliant)\b/i.test(t);
  if (checked === true) return "pass";
  if (passes(plain) || passes(verdict)) return "pass";
  if (fails(plain) || fails(verdict)) return "fail";
  return "unknown";
}

/** A gates table: one gate per row, its verdict from a Status column or from the whole row. */
function gatesFromTable(table: TableBlock): Gate[] {
  const status = findColumn(table, [
    /^status/,
    /^result/,
    /^verdict/,
    /^pass/,
    /^compliance$|^compliant/,
  ]);
  const gate =
    findColumn(table, [/gate/, /principle/, /check/, /rule/]) ?? findColumn(table, [/./]);
  return tableRows(table).map((row) => ({
    text: cell(row, gate),
    state: gateState(status ? cell(row, status) : Object.values(row.cells).join(" "), null),
    line: row.line,
    column: row.column,
  }));
}

/** A top-level checklist item is one gate. */
function gateFromItem(item: ListItemBlock): Gate[] {
  const text = plainText(item.raw);
  if (item.parent !== -1 || !text) return [];
  return [{ text, state: gateState(item.raw, item.checked), line: item.line, column: item.column }];
}

/** Constitution Check gates, from its tables and top-level list items (sub-sections included). */
export function parseGates(blocks: Block[], sections: Section[]): Gate[] {
  const inGates = (b: Block) => withinKind(sections, b.line, ["constitution-check"]);
  return blocks.flatMap((block) => {
    if (block.kind === "table" && inGates(block)) return gatesFromTable(block);
    if (block.kind === "list-item" && inGates(block)) return gateFromItem(block);
    return [];
  });
}

/** Rows of the tables directly in Complexity Tracking: the justifications of failing gates. */
export function parseComplexity(blocks: Block[], sections: Section[]): TableRow[] {
  return blocks.flatMap((block) =>
    block.kind === "table" && sectionAt(sections, block.line)?.kind === "complexity-tracking"
      ? tableRows(block)
      : [],
  );
}
