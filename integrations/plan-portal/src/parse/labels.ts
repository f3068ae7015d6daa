import type { Block, ListItemBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { blockScan, blockSegments, type LabelledField } from "./fields.ts";
import { headingKey } from "./sections.ts";
import type { Section } from "./types.ts";

/*
 * The labels that risks and dependencies written as prose carry (`**Mitigation**: …`,
 * `- Owner: …`, `**影響度**: 高`), in the languages real plans use: English, Chinese, Japanese,
 * Korean, Portuguese, Spanish, German, French. Matched against the label, trimmed.
 */

export const RISK_LABEL =
  /^(?:(?:key|main|top|known|primary|biggest)\s+)?risks?(?:\s*#?\d+[a-z]?)?$|^(?:riesgos?|riscos?|risiko|risiken|risques?|rischio|リスク|风险|風險|위험|리스크)(?:\s*#?\d+)?$|^threats?$/i;
export const MITIGATION_LABEL =
  /^(?:mitiga|contingenc|countermeasure|response|gegenma|ma[ßs]nahme|minderung|対策|対応策|対応|軽減|缓解|緩解|应对|應對|对策|對策|완화|대응)/i;
export const IMPACT_LABEL =
  /^(?:impact|severity|impacto|auswirkung|schweregrad|gravedad|gravidade|影響|影响|영향|심각도|重要度|严重|嚴重)/i;
export const PROBABILITY_LABEL =
  /^(?:probab|likelihood|chance|wahrscheinlichkeit|vraisemblance|可能性|概率|機率|確率|発生確率|発生可能性|발생|가능성)/i;
export const OWNER_LABEL =
  /^(?:owner|responsible|assignee|dri\b|respons[áa]vel|responsable|verantwortlich|zust[äa]ndig|负责|負責|担当|담당|책임)/i;
export const STATUS_LABEL =
  /^(?:status|state|estado|situa[çc][ãa]o|状态|狀態|状態|ステータス|상태)$/i;
export const DUE_LABEL =
  /^(?:due|deadline|target(?:\s+date)?$|eta$|expected|needed by|prazo|fecha|f[äa]llig|termin|期限|截止|期日|기한|마감)/i;
export const DEPENDENCY_LABEL =
  /^(?:dependenc(?:y|ies)|depends on|blockers?|blocked by|item|name|depend[êe]ncia|dependencia|abh[äa]ngigkeit|依赖|依賴|依存|의존)$/i;

/** Labels of a risk's or dependency's attributes (a value of its own, never the item's name). */
const ATTRIBUTE_LABELS = [
  MITIGATION_LABEL,
  IMPACT_LABEL,
  PROBABILITY_LABEL,
  OWNER_LABEL,
  STATUS_LABEL,
  DUE_LABEL,
];

export function isAttributeLabel(label: string): boolean {
  return ATTRIBUTE_LABELS.some((re) => re.test(label.trim()));
}

/** What a paragraph or list item says: the text before its first label, and its labelled values. */
export interface ItemText {
  /** Raw text before the first label (the item's name or prose). */
  lead: string;
  fields: LabelledField[];
}

// An unbolded `Mitigation: …` at the start of an item, for the labels above only.
const PLAIN_LABEL = /^([^:：*[\]`]{2,40}?)\s*[:：]\s*(.*)$/;

export function readItem(block: Block, lines: string[]): ItemText {
  const { joined, fields } = blockScan(block, lines);
  if (fields.length) return { lead: joined.slice(0, fields[0]!.labelStart).trim(), fields };
  const [first] = blockSegments(block, lines);
  const m = first ? PLAIN_LABEL.exec(first.text) : null;
  if (first && m && (isAttributeLabel(m[1]!) || RISK_LABEL.test(m[1]!.trim()))) {
    const raw = [
      m[2]!,
      ...blockSegments(block, lines)
        .slice(1)
        .map((s) => s.text),
    ]
      .join(" ")
      .trim();
    const field: LabelledField = {
      label: m[1]!.trim(),
      raw,
      value: plainText(raw),
      line: first.line,
      column: first.offset + first.text.indexOf(m[2]!) + 1,
      labelStart: 0,
      atLineStart: true,
    };
    return { lead: "", fields: [field] };
  }
  return { lead: joined.trim(), fields: [] };
}

/** The name an item gives itself: `**Name**` at its start, else its text up to a separator. */
export function itemName(lead: string): string {
  const bold = /^(?:\*\*|__)(.+?)(?:\*\*|__)/.exec(lead);
  const name = bold ? bold[1]! : lead;
  return plainText(name)
    .replace(/\s*(?:[:：]|\s[-—–])\s*$/, "")
    .replace(/[.。]$/, "")
    .trim();
}

/** Whether list item `j` sits (at any depth) below list item `i`. */
export function isBelow(blocks: Block[], j: number, i: number): boolean {
  let p = (blocks[j] as ListItemBlock | undefined)?.parent ?? -1;
  while (p > i) p = (blocks[p] as ListItemBlock).parent;
  return p === i;
}

/** Indexes of the list items nested below list item `i`, in order. */
export function itemsBelow(blocks: Block[], i: number): number[] {
  const out: number[] = [];
  for (let j = i + 1; j < blocks.length; j++) {
    const b = blocks[j]!;
    if (b.kind !== "list-item" || !isBelow(blocks, j, i)) break;
    out.push(j);
  }
  return out;
}

/**
 * Indexes of the blocks directly in each section (not in its sub-sections), by section index.
 * Headings themselves are left out.
 */
export function blocksBySection(blocks: Block[], sections: Section[]): number[][] {
  const out: number[][] = sections.map(() => []);
  let s = -1;
  blocks.forEach((b, i) => {
    if (b.kind === "heading") {
      while (s + 1 < sections.length && sections[s + 1]!.line <= b.line) s++;
      return;
    }
    if (s >= 0) out[s]!.push(i);
  });
  return out;
}

/** A list item at the top of its section's list (its parent item, if any, is above the section). */
export function isTopItem(blocks: Block[], i: number, section: Section): boolean {
  const b = blocks[i]!;
  if (b.kind !== "list-item") return false;
  return b.parent < 0 || blocks[b.parent]!.line < section.line;
}

// Heading keys per plan, computed once (risks, dependencies and their tables all ask).
const keyCache = new WeakMap<Section[], string[]>();

/** Each section's title without numbering, emoji or a trailing colon (`headingKey`). */
export function sectionKeys(sections: Section[]): string[] {
  let keys = keyCache.get(sections);
  if (!keys) {
    keys = sections.map((s) => headingKey(s.title));
    keyCache.set(sections, keys);
  }
  return keys;
}
