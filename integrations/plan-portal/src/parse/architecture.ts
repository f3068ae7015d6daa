import type { Block, ListItemBlock, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { parseEndpoints } from "./endpoints.ts";
import { parseErrorCodes } from "./error-codes.ts";
import { blockFields, cell, cellColumn, findColumn, tableRows } from "./fields.ts";
import { parseComplexity, parseGates } from "./gates.ts";
import { withinKind } from "./sections.ts";
import type {
  Component,
  Endpoint,
  Entity,
  ErrorCode,
  ExternalDependency,
  Field,
  Gate,
  Section,
  TableRow,
} from "./types.ts";

export { normaliseContract } from "./endpoints.ts";
export { gateState } from "./gates.ts";

export interface ArchitectureParts {
  components: Component[];
  errorCodes: ErrorCode[];
  entities: Entity[];
  externalDependencies: ExternalDependency[];
  endpoints: Endpoint[];
  gates: Gate[];
  complexity: TableRow[];
  architecturePattern: Field | null;
}

/** Only the template's table (Component | Responsibility | New/Modified | Phase | Location). */
function componentsFrom(table: TableBlock): Component[] {
  const name = findColumn(table, [/^component/]);
  if (!name) return [];
  const location = findColumn(table, [/location/, /^path/, /^file/]);
  const phase = findColumn(table, [/^phase/]);
  const responsibility = findColumn(table, [/responsib/]);
  if (!responsibility || !(phase || location)) return [];
  const change = findColumn(table, [/new.*modified/, /^change/, /^type/, /^status/]);
  return tableRows(table).map((row) => ({
    name: cell(row, name),
    responsibility: cell(row, responsibility),
    change: cell(row, change),
    phase: cell(row, phase),
    location: cell(row, location),
    line: row.line,
    column: cellColumn(row, location ?? name),
    phaseColumn: cellColumn(row, phase ?? name),
  }));
}

/** A table naming services with their Type, Protocol or Criticality (not a blockers table). */
function externalDependenciesFrom(table: TableBlock): ExternalDependency[] {
  const name = findColumn(table, [
    /^dependency/,
    /^service/,
    /^system/,
    /^provider/,
    /^integration/,
  ]);
  const type = findColumn(table, [/^type/]);
  const protocol = findColumn(table, [/^protocol/]);
  const purpose = findColumn(table, [/^purpose/, /used for/]);
  const criticality = findColumn(table, [/criticality/]);
  if (!name || findColumn(table, [/^status/]) || !(type || protocol || criticality)) return [];
  return tableRows(table).map((row) => ({
    name: cell(row, name),
    type: cell(row, type),
    protocol: cell(row, protocol),
    purpose: cell(row, purpose),
    criticality: cell(row, criticality),
    line: row.line,
    column: row.column,
  }));
}

/** The first `**Pattern**: …` field of the architecture sections. */
function parseArchitecturePattern(
  blocks: Block[],
  lines: string[],
  sections: Section[],
): Field | null {
  for (const block of blocks) {
    if (block.kind !== "paragraph" && block.kind !== "list-item") continue;
    if (!withinKind(sections, block.line, ["architecture", "architecture-pattern"])) continue;
    const field = blockFields(block, lines).find((x) => /^pattern( used)?$/i.test(x.label));
    if (field) return field;
  }
  return null;
}

/** `- **Order** (P1) - One checkout's purchase`; `**Label**: value` lines are fields, not entities. */
function entityFrom(item: ListItemBlock): Entity[] {
  const m = /^\*\*([^*:]+)\*\*\s*(?:\(([^)]*)\))?\s*[-–—]\s*(.*)$/.exec(item.raw);
  if (!m) return [];
  return [
    {
      name: m[1]!.trim(),
      phase: (m[2] ?? "").trim(),
      description: plainText(m[3]!),
      line: item.line,
      column: item.column,
    },
  ];
}

/** Entities listed in the data model sections. */
function parseEntities(blocks: Block[], sections: Section[]): Entity[] {
  return blocks.flatMap((block) =>
    block.kind === "list-item" &&
    withinKind(sections, block.line, ["data-model", "data-architecture"])
      ? entityFrom(block)
      : [],
  );
}

/** The plan's architecture: components, contracts, error codes, entities, gates, each read apart. */
export function parseArchitecture(
  blocks: Block[],
  lines: string[],
  sections: Section[],
): ArchitectureParts {
  const tables = blocks.filter((b): b is TableBlock => b.kind === "table");
  return {
    components: tables.flatMap(componentsFrom),
    errorCodes: parseErrorCodes(blocks, lines, sections),
    entities: parseEntities(blocks, sections),
    externalDependencies: tables.flatMap(externalDependenciesFrom),
    endpoints: parseEndpoints(blocks, lines, sections),
    gates: parseGates(blocks, sections),
    complexity: parseComplexity(blocks, sections),
    architecturePattern: parseArchitecturePattern(blocks, lines, sections),
  };
}
