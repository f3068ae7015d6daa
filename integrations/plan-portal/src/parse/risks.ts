import { append } from "../util/append.ts";
import type { Block, TableBlock } from "./markdown.ts";
import { cell, cellColumn, findColumn, headerKeys, tableRows } from "./fields.ts";
import { dependenciesFromTable, isDependencyKey, parseDependencyProse } from "./dependencies.ts";
import { sectionKeys } from "./labels.ts";
import { parseRiskLists } from "./risk-lists.ts";
import { sectionIndexAt, withinKind } from "./sections.ts";
import type { Dependency, Risk, Section, TableRow } from "./types.ts";

export interface RiskParts {
  risks: Risk[];
  dependencies: Dependency[];
  assumptions: TableRow[];
}

/** A risk column's header, in the languages real plans use. */
const RISK_HEADER = /^risk|^risco|^riesgo|^risique|^threat|^concern|风险|風險|リスク|위험|리스크/;
/** A heading over risks: its tables are risk registers even when their first column says "Item". */
const RISK_SECTION =
  /\brisks?\b|\briesgos?\b|\briscos?\b|\brisik|\brisques?\b|\brischi|リスク|风险|風險|위험|리스크/i;

/** A likelihood column that gives a scale, `Likelihood (1-3)` or `Probability /10`: its maximum. */
function statedScale(table: TableBlock, key: string | undefined): number | null {
  if (!key) return null;
  const header = table.header[headerKeys(table).indexOf(key)]?.raw ?? "";
  const m = /\b[01]\s*[-–—]\s*(\d+)\b|\/\s*(\d+)\b|\bof\s+(\d+)\b/.exec(header);
  const max = m ? Number(m[1] ?? m[2] ?? m[3]) : NaN;
  return max > 1 ? max : null;
}

/**
 * Rows of a risk table: one with a Probability/Likelihood column, or one that leads with a Risk
 * column and says its impact or mitigation (Risk | Mitigation | Status too); in a risks section,
 * any table with a likelihood, impact or mitigation column. A table with a due date is a
 * dependencies table, whatever else it says.
 */
function risksFrom(table: TableBlock, inRiskSection: boolean): Risk[] {
  const probability = findColumn(table, [
    /probab/,
    /likelihood/,
    /chance/,
    /wahrscheinlich/,
    /可能性|概率|機率|確率|발생 가능성|가능성|probabilidade|probabilidad/,
  ]);
  const impact = findColumn(table, [
    /^impact/,
    /severity/,
    /^auswirkung|^schwere/,
    /影响|影響|영향|심각도|impacto|gravedad|gravidade/,
  ]);
  const mitigation = findColumn(table, [
    /mitiga/,
    /response/,
    /contingenc/,
    /gegenma|ma[ßs]nahme|minderung/,
    /缓解|緩解|应对|應對|对策|對策|対策|対応|완화|대응/,
  ]);
  const keys = headerKeys(table);
  const riskKey = keys.find((k) => RISK_HEADER.test(k));
  // A dependencies table may have a Risk column; risks are the rows of a table that leads with them.
  const leads = keys.slice(0, 2).some((k) => RISK_HEADER.test(k));
  if (findColumn(table, [/^due/, /deadline/])) return [];
  const says = impact ?? mitigation;
  if (!probability && !(leads && says) && !(inRiskSection && (says ?? probability))) return [];
  const text = riskKey ?? keys.find((k) => k !== "" && k !== "#" && k !== "id") ?? keys[0];
  const owner = findColumn(table, [/owner/, /respons/, /负责人|負責|担当|담당/]);
  const scale = statedScale(table, probability);
  return tableRows(table).map((row) => {
    const p = cell(row, probability);
    return {
      text: cell(row, text) || Object.values(row.cells)[0] || "",
      // A bare score on the column's stated scale keeps its scale: "2" of `Likelihood (1-3)` → "2/3".
      probability: scale && /^\d+(?:\.\d+)?$/.test(p) ? `${p}/${scale}` : p,
      impact: cell(row, impact),
      owner: cell(row, owner),
      mitigation: cell(row, mitigation),
      rated: probability !== undefined,
      probabilityColumn: cellColumn(row, probability),
      impactColumn: cellColumn(row, impact),
      line: row.line,
      column: row.column,
    };
  });
}

/** Per section: whether it or a section above it has a heading key that passes `test`. */
function titledWithin(sections: Section[], test: (key: string) => boolean): boolean[] {
  const keys = sectionKeys(sections);
  const out: boolean[] = [];
  sections.forEach((s, i) => out.push((s.parent >= 0 && out[s.parent]!) || test(keys[i]!)));
  return out;
}

export function parseRisks(blocks: Block[], lines: string[], sections: Section[]): RiskParts {
  const parts: RiskParts = { risks: [], dependencies: [], assumptions: [] };
  const withRiskTable = new Set<number>();
  let riskTitled: boolean[] | null = null;
  let dependencyTitled: boolean[] | null = null;
  for (const block of blocks) {
    if (block.kind !== "table") continue;
    const s = sectionIndexAt(sections, block.line);
    riskTitled ??= titledWithin(sections, (k) => RISK_SECTION.test(k));
    const inRisks =
      s >= 0 &&
      riskTitled[s]! &&
      !withinKind(sections, block.line, ["assumptions", "dependencies-blockers", "open-questions"]);
    const risks = risksFrom(block, inRisks);
    if (risks.length) {
      append(parts.risks, risks);
      withRiskTable.add(s);
      continue;
    }
    if (withinKind(sections, block.line, ["assumptions"])) {
      append(parts.assumptions, tableRows(block));
      continue;
    }
    if (
      withinKind(sections, block.line, ["dependencies-blockers", "risk-assessment"]) ||
      (s >= 0 && (dependencyTitled ??= titledWithin(sections, isDependencyKey))[s]!) ||
      /blocker/i.test(block.header.map((c) => c.raw).join(" "))
    ) {
      append(parts.dependencies, dependenciesFromTable(block));
    }
  }
  append(parts.risks, parseRiskLists(blocks, lines, sections, withRiskTable));
  append(parts.dependencies, parseDependencyProse(blocks, lines, sections));
  parts.risks.sort((a, b) => a.line - b.line);
  parts.dependencies.sort((a, b) => a.line - b.line);
  return parts;
}
