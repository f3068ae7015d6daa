import type { RequirementKind, RequirementRef } from "./types.ts";

/**
 * Requirement ids as Spec Kit writes them: `FR-001`, `SC-004`, `NFR-002`, with the sub-item
 * letters real specs add (`FR-012a`, `FR-001B`). Measured on ../shared/corpus: 1,678 `- **FR-N**:`
 * definitions, 65 `FR-Na`, 23 `### FR-N:` headings, 55 `| FR-N |` table rows.
 */
const ID = /(?<![A-Za-z0-9_-])(N?FR|SC)-(\d{1,5})([A-Za-z])?(?![A-Za-z0-9_])/g;

/**
 * `FR-001 through FR-005`, `FR-011..FR-015`, `SC-001–SC-010`, `FR-022 to FR-024`, `SC-001～SC-010`
 * and `FR-020–028`: a range names every id between its ends (same prefix, ascending).
 */
const RANGE_JOIN = /^\s*(?:through|thru|to|[-–—~〜～]|\.\.\.?)\s*$/i;

/** Ids followed by "of 003 spec" / "in spec 002" cite another feature's spec, not this one's. */
const FOREIGN_AFTER = /^\s*(?:\)?\s*)?(?:of|in|from)\s+(?:the\s+)?(?:spec\s*)?\d{3}\b/i;

/** Longest range expanded; a longer one is more likely a typo than a real span. */
const MAX_RANGE = 200;

/** Canonical key of an id: `FR-1` and `FR-001` and `fr-001` are the same requirement. */
export function requirementKey(prefix: string, digits: string, suffix = ""): string {
  return `${prefix.toUpperCase()}-${Number(digits)}${suffix.toLowerCase()}`;
}

export function kindOf(prefix: string): RequirementKind {
  const p = prefix.toUpperCase();
  return p === "NFR" ? "NFR" : p === "SC" ? "SC" : "FR";
}

/**
 * Every requirement id cited in `text` (one line, already masked where needed), ranges expanded;
 * `column` is 1-based, `offset` the text's 0-based start within its source line.
 */
export function findRequirementRefs(text: string, line: number, offset = 0): RequirementRef[] {
  if (!text.includes("-")) return [];
  const refs: RequirementRef[] = [];
  let previous: { prefix: string; n: number; end: number } | null = null;
  ID.lastIndex = 0;
  for (let m = ID.exec(text); m; m = ID.exec(text)) {
    const [whole, prefix, digits, suffix] = m as unknown as [string, string, string, string?];
    const kind = kindOf(prefix);
    const column = offset + m.index + 1;
    const foreign = FOREIGN_AFTER.test(text.slice(m.index + whole.length));
    const ref = { id: whole, key: requirementKey(prefix, digits, suffix), kind, line, column };
    refs.push(foreign ? { ...ref, foreign: true } : ref);
    const n = Number(digits);
    if (previous && previous.prefix === kind && RANGE_JOIN.test(text.slice(previous.end, m.index)))
      refs.push(...between(previous.n, n, kind, line, offset + previous.end + 1));
    previous = { prefix: kind, n, end: m.index + whole.length };
  }
  refs.push(...slashListed(text, line, offset));
  // `FR-020–028`: the range's second end without its prefix.
  const bare = /(?<![A-Za-z0-9_-])(N?FR|SC)-(\d{1,5})(?:–|—|-|\.\.)(\d{1,5})(?![\d-])/g;
  for (let m = bare.exec(text); m; m = bare.exec(text)) {
    const kind = kindOf(m[1]!);
    refs.push(...between(Number(m[2]), Number(m[3]) + 1, kind, line, offset + m.index + 1));
  }
  return refs;
}

/**
 * `FR-001/007/008`, `SC-001/003`: ids after the first, written without their prefix (8 tasks of
 * ../shared/corpus cite this way; `FR-006/FR-011` is two ids and read as such above).
 */
const SLASH_LIST =
  /(?<![A-Za-z0-9_-])(N?FR|SC)-\d{1,5}[A-Za-z]?((?:\/\d{1,5}[A-Za-z]?)+)(?![A-Za-z0-9_])/g;

function slashListed(text: string, line: number, offset: number): RequirementRef[] {
  const out: RequirementRef[] = [];
  SLASH_LIST.lastIndex = 0;
  for (let m = SLASH_LIST.exec(text); m; m = SLASH_LIST.exec(text)) {
    const kind = kindOf(m[1]!);
    let at = m.index + m[0].length - m[2]!.length;
    for (const part of m[2]!.split("/").slice(1)) {
      at += 1;
      const [, digits, suffix] = /^(\d+)([A-Za-z]?)$/.exec(part)!;
      const ref = { id: `${kind}-${part}`, key: requirementKey(kind, digits!, suffix), kind };
      out.push({ ...ref, line, column: offset + at + 1 });
      at += part.length;
    }
  }
  return out;
}

/** The ids strictly between two range ends (the ends themselves are cited on their own). */
function between(from: number, to: number, kind: RequirementKind, line: number, column: number) {
  if (to - from < 2 || to - from > MAX_RANGE) return [];
  const out: RequirementRef[] = [];
  const prefix = kind;
  for (let n = from + 1; n < to; n++) {
    const id = `${prefix}-${String(n).padStart(3, "0")}`;
    out.push({ id, key: requirementKey(prefix, String(n)), kind, line, column, range: true });
  }
  return out;
}

/** `[US1]`, `[US-2]`, `[US1B]`, `[US1, US3]`: story labels inside a task's brackets. */
const STORY_BRACKET = /\[([^\]\n]{1,60})\]/g;
const STORY = /(?<![A-Za-z0-9])US[-_ ]?(\d{1,3}[A-Za-z]?)(?![A-Za-z0-9])/g;

/** Canonical story label: `US1`, `US1b` (letters lower-cased so `US1B` and `US1b` agree). */
export function storyKey(number: string): string {
  const m = /^0*(\d+)([A-Za-z]?)$/.exec(number.trim());
  return m ? `US${Number(m[1])}${m[2]!.toLowerCase()}` : `US${number.trim().toLowerCase()}`;
}

export function findStoryLabels(
  text: string,
  line: number,
  offset = 0,
): { label: string; key: string; line: number; column: number }[] {
  const out: { label: string; key: string; line: number; column: number }[] = [];
  STORY_BRACKET.lastIndex = 0;
  for (let b = STORY_BRACKET.exec(text); b; b = STORY_BRACKET.exec(text)) {
    // A bracket that is a link's text is prose, not a label.
    if (text[b.index + b[0].length] === "(") continue;
    const inner = b[1]!;
    STORY.lastIndex = 0;
    for (let m = STORY.exec(inner); m; m = STORY.exec(inner)) {
      out.push({
        label: m[0],
        key: storyKey(m[1]!),
        line,
        column: offset + b.index + 1 + 1 + m.index,
      });
    }
  }
  return out;
}
