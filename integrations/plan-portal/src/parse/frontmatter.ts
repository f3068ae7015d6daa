import { load as loadYaml, YAMLException } from "js-yaml";
import type { FrontmatterBlock } from "./markdown.ts";
import type { StructuralIssue } from "./types.ts";

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
