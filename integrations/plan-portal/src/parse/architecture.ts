import { append } from "../util/append.ts";
import type { Block, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { blockFields, blockSegments, cell, cellColumn, findColumn, tableRows } from "./fields.ts";
import { sectionAt, withinKind } from "./sections.ts";
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

const HTTP_METHOD = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS";
// Global versions for matchAll only; single matches use the non-global ones, so no lastIndex
// state leaks from one call (or one plan) into the next.
const ENDPOINTS = new RegExp(`\\b(${HTTP_METHOD})\\s+(\\/[^\\s\`|)*,;]*)`, "g");
const ENDPOINT = new RegExp(ENDPOINTS.source);
const ERROR_CODES = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const ERROR_CODE = new RegExp(`^${ERROR_CODES.source}$`);

function componentsFrom(table: TableBlock): Component[] {
  const name = findColumn(table, [/^component/]);
  if (!name) return [];
  const location = findColumn(table, [/location/, /^path/, /^file/]);
  const phase = findColumn(table, [/^phase/]);
  const responsibility = findColumn(table, [/responsib/]);
  // Only the template's table (Component | Responsibility | New/Modified | Phase | Location).
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
  // Upper-case PASS/FAIL/VIOLATION are verdicts; lower-case words only at the start of a status.
  const passes = (t: string) =>
    /✅|✓|✔|\bPASS(ED)?\b/.test(t) || /^(pass(ed)?|ok|compliant|yes|통과|合格|通过)\b/i.test(t);
  const fails = (t: string) =>
    /❌|✗|✘|⛔|\bFAIL(ED)?\b|\bVIOLATION\b/.test(t) ||
    /^(fail(ed)?|violat\w*|non-compliant)\b/i.test(t);
  if (checked === true) return "pass";
  if (passes(plain) || passes(verdict)) return "pass";
  if (fails(plain) || fails(verdict)) return "fail";
  return "unknown";
}

export function parseArchitecture(
  blocks: Block[],
  lines: string[],
  sections: Section[],
): ArchitectureParts {
  const parts: ArchitectureParts = {
    components: [],
    errorCodes: [],
    entities: [],
    externalDependencies: [],
    endpoints: [],
    gates: [],
    complexity: [],
    architecturePattern: null,
  };
  const codes = new Set<string>();
  const endpointKeys = new Map<string, Endpoint>();

  const addEndpoint = (
    source: Endpoint["source"],
    method: string,
    rawPath: string,
    line: number,
    column: number,
    contract: string,
  ) => {
    const path = rawPath.replace(/[.:]+$/, "");
    const key = `${method} ${path}`;
    const known = endpointKeys.get(key);
    if (known) {
      // A mention in prose before the contract heading: the definition wins.
      if (known.source === "inline" && source !== "inline")
        Object.assign(known, { line, column, contract, source });
      return;
    }
    const endpoint: Endpoint = { method, path, line, column, contract, source };
    endpointKeys.set(key, endpoint);
    parts.endpoints.push(endpoint);
  };

  for (const block of blocks) {
    const section = sectionAt(sections, block.line);
    const kind = section?.kind;

    if (block.kind === "heading") {
      // `#### Endpoint: POST /api/v1/orders` — the contract is everything below it.
      const text = plainText(block.raw);
      const m = ENDPOINT.exec(text);
      if (m && section) {
        const body = lines.slice(section.line, section.endLine).join("\n");
        addEndpoint(
          "heading",
          m[1]!,
          m[2]!,
          block.line,
          block.column + block.raw.indexOf(m[1]!),
          normaliseContract(body),
        );
      }
      continue;
    }

    if (block.kind === "table") {
      append(parts.components, componentsFrom(block));
      append(parts.externalDependencies, externalDependenciesFrom(block));
      if (kind === "complexity-tracking") append(parts.complexity, tableRows(block));
      const method = findColumn(block, [/^method/, /^verb/]);
      const path = findColumn(block, [/^path/, /^endpoint/, /^route/, /^url/]);
      for (const row of tableRows(block)) {
        if (method && path) {
          const p = cell(row, path);
          const verb = cell(row, method).toUpperCase();
          if (new RegExp(`^(${HTTP_METHOD})$`).test(verb) && p.startsWith("/")) {
            addEndpoint(
              "table",
              verb,
              p.split(/\s/)[0]!,
              row.line,
              cellColumn(row, method),
              normaliseContract(Object.values(row.cells).join(" | ")),
            );
          }
        } else if (path) {
          const m = ENDPOINT.exec(cell(row, path));
          if (m)
            addEndpoint(
              "table",
              m[1]!,
              m[2]!,
              row.line,
              cellColumn(row, path),
              normaliseContract(Object.values(row.cells).join(" | ")),
            );
        }
      }
      const code = findColumn(block, [/^(error )?code$/, /^error$/]);
      if (code) {
        const description = findColumn(block, [/description/, /meaning/, /message/, /when/]);
        for (const row of tableRows(block)) {
          const value = cell(row, code).replace(/`/g, "");
          if (ERROR_CODE.test(value) && !codes.has(value)) {
            codes.add(value);
            parts.errorCodes.push({
              code: value,
              description: cell(row, description),
              line: row.line,
              column: cellColumn(row, code),
            });
          }
        }
      }
      if (withinKind(sections, block.line, ["constitution-check"])) {
        const status = findColumn(block, [
          /^status/,
          /^result/,
          /^verdict/,
          /^pass/,
          /^compliance$|^compliant/,
        ]);
        const gate =
          findColumn(block, [/gate/, /principle/, /check/, /rule/]) ?? findColumn(block, [/./]);
        for (const row of tableRows(block)) {
          const state = gateState(
            status ? cell(row, status) : Object.values(row.cells).join(" "),
            null,
          );
          parts.gates.push({ text: cell(row, gate), state, line: row.line, column: row.column });
        }
      }
      continue;
    }

    if (block.kind !== "paragraph" && block.kind !== "list-item") continue;
    const segments = blockSegments(block, lines);

    if (
      withinKind(sections, block.line, ["constitution-check"]) &&
      block.kind === "list-item" &&
      block.parent === -1
    ) {
      const text = plainText(block.raw);
      if (text)
        parts.gates.push({
          text,
          state: gateState(block.raw, block.checked),
          line: block.line,
          column: block.column,
        });
    }

    if (
      !parts.architecturePattern &&
      withinKind(sections, block.line, ["architecture", "architecture-pattern"])
    ) {
      parts.architecturePattern =
        blockFields(block, lines).find((x) => /^pattern( used)?$/i.test(x.label)) ?? null;
    }
    for (const { text: masked, line, offset } of segments) {
      const source = { text: masked, line };
      // Inline `GET /api/v1/orders/{id}` in API sections.
      if (
        withinKind(sections, source.line, [
          "api-contracts",
          "api-design",
          "integration-architecture",
        ]) ||
        /`(GET|POST|PUT|PATCH|DELETE) \//.test(masked)
      ) {
        for (const m of masked.matchAll(ENDPOINTS)) {
          addEndpoint(
            "inline",
            m[1]!,
            m[2]!,
            source.line,
            offset + m.index + 1,
            normaliseContract(plainText(source.text)),
          );
        }
      }
      if (
        withinKind(sections, source.line, ["error-handling"]) ||
        /\*\*error codes?\*\*/i.test(masked)
      ) {
        for (const m of masked.matchAll(ERROR_CODES)) {
          const code = m[0];
          if (codes.has(code) || /^(HTTP|JSON|API|UTF|ISO|TLS|SQL|PII)_/.test(code)) continue;
          codes.add(code);
          // `- \`CODE\` (402) — meaning`: the HTTP status is not part of the meaning.
          const rest = plainText(source.text.slice(m.index + code.length))
            .replace(/^[`\s:–—-]+/, "")
            .replace(/^\(?\d{3}\)?\s*[—–:-]?\s*/, "");
          parts.errorCodes.push({
            code,
            description: rest,
            line: source.line,
            column: offset + m.index + 1,
          });
        }
      }
    }

    if (
      block.kind === "list-item" &&
      withinKind(sections, block.line, ["data-model", "data-architecture"])
    ) {
      // `- **Order** (P1) - One checkout's purchase`; `**Label**: value` lines are fields, not entities.
      const m = /^\*\*([^*:]+)\*\*\s*(?:\(([^)]*)\))?\s*[-–—]\s*(.*)$/.exec(block.raw);
      if (m) {
        parts.entities.push({
          name: m[1]!.trim(),
          phase: (m[2] ?? "").trim(),
          description: plainText(m[3]!),
          line: block.line,
          column: block.column,
        });
      }
    }
  }
  return parts;
}

/** Contract text compared across plans: whitespace, case and markdown noise folded. */
export function normaliseContract(text: string): string {
  return plainText(text).toLowerCase().replace(/\s+/g, " ").trim();
}
