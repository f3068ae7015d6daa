import type { Block } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { blockLines, fieldsOnLine } from "./fields.ts";
import { withinKind } from "./sections.ts";
import type {
  Field,
  Section,
  TechnicalContextField,
  TechnicalContextKey,
  ValueState,
} from "./types.ts";

const KEYS: [TechnicalContextKey, RegExp][] = [
  ["language", /language|^version$|言語|语言|語言|언어|linguagem|lenguaje/i],
  ["dependencies", /dependenc|依赖|依賴|依存|의존|depend[êe]ncias/i],
  ["storage", /storage|database|存储|存儲|ストレージ|저장|armazenamento|almacenamiento/i],
  ["testing", /^test|测试|測試|テスト|테스트|testes|pruebas/i],
  ["platform", /platform|平台|プラットフォーム|플랫폼|plataforma/i],
  [
    "projectType",
    /project\s*type|项目类型|專案類型|プロジェクト(種別|タイプ)|프로젝트 (유형|타입)|tipo de projeto/i,
  ],
  ["performance", /performance|性能|パフォーマンス|성능|desempenho|rendimiento/i],
  ["constraints", /constraint|约束|限制|制約|제약|restri[çc]/i],
  ["scale", /scale|scope|规模|規模|스케일|규모|범위|escala|escopo/i],
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
  const keep = (f: TechnicalContextField | null) => {
    if (f && !seen.has(f.key)) {
      seen.add(f.key);
      found.push(f);
    }
  };
  for (const block of blocks) {
    if (!withinKind(sections, block.line, ["technical-context"])) continue;
    if (block.kind === "table") {
      // Some plans write the context as a two-column table: | Item | Value |.
      for (const row of block.rows) {
        const [label, value] = row;
        if (!label || !value) continue;
        keep(
          toField({
            label: plainText(label.raw),
            raw: value.raw,
            value: plainText(value.raw),
            line: value.line,
            column: value.column,
          }),
        );
      }
      continue;
    }
    for (const { source, offset } of blockLines(block, lines)) {
      const fields = fieldsOnLine(source, offset);
      if (fields.length) fields.forEach((f) => keep(toField(f)));
      else {
        // Unbolded `Language/Version: Python 3.12` list items.
        const m = /^([^:：*[\]]{2,40})[:：]\s*(.*)$/.exec(source.text);
        if (m && block.kind === "list-item") {
          const raw = m[2]!.trim();
          keep(
            toField({
              label: m[1]!.trim(),
              raw,
              value: plainText(raw),
              line: source.line,
              column: offset + source.text.indexOf(m[2]!) + 1,
            }),
          );
        }
      }
    }
  }
  return found;
}
