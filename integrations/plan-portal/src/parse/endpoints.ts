import type { Block, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { blockSegments, cell, cellColumn, findColumn, tableRows } from "./fields.ts";
import { sectionAt, withinKind } from "./sections.ts";
import type { Endpoint, Section } from "./types.ts";

const HTTP_METHOD = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS";
// Global version for matchAll only; single matches use the non-global one, so no lastIndex state
// leaks from one call (or one plan) into the next.
const ENDPOINTS = new RegExp(`\\b(${HTTP_METHOD})\\s+(\\/[^\\s\`|)*,;]*)`, "g");
const ENDPOINT = new RegExp(ENDPOINTS.source);
const METHOD = new RegExp(`^(${HTTP_METHOD})$`);

/** Contract text compared across plans: whitespace, case and markdown noise folded. */
export function normaliseContract(text: string): string {
  return plainText(text).toLowerCase().replace(/\s+/g, " ").trim();
}

/** Endpoints by `METHOD /path`, in the order first seen; a definition replaces a mere mention. */
class EndpointList {
  readonly list: Endpoint[] = [];
  private readonly index = new Map<string, number>();

  add(found: Endpoint): void {
    // Trailing punctuation of the sentence is not part of the path.
    const path = found.path.replace(/[.:]+$/, "");
    const { method, line, column, contract, source } = found;
    const endpoint: Endpoint = { method, path, line, column, contract, source };
    const key = `${endpoint.method} ${path}`;
    const at = this.index.get(key);
    if (at === undefined) {
      this.index.set(key, this.list.length);
      this.list.push(endpoint);
    } else if (this.list[at]!.source === "inline" && endpoint.source !== "inline") {
      // A mention in prose before the contract heading: the definition wins.
      this.list[at] = endpoint;
    }
  }
}

/** `#### Endpoint: POST /api/v1/orders` — the contract is everything below the heading. */
function fromHeading(block: Block & { kind: "heading" }, ctx: Context): void {
  const m = ENDPOINT.exec(plainText(block.raw));
  const section = sectionAt(ctx.sections, block.line);
  if (!m || !section) return;
  ctx.found.add({
    source: "heading",
    method: m[1]!,
    path: m[2]!,
    line: block.line,
    column: block.column + block.raw.indexOf(m[1]!),
    contract: normaliseContract(ctx.lines.slice(section.line, section.endLine).join("\n")),
  });
}

/** Rows of a table with Method and Path columns, or a Path/Endpoint column holding `GET /x`. */
function fromTable(table: TableBlock, ctx: Context): void {
  const method = findColumn(table, [/^method/, /^verb/]);
  const path = findColumn(table, [/^path/, /^endpoint/, /^route/, /^url/]);
  if (!path) return;
  for (const row of tableRows(table)) {
    const contract = () => normaliseContract(Object.values(row.cells).join(" | "));
    if (method) {
      const p = cell(row, path);
      const verb = cell(row, method).toUpperCase();
      if (!METHOD.test(verb) || !p.startsWith("/")) continue;
      ctx.found.add({
        source: "table",
        method: verb,
        path: p.split(/\s/)[0]!,
        line: row.line,
        column: cellColumn(row, method),
        contract: contract(),
      });
    } else {
      const m = ENDPOINT.exec(cell(row, path));
      if (!m) continue;
      ctx.found.add({
        source: "table",
        method: m[1]!,
        path: m[2]!,
        line: row.line,
        column: cellColumn(row, path),
        contract: contract(),
      });
    }
  }
}

/** Inline `GET /api/v1/orders/{id}` in API sections, or in code spans anywhere. */
function fromProse(block: Block, ctx: Context): void {
  for (const { text, line, offset } of blockSegments(block, ctx.lines)) {
    const inApiSection = withinKind(ctx.sections, line, [
      "api-contracts",
      "api-design",
      "integration-architecture",
    ]);
    if (!inApiSection && !/`(GET|POST|PUT|PATCH|DELETE) \//.test(text)) continue;
    for (const m of text.matchAll(ENDPOINTS)) {
      ctx.found.add({
        source: "inline",
        method: m[1]!,
        path: m[2]!,
        line,
        column: offset + m.index + 1,
        contract: normaliseContract(plainText(text)),
      });
    }
  }
}

interface Context {
  lines: string[];
  sections: Section[];
  found: EndpointList;
}

/** API endpoints the plan defines (contract headings, endpoint tables) or mentions (inline). */
export function parseEndpoints(blocks: Block[], lines: string[], sections: Section[]): Endpoint[] {
  const ctx: Context = { lines, sections, found: new EndpointList() };
  for (const block of blocks) {
    if (block.kind === "heading") fromHeading(block, ctx);
    else if (block.kind === "table") fromTable(block, ctx);
    else if (block.kind === "paragraph" || block.kind === "list-item") fromProse(block, ctx);
  }
  return ctx.found.list;
}
