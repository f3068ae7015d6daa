import type { Block } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { blockFields, blockSegments } from "./fields.ts";
import { withinKind } from "./sections.ts";
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

export function valueState(raw: string): ValueState {
  const value = plainText(raw);
  if (value === "") return "empty";
  if (/^\[\s*(e\.g\.|if applicable|domain-specific|single\/web\/mobile)/i.test(raw.trim()))
    return "placeholder";
  if (/NEEDS[ _-]CLARIFICATION/.test(value)) return "needs-clarification";
  if (/^\[[^\]]*\]$/.test(raw.trim()) && !/\]\(/.test(raw)) return "placeholder";
  if (/^(tbd|todo|\?+|-|—)$/i.test(value)) return "placeholder";
  return "filled";
}

function toField(field: Field): TechnicalContextField | null {
  const label = field.label.trim();
  const key = KEYS.find(([, re]) => re.test(label))?.[0];
  return key ? { ...field, key, state: valueState(field.raw) } : null;
}

export function parseTechnicalContext(
  blocks: Block[],
  lines: string[],
  sections: Section[],
): TechnicalContextField[] {
  const found: TechnicalContextField[] = [];
  const seen = new Set<TechnicalContextKey>();
  const keep = (f: Field | null) => {
    const field = f && toField(f);
    if (field && !seen.has(field.key)) {
      seen.add(field.key);
      found.push(field);
    }
  };
  blocks.forEach((block, index) => {
    if (!withinKind(sections, block.line, ["technical-context"])) return;
    if (block.kind === "table") {
      // Some plans write the context as a two-column table: | Item | Value | (header often empty).
      for (const row of block.rows) {
        const [label, value] = row;
        if (!label || !value) continue;
        keep({
          label: plainText(label.raw),
          raw: value.raw,
          value: plainText(value.raw),
          line: value.line,
          column: value.column,
        });
      }
      return;
    }
    const fields = blockFields(block, lines);
    if (fields.length) {
      for (const f of fields) {
        // `**Testing**:` with the value in the bullets below it.
        if (f.raw === "" && f === fields[fields.length - 1])
          keep(withFollowingItems(f, blocks, index));
        else keep(f);
      }
      return;
    }
    if (block.kind === "list-item") {
      // Unbolded `- Language: TypeScript` items.
      const [first] = blockSegments(block, lines);
      const m = first && /^([^:：*[\]]{2,40})[:：]\s*(.*)$/.exec(first.text);
      if (first && m) {
        const raw = m[2]!.trim();
        keep({
          label: m[1]!.trim(),
          raw,
          value: plainText(raw),
          line: first.line,
          column: first.offset + first.text.indexOf(m[2]!) + 1,
        });
      }
    }
  });
  return found;
}

/**
 * An empty field's value taken from what follows it: nested list items, and sub-labelled
 * paragraphs such as "**Unix (Bash)**:" with their lists, up to the next Technical Context label.
 * A label that a formatter wrapped into the middle of a list item takes the following items.
 */
function withFollowingItems(field: Field, blocks: Block[], index: number): Field {
  const parts: string[] = [];
  const owner = blocks[index]!;
  const nestedOnly = owner.kind === "list-item" && field.column <= owner.column + 2;
  for (let i = index + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === "paragraph") {
      const label = /^(?:\*\*|__)([^*_]+?)(?:\*\*|__)?\s*[:：]/.exec(b.lines[0]?.text ?? "")?.[1];
      if (nestedOnly || !label || KEYS.some(([, re]) => re.test(label.trim()))) break;
      parts.push(b.lines.map((l) => l.text).join(" "));
      continue;
    }
    if (b.kind !== "list-item") break;
    if (
      nestedOnly
        ? b.indent <= owner.indent
        : KEYS.some(([, re]) => re.test(plainText(b.raw).split(/[:：]/)[0]!.trim()))
    )
      break;
    parts.push(b.raw);
  }
  if (!parts.length) return field;
  const raw = parts.join("; ");
  return { ...field, raw, value: plainText(raw) };
}
