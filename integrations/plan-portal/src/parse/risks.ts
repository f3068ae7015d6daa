import { append } from "../util/append.ts";
import type { Block, TableBlock } from "./markdown.ts";
import { cell, cellColumn, findColumn, tableRows } from "./fields.ts";
import { withinKind } from "./sections.ts";
import type { Dependency, Risk, Section, TableRow } from "./types.ts";

export interface RiskParts {
  risks: Risk[];
  dependencies: Dependency[];
  assumptions: TableRow[];
}

function risksFrom(table: TableBlock): Risk[] {
  const probability = findColumn(table, [
    /probab/,
    /likelihood/,
    /chance/,
    /可能性|概率|確率|발생 가능성|가능성|probabilidade/,
  ]);
  const impact = findColumn(table, [/^impact/, /severity/, /影响|影響|영향|impacto/]);
  const text = findColumn(table, [/^risk/, /^description/, /^threat/, /风险|リスク|위험|risco/]);
  // A dependencies table may have a Risk column; risks are the rows of a table that leads with them.
  const leads =
    text !== undefined &&
    table.header.slice(0, 2).some((c) => /risk|risco|风险|リスク|위험/i.test(c.raw));
  if (findColumn(table, [/^status/, /^due/])) return [];
  if (!probability && !(leads && impact)) return [];
  const owner = findColumn(table, [/owner/, /负责人|担当|담당/]);
  const mitigation = findColumn(table, [/mitigation/, /response/, /缓解|対策|완화/]);
  return tableRows(table).map((row) => ({
    text: cell(row, text) || Object.values(row.cells)[0] || "",
    probability: cell(row, probability),
    impact: cell(row, impact),
    owner: cell(row, owner),
    mitigation: cell(row, mitigation),
    rated: probability !== undefined,
    probabilityColumn: cellColumn(row, probability),
    impactColumn: cellColumn(row, impact),
    line: row.line,
    column: row.column,
  }));
}

function dependenciesFrom(table: TableBlock): Dependency[] {
  const status = findColumn(table, [/^status/, /状态|状態|상태/]);
  const text = findColumn(table, [
    /^dependency/,
    /^blocker/,
    /^item/,
    /^depends/,
    /依赖|依存|의존/,
  ]);
  if (!status || !text) return [];
  const owner = findColumn(table, [/owner/, /负责人|担当|담당/]);
  const due = findColumn(table, [/due/, /date/, /deadline/, /target/]);
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

export function parseRisks(blocks: Block[], sections: Section[]): RiskParts {
  const parts: RiskParts = { risks: [], dependencies: [], assumptions: [] };
  for (const block of blocks) {
    if (block.kind !== "table") continue;
    const risks = risksFrom(block);
    if (risks.length) {
      append(parts.risks, risks);
      continue;
    }
    if (withinKind(sections, block.line, ["assumptions"])) {
      append(parts.assumptions, tableRows(block));
      continue;
    }
    if (
      withinKind(sections, block.line, ["dependencies-blockers", "risk-assessment"]) ||
      /blocker/i.test(block.header.map((c) => c.raw).join(" "))
    ) {
      append(parts.dependencies, dependenciesFrom(block));
    }
  }
  return parts;
}
