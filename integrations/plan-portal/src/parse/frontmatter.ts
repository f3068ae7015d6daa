import { load as loadYaml, YAMLException } from "js-yaml";
import type { FrontmatterBlock } from "./markdown.ts";
import type { Field, Located, Plan, StructuralIssue } from "./types.ts";

export interface FrontmatterResult {
  /** The front matter's fields; null when there are none or they cannot be read. */
  data: Record<string, unknown> | null;
  /** Why the front matter was not read as fields, at the line where it goes wrong. */
  issue: StructuralIssue | null;
}

/** Plain-language name of a YAML value that is not a mapping. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? "text" : `a ${typeof value}`;
}

function where(block: FrontmatterBlock): string {
  return `lines ${block.line}–${block.endLine}`;
}

/** Position of a YAML error in plan.md: the YAML starts on the line after the opening `---`. */
function errorAt(block: FrontmatterBlock, error: unknown): { line: number; column: number } {
  if (!(error instanceof YAMLException)) return { line: block.line, column: block.column };
  const line = block.line + 1 + error.mark.line;
  const last = Math.max(block.line + 1, block.endLine - 1);
  return line > last ? { line: last, column: 1 } : { line, column: error.mark.column + 1 };
}

function invalid(block: FrontmatterBlock, error: unknown): StructuralIssue {
  const reason =
    error instanceof YAMLException ? error.reason : error instanceof Error ? error.message : "";
  return {
    kind: "invalid-frontmatter",
    message: `The YAML front matter (${where(block)}) does not parse: ${reason}. Its fields are ignored and the portal does not show these lines.`,
    ...errorAt(block, error),
  };
}

function notFields(block: FrontmatterBlock, value: unknown): StructuralIssue {
  return {
    kind: "invalid-frontmatter",
    message: `The front matter (${where(block)}) is ${kindOf(value)}, not "key: value" fields, so it is ignored and the portal does not show these lines.`,
    line: block.line,
    column: block.column,
  };
}

/** Front matter → its fields, or the reason it has none. Empty front matter is fine. */
export function readFrontmatter(block: FrontmatterBlock): FrontmatterResult {
  let value: unknown;
  try {
    value = loadYaml(block.raw);
  } catch (error) {
    // A YAMLException says where; a RangeError (absurd nesting) only what. Either is reported.
    return { data: null, issue: invalid(block, error) };
  }
  if (value === null || value === undefined) return { data: null, issue: null };
  if (typeof value === "object" && !Array.isArray(value))
    return { data: value as Record<string, unknown>, issue: null };
  return { data: null, issue: notFields(block, value) };
}

/** Front matter keys that stand for a header field, lower-cased (`created_at`, `Last-Updated` …). */
const HEADER_KEYS: [keyof FrontmatterHeader, RegExp][] = [
  ["branch", /^(feature[_ -]?)?branch$/],
  [
    "date",
    /^(date|created|created[_ -]?(at|on)|creation[_ -]?date|updated|updated[_ -]?(at|on)|last[_ -]?updated|modified)$/,
  ],
  ["spec", /^(spec|specification|spec[_ -]?(link|file|path)|feature[_ -]?spec)$/],
  ["status", /^(status|state|plan[_ -]?status)$/],
];
const RELATED = /^(related|references|see[_ -]?also|links)$/;

/** Header fields the front matter gives, positioned on their YAML lines. */
export type FrontmatterHeader = Pick<Plan["header"], "branch" | "date" | "spec" | "status">;

/** A YAML scalar as a plan would write it; a date YAML read as a timestamp becomes YYYY-MM-DD. */
function scalarText(value: unknown): string | null {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** The first line of the block (at or after `from`) that holds `text`, as a position in plan.md. */
function locate(block: FrontmatterBlock, text: string, from = 0): Located & { index: number } {
  const rows = block.raw.split("\n");
  for (let i = from; i < rows.length; i++) {
    const at = rows[i]!.indexOf(text);
    if (at >= 0) return { line: block.line + 1 + i, column: at + 1, index: i };
  }
  return { line: block.line, column: block.column, index: from };
}

/** `key: value` as a header field, on the line of its key. */
function field(block: FrontmatterBlock, key: string, value: string): Field {
  const at = locate(block, `${key}:`);
  const row = block.raw.split("\n")[at.index] ?? "";
  const offset = row.indexOf(value, at.column - 1 + key.length + 1);
  return {
    label: key,
    value,
    raw: value,
    line: at.line,
    column: offset >= 0 ? offset + 1 : at.column,
  };
}

/** The key holding the plan's references (`related:`, `references:`, `see_also:`), if any. */
function relatedKey(data: Record<string, unknown>): string | undefined {
  return Object.keys(data).find((k) => RELATED.test(k.toLowerCase()));
}

/** The texts of `related:` (one text or a list of texts): the plans and files the plan refers to. */
export function relatedTexts(data: Record<string, unknown> | null): string[] {
  const key = data ? relatedKey(data) : undefined;
  if (!data || key === undefined) return [];
  const value = data[key];
  return (Array.isArray(value) ? value : [value])
    .map(scalarText)
    .filter((t): t is string => t !== null && t !== "");
}

/** The entries of `related:`, each on its own line. */
function relatedEntries(
  block: FrontmatterBlock,
  data: Record<string, unknown>,
): (Located & { text: string })[] {
  const key = relatedKey(data);
  if (key === undefined) return [];
  const start = locate(block, `${key}:`).index;
  return relatedTexts(data).map((text) => {
    const at = locate(block, text, start);
    return { text, line: at.line, column: at.column };
  });
}

/**
 * Header fields written as front matter (`status:`, `created:`, `branch:`, `spec:`), and a
 * `related:` entry that names spec.md as the Spec. The plan's own header lines win over these.
 */
export function frontmatterHeader(
  block: FrontmatterBlock,
  data: Record<string, unknown> | null,
): FrontmatterHeader {
  const header: FrontmatterHeader = {};
  if (!data) return header;
  for (const [key, raw] of Object.entries(data)) {
    const name = HEADER_KEYS.find(([, re]) => re.test(key.toLowerCase()))?.[0];
    const value = scalarText(raw);
    if (name && value && !header[name]) header[name] = field(block, key, value);
  }
  if (!header.spec) {
    const spec = relatedEntries(block, data).find((e) => /(^|\/)spec\.md$/i.test(e.text));
    if (spec) header.spec = { label: "related", value: spec.text, raw: spec.text, ...spec };
  }
  return header;
}

/** The plan's header with the front matter's fields filling what its own lines leave out. */
export function withFrontmatterHeader<T extends { header: Plan["header"] }>(
  parsed: T,
  front: FrontmatterHeader,
): T {
  return { ...parsed, header: { ...front, ...parsed.header } };
}
