import type { Block, HeadingBlock, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { blockScan, blockSegments } from "./fields.ts";
import { isBelow } from "./labels.ts";
import { headingKey, sectionAt, withinKind } from "./sections.ts";
import type {
  Field,
  Section,
  TechnicalContextField,
  TechnicalContextKey,
  ValueState,
} from "./types.ts";

// Anchored at the label's start, so "Cross-Platform Notes" or "Key Constraints of X" sub-labels
// are not taken for fields.
const KEYS: [TechnicalContextKey, RegExp][] = [
  ["language", /^(language|lang\b|version$)|^(言語|语言|語言|언어|linguagem|lenguaje)/i],
  [
    "dependencies",
    /^((primary|main|key|core)\s+)?dependenc|^(主要)?(依赖|依賴|依存)|^(주요\s*)?의존|^depend[êe]ncias/i,
  ],
  [
    "storage",
    /^(storage|database|persist)|^(存储|存儲|儲存|ストレージ|스토리지|저장|armazenamento|almacenamiento)/i,
  ],
  ["testing", /^test|^(测试|測試|テスト|테스트|testes|pruebas)/i],
  [
    "platform",
    /^(target\s+)?platform|^(目标|目標|対象|대상\s*)?(平台|プラットフォーム|플랫폼)|^plataforma/i,
  ],
  [
    "projectType",
    /^project\s*type|^(项目类型|專案類型|專案型態|プロジェクト(種別|タイプ)|프로젝트 (유형|타입)|tipo de projeto)/i,
  ],
  ["performance", /^performance|^(性能|效能|パフォーマンス|성능|desempenho|rendimiento)/i],
  ["constraints", /^constraints?\b|^(约束|限制|制約|제약|restri[çc]|硬性限制)/i],
  ["scale", /^(scale|scope)|^(规模|規模|스케일|규모|범위|escala|escopo)/i],
];

export const TECHNICAL_CONTEXT_LABELS: Record<TechnicalContextKey, string> = {
  language: "Language/Version",
  dependencies: "Primary Dependencies",
  storage: "Storage",
  testing: "Testing",
  platform: "Target Platform",
  projectType: "Project Type",
  performance: "Performance Goals",
  constraints: "Constraints",
  scale: "Scale/Scope",
};

// `[NEEDS CLARIFICATION: …]`, or the words with an unbracketed question up to the next separator.
const CLARIFICATION =
  /\[\s*NEEDS[ _-]CLARIFICATION[^\]]*\]|\(?\s*NEEDS[ _-]CLARIFICATION(?:\s*[:：][^;,.)]*)?\s*\)?/g;

/** The value without its NEEDS CLARIFICATION markers, and the markers as written. */
export function splitClarification(raw: string): { rest: string; markers: string[] } {
  const markers = raw.match(CLARIFICATION)?.map((m) => m.trim()) ?? [];
  if (!markers.length) return { rest: raw, markers };
  const rest = raw
    .replace(CLARIFICATION, " ")
    .replace(/\(\s*\)|\[\s*\]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:—–-]+|[\s,;:(—–-]+$/g, "")
    .trim();
  return { rest, markers };
}

function stateOf(raw: string): ValueState {
  const value = plainText(raw);
  if (value === "") return "empty";
  if (/^\[\s*(e\.g\.|if applicable|domain-specific|single\/web\/mobile)/i.test(raw.trim()))
    return "placeholder";
  if (/^\[[^\]]*\]$/.test(raw.trim()) && !/\]\(/.test(raw)) return "placeholder";
  if (/^(tbd|todo|\?+|-|—)$/i.test(value)) return "placeholder";
  return "filled";
}

/**
 * Whether a value is written, still the template's, or waiting for an answer. A value that says
 * something besides its NEEDS CLARIFICATION marker ("Vitest, Playwright [NEEDS CLARIFICATION: …]")
 * is filled: the marker is recorded on the field and reported by `needs-clarification`.
 */
export function valueState(raw: string): ValueState {
  const { rest, markers } = splitClarification(raw);
  if (!markers.length) return stateOf(raw);
  return plainText(rest) === "" ? "needs-clarification" : stateOf(rest);
}

export function keyOf(label: string): TechnicalContextKey | undefined {
  const trimmed = label.trim();
  return KEYS.find(([, re]) => re.test(trimmed))?.[0];
}

interface Part {
  tier: string;
  raw: string;
  line: number;
  column: number;
}

interface Entry {
  label: string;
  parts: Part[];
}

/** The value of a field so far; bullets that follow it are added to its last part. */
interface Open {
  key: TechnicalContextKey;
  part: Part;
  /** Index of the block that holds the label. */
  owner: number;
  /** The label starts a list item: only the items nested below it are its value. */
  nestedOnly: boolean;
  /** The label is a heading (`### Performance Goals`): its paragraphs are its value too. */
  prose: boolean;
}

/** A sub-block per tier (`**Backend**:`, `### Frontend`) whose fields are qualified by its name. */
interface Tier {
  name: string;
  /** The list item that names the tier (its nested items are the tier), or -1. */
  owner: number;
  /** Its fields are list items, so a paragraph field after them is outside the tier. */
  viaList: boolean;
}

class Fields {
  readonly entries = new Map<TechnicalContextKey, Entry>();

  add(key: TechnicalContextKey, field: Field, tier: Tier | null): Part | null {
    const part = { tier: tier?.name ?? "", raw: field.raw, line: field.line, column: field.column };
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, { label: field.label, parts: [part] });
      return part;
    }
    // Without tiers the first occurrence wins (a later "Testing" note is not the field).
    if (!part.tier || entry.parts.some((p) => p.tier === part.tier)) return null;
    entry.parts.push(part);
    return part;
  }

  result(): TechnicalContextField[] {
    return [...this.entries].map(([key, { label, parts }]) => {
      const tiered = parts.some((p) => p.tier);
      const raw = tiered
        ? parts.map((p) => (p.tier ? `${p.tier}: ${p.raw}` : p.raw)).join("; ")
        : parts[0]!.raw;
      const states = parts.map((p) => valueState(p.raw));
      const state = states.includes("filled") ? "filled" : states[0]!;
      const { rest, markers } = splitClarification(raw);
      const field: TechnicalContextField = {
        key,
        label,
        raw,
        value: plainText(state === "filled" && markers.length ? rest : raw),
        line: parts[0]!.line,
        column: parts[0]!.column,
        state,
      };
      if (markers.length) field.clarification = markers;
      if (tiered)
        field.tiers = parts.map((p) => ({
          tier: p.tier,
          value: plainText(splitClarification(p.raw).rest),
          line: p.line,
          column: p.column,
        }));
      return field;
    });
  }
}

/** Join a value's pieces: a sub-label (`Backend:`) runs into what follows it. */
function extend(part: Part, text: string): void {
  if (text === "") return;
  if (part.raw === "") part.raw = text;
  else part.raw += /[:：]$/.test(part.raw) ? ` ${text}` : `; ${text}`;
}

// An unbolded `- Language: TypeScript` item.
const PLAIN_FIELD = /^([^:：*[\]]{2,40})[:：]\s*(.*)$/;
// A bold line that is only a name: `**Backend**`, `**Frontend:**`.
const BOLD_NAME = /^(?:\*\*|__)([^*_]{1,40}?)\s*[:：]?(?:\*\*|__)\s*[:：]?\s*$/;

function plainField(block: Block, lines: string[]): Field | null {
  if (block.kind !== "list-item") return null;
  const [first] = blockSegments(block, lines);
  const m = first && PLAIN_FIELD.exec(first.text);
  if (!first || !m) return null;
  const raw = m[2]!.trim();
  return {
    label: m[1]!.trim(),
    raw,
    value: plainText(raw),
    line: first.line,
    column: first.offset + first.text.indexOf(m[2]!) + 1,
  };
}

/** Whether block `i` starts with a Technical Context field (`- **Language/Version**: …`). */
function startsWithField(blocks: Block[], lines: string[], i: number): boolean {
  const b = blocks[i];
  if (!b || (b.kind !== "paragraph" && b.kind !== "list-item")) return false;
  const { fields } = blockScan(b, lines);
  if (fields.length) return fields[0]!.labelStart === 0 && keyOf(fields[0]!.label) !== undefined;
  const plain = plainField(b, lines);
  return plain !== null && keyOf(plain.label) !== undefined;
}

/**
 * How much of block `i` continues the open field: null when it does not belong to it, else the
 * index of the first of its fields that starts something new (its fields' count when none does).
 * The text before that field has been added to the open value.
 */
function continueOpen(open: Open, blocks: Block[], lines: string[], i: number): number | null {
  const b = blocks[i]!;
  const { joined, fields } = blockScan(b, lines);
  if (open.nestedOnly) {
    if (b.kind !== "list-item" || !isBelow(blocks, i, open.owner)) return null;
  } else if (b.kind === "paragraph" && !open.prose) {
    // Only a sub-label (`**Unix (Bash)**:`) over more bullets belongs; a tier label does not.
    const sub =
      fields.length === 1 &&
      fields[0]!.labelStart === 0 &&
      fields[0]!.raw === "" &&
      !keyOf(fields[0]!.label);
    if (!sub || startsWithField(blocks, lines, i + 1)) return null;
  } else if (b.kind !== "list-item" && b.kind !== "paragraph") return null;
  const breakAt = fields.findIndex((f) => {
    const key = keyOf(f.label);
    if (key) return key !== open.key;
    // A wrapped line that starts `**Development Approach**: TDD` is a field of its own.
    return f.atLineStart && f.labelStart > 0 && f.raw !== "";
  });
  const end = breakAt < 0 ? joined.length : fields[breakAt]!.labelStart;
  extend(open.part, joined.slice(0, end).trim());
  return breakAt < 0 ? fields.length : breakAt;
}

function newTier(name: string, blocks: Block[], i: number, atStart: boolean): Tier {
  const owner = blocks[i]!.kind === "list-item" && atStart ? i : -1;
  return {
    name: plainText(name)
      .replace(/[:：]$/, "")
      .trim(),
    owner,
    viaList: false,
  };
}

interface ReadState {
  open: Open | null;
  tier: Tier | null;
}

function opened(
  key: TechnicalContextKey,
  part: Part | null,
  field: Field,
  at: Omit<Open, "key" | "part">,
): Open {
  // A repeated field (first one wins) still takes its bullets, so they are not read as fields.
  return {
    key,
    part: part ?? { tier: "", raw: field.raw, line: field.line, column: field.column },
    ...at,
  };
}

/** The fields of one paragraph or list item, from its `from`-th label on. */
function readBlock(
  blocks: Block[],
  lines: string[],
  i: number,
  from: number,
  found: Fields,
  state: ReadState,
): ReadState {
  const b = blocks[i]!;
  let { tier } = state;
  const { joined, fields } = blockScan(b, lines);
  if (!fields.length) {
    const bold = BOLD_NAME.exec(joined.trim());
    if (bold && !keyOf(bold[1]!) && startsWithField(blocks, lines, i + 1))
      return { open: null, tier: newTier(bold[1]!, blocks, i, true) };
    const plain = plainField(b, lines);
    const key = plain && keyOf(plain.label);
    if (!plain || !key) return { open: null, tier };
    const part = found.add(key, plain, tier);
    return { open: opened(key, part, plain, { owner: i, nestedOnly: true, prose: false }), tier };
  }
  let open: Open | null = null;
  for (let k = from; k < fields.length; k++) {
    const f = fields[k]!;
    const key = keyOf(f.label);
    const last = k === fields.length - 1;
    if (!key) {
      if (last && f.raw === "" && startsWithField(blocks, lines, i + 1))
        tier = newTier(f.label, blocks, i, f.labelStart === 0);
      continue;
    }
    if (tier && tier.owner < 0 && tier.viaList && b.kind === "paragraph" && f.labelStart === 0)
      tier = null;
    if (tier && b.kind === "list-item") tier.viaList = true;
    const part = found.add(key, f, tier);
    if (last)
      open = opened(key, part, f, {
        owner: i,
        nestedOnly: b.kind === "list-item" && f.labelStart === 0,
        prose: false,
      });
  }
  return { open, tier };
}

/** Some plans write the context as a two-column table: | Item | Value | (header often empty). */
function readTable(table: TableBlock, found: Fields, tier: Tier | null): void {
  for (const row of table.rows) {
    const [label, value] = row;
    if (!label || !value) continue;
    const key = keyOf(plainText(label.raw));
    if (!key) continue;
    found.add(
      key,
      {
        label: plainText(label.raw),
        raw: value.raw,
        value: plainText(value.raw),
        line: value.line,
        column: value.column,
      },
      tier,
    );
  }
}

/** A sub-heading of Technical Context: a field (`### Performance Goals`) or a tier (`### Backend`). */
function readHeading(b: HeadingBlock, sections: Section[], found: Fields, i: number): ReadState {
  const own = sectionAt(sections, b.line);
  if (!own || own.kind === "technical-context") return { open: null, tier: null };
  const name = headingKey(own.title);
  const key = keyOf(name);
  if (!key) return { open: null, tier: { name, owner: -1, viaList: false } };
  const field = { label: name, raw: "", value: "", line: b.line, column: b.column };
  const part = found.add(key, field, null);
  return {
    open: opened(key, part, field, { owner: i, nestedOnly: false, prose: true }),
    tier: null,
  };
}

export function parseTechnicalContext(
  blocks: Block[],
  lines: string[],
  sections: Section[],
): TechnicalContextField[] {
  const found = new Fields();
  let state: ReadState = { open: null, tier: null };
  blocks.forEach((b, i) => {
    if (!withinKind(sections, b.line, ["technical-context"])) {
      state = { open: null, tier: null };
      return;
    }
    if (b.kind === "html") return;
    if (b.kind === "heading") {
      state = readHeading(b, sections, found, i);
      return;
    }
    if (b.kind === "table") {
      readTable(b, found, state.tier);
      state = { open: null, tier: state.tier };
      return;
    }
    if (b.kind !== "paragraph" && b.kind !== "list-item") {
      state = { open: null, tier: state.tier };
      return;
    }
    let { open, tier } = state;
    if (tier && tier.owner >= 0 && !isBelow(blocks, i, tier.owner)) tier = null;
    let from = 0;
    if (open) {
      const taken = continueOpen(open, blocks, lines, i);
      if (taken !== null && taken >= blockScan(b, lines).fields.length) {
        state = { open, tier };
        return;
      }
      from = taken ?? 0;
    }
    state = readBlock(blocks, lines, i, from, found, { open: null, tier });
  });
  return found.result();
}
