import type { Block, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { cell, cellColumn, findColumn, tableRows, type LabelledField } from "./fields.ts";
import {
  DEPENDENCY_LABEL,
  DUE_LABEL,
  OWNER_LABEL,
  STATUS_LABEL,
  blocksBySection,
  isAttributeLabel,
  isTopItem,
  itemName,
  itemsBelow,
  readItem,
  sectionKeys,
} from "./labels.ts";
import type { Dependency, Section } from "./types.ts";

/*
 * Dependencies and blockers: the template's table (Dependency | Owner | Due Date | Status), and
 * the prose plans write instead, where each dependency is a bullet, a paragraph or a heading with
 * a `**Status**:` line (ACTIVE, DECOUPLED, BLOCKED …) and maybe `**Owner**:` and `**Due**:`.
 * Only entries that state a status are read: a plain list of libraries is not a blockers board.
 */

/** A heading about dependencies or blockers (not a dependency graph). */
const DEPENDENCY_TITLE =
  /dependenc|depend[êe]ncias?|\bblockers?\b|\bblocked\b|abh[äa]ngigkeit|bloqueador|bloqueio|bloqueos|依赖|依賴|依存|의존|阻塞|ブロッカー/i;
const NOT_DEPENDENCIES = /graph|diagram|injection|grafo|図|图|그래프|inversion/i;

/** Whether a heading's key (`headingKey`) is about dependencies or blockers. */
export function isDependencyKey(key: string): boolean {
  return DEPENDENCY_TITLE.test(key) && !NOT_DEPENDENCIES.test(key);
}

export function dependenciesFromTable(table: TableBlock): Dependency[] {
  const status = findColumn(table, [/^status/, /^estado/, /状态|狀態|状態|ステータス|상태/]);
  const text = findColumn(table, [
    /^dependenc/,
    /^blocker/,
    /^item/,
    /^depends/,
    /^depend[êe]ncia/,
    /^abh[äa]ngigkeit/,
    /依赖|依賴|依存|의존/,
  ]);
  if (!status || !text) return [];
  const owner = findColumn(table, [/owner/, /respons/, /负责人|負責|担当|담당/]);
  const due = findColumn(table, [
    /due/,
    /date/,
    /deadline/,
    /target/,
    /prazo|fecha|期限|截止|기한/,
  ]);
  return tableRows(table).map((row) => ({
    text: cell(row, text),
    owner: cell(row, owner),
    dueDate: cell(row, due),
    status: cell(row, status),
    statusColumn: cellColumn(row, status),
    line: row.line,
    column: row.column,
  }));
}

function emptyDependency(text: string, at: { line: number; column: number }): Dependency {
  return { text, owner: "", dueDate: "", status: "", statusColumn: at.column, ...at };
}

function apply(d: Dependency, f: LabelledField): void {
  const label = f.label.trim();
  if (STATUS_LABEL.test(label) && !d.status) {
    d.status = f.value;
    d.statusColumn = f.column;
  } else if (OWNER_LABEL.test(label) && !d.owner) d.owner = f.value;
  else if (DUE_LABEL.test(label) && !d.dueDate) d.dueDate = f.value;
  else if (DEPENDENCY_LABEL.test(label) && !d.text) d.text = f.value;
}

/** A bullet (with the items nested below it) or a paragraph as a dependency, if it has a status. */
function fromBlock(blocks: Block[], lines: string[], i: number): Dependency | null {
  const b = blocks[i]!;
  const { lead, fields } = readItem(b, lines);
  const d = emptyDependency("", b);
  const first = fields[0];
  if (lead !== "") d.text = itemName(lead);
  else if (first && !isAttributeLabel(first.label) && !DEPENDENCY_LABEL.test(first.label.trim()))
    // `- **Payments API v2**: needed for refunds` names the dependency in its label.
    d.text = plainText(first.label);
  for (const f of fields) apply(d, f);
  if (b.kind === "list-item")
    for (const j of itemsBelow(blocks, i))
      for (const f of readItem(blocks[j]!, lines).fields) apply(d, f);
  return d.status && d.text ? d : null;
}

/** Whether a section's own paragraphs carry a dependency's status (one dependency per heading). */
function headingHoldsOne(
  blocks: Block[],
  lines: string[],
  own: number[],
  section: Section,
): boolean {
  return own.some((i) => {
    const b = blocks[i]!;
    if (b.kind !== "paragraph" && !isTopItem(blocks, i, section)) return false;
    const { lead, fields } = readItem(b, lines);
    return (
      lead === "" &&
      fields.some((f) => STATUS_LABEL.test(f.label.trim())) &&
      (b.kind === "paragraph" || isAttributeLabel(fields[0]!.label))
    );
  });
}

/**
 * Dependencies written as prose under a dependencies heading: bullets or paragraphs that carry a
 * status, or sub-headings whose own lines give the status (the heading names the dependency).
 */
export function parseDependencyProse(
  blocks: Block[],
  lines: string[],
  sections: Section[],
): Dependency[] {
  const own = blocksBySection(blocks, sections);
  const keys = sectionKeys(sections);
  const inScope: boolean[] = [];
  const out: Dependency[] = [];
  sections.forEach((section, s) => {
    const parentIn = section.parent >= 0 && inScope[section.parent]!;
    const titled = isDependencyKey(keys[s]!);
    const here = section.kind === "dependencies-blockers" || titled || parentIn;
    inScope.push(here);
    if (!here) return;
    if (parentIn && !titled && headingHoldsOne(blocks, lines, own[s]!, section)) {
      const d = emptyDependency(keys[s]!, section);
      for (const i of own[s]!) {
        const b = blocks[i]!;
        if (b.kind === "paragraph" || b.kind === "list-item")
          for (const f of readItem(b, lines).fields) apply(d, f);
      }
      if (d.status) out.push(d);
      return;
    }
    for (const i of own[s]!) {
      const b = blocks[i]!;
      if (b.kind !== "paragraph" && !isTopItem(blocks, i, section)) continue;
      const d = fromBlock(blocks, lines, i);
      if (d) out.push(d);
    }
  });
  return out;
}
