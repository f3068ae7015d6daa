import type { Block } from "./markdown.ts";
import { maskInline } from "./markdown.ts";
import type { DisableComment, Link, Marker, StructuralIssue } from "./types.ts";

const NEEDS = /NEEDS[ _-]CLARIFICATIONS?/g;

/**
 * Text around a marker that shows it is talked about, not used: checklist and instruction prose
 * such as "- [x] All NEEDS CLARIFICATION resolved" or "no NEEDS CLARIFICATION markers remain".
 */
const TALKED_ABOUT_BEFORE =
  /\b(all|no|any|each|every|zero|remaining|resolve[sd]?|resolving|without|mark(ed|s)? (as|with)|replace[sd]?|remove[sd]?|flag(ged)?|contains?|there are|0)\b[^.!?]{0,30}$|解決|已解决|해결|不得|残留|保留|无\s*$/i;
const TALKED_ABOUT_AFTER =
  /^\S*\s*(items?|markers?|entries|tags?|placeholders?|resolved|were|have been|has been|are (now )?(resolved|present|none)|found|left|、|は|が|를|을|가|이|残留)|^\s*[:：]\s*(none|no\b|n\/a|nothing|0\b|resolved|all resolved)/i;

export interface TextLine {
  text: string;
  line: number;
  /** Column offset of `text` within the source line (0-based). */
  offset: number;
  /** The line belongs to a checklist item. */
  checklist: boolean;
}

/** Lines of rendered prose (headings, paragraphs, list items, table rows): code, comments and front matter excluded. */
export function proseLines(blocks: Block[], lines: string[]): TextLine[] {
  const out: TextLine[] = [];
  for (const b of blocks) {
    if (b.kind === "heading" || b.kind === "paragraph" || b.kind === "table") {
      for (let l = b.line; l <= b.endLine; l++) {
        const text = lines[l - 1] ?? "";
        if (b.kind === "table" && l === b.line + 1) continue; // delimiter row
        out.push({ text, line: l, offset: 0, checklist: false });
      }
    } else if (b.kind === "list-item") {
      for (let l = b.line; l <= b.endLine; l++) {
        out.push({ text: lines[l - 1] ?? "", line: l, offset: 0, checklist: b.checked !== null });
      }
    }
  }
  return out;
}

/** The bracket that encloses position `at`, if the marker sits inside `[...]`. */
function enclosingBracket(text: string, at: number): { start: number; end: number } | null {
  const start = text.lastIndexOf("[", at);
  if (start < 0 || text.lastIndexOf("]", at) > start) return null;
  const end = text.indexOf("]", at);
  return end < 0 ? null : { start, end: end + 1 };
}

export function findNeedsClarification(prose: TextLine[]): Marker[] {
  const markers: Marker[] = [];
  for (const tl of prose) {
    if (!tl.text.includes("NEEDS")) continue;
    const masked = maskInline(tl.text);
    NEEDS.lastIndex = 0;
    for (let m = NEEDS.exec(masked); m; m = NEEDS.exec(masked)) {
      const bracket = enclosingBracket(masked, m.index);
      // `[e.g., Python 3.12 … or NEEDS CLARIFICATION]` is an unfilled template value: a placeholder.
      if (
        bracket &&
        /^\[\s*(e\.g\.|if applicable|domain-specific)/i.test(masked.slice(bracket.start))
      )
        continue;
      const before = masked.slice(bracket ? bracket.start : 0, m.index).replace(/[*_`[]/g, "");
      const after = masked.slice(m.index + m[0].length).replace(/^[*_\]`]+/, "");
      if (!bracket && (TALKED_ABOUT_BEFORE.test(before) || TALKED_ABOUT_AFTER.test(after)))
        continue;
      if (tl.checklist && !bracket && !/^\s*[:：]/.test(after)) continue;
      let text: string;
      let start = m.index;
      if (bracket) {
        text = tl.text.slice(bracket.start, bracket.end);
        start = bracket.start;
      } else {
        // Up to the cell's end, or to a closing `~~` when the marker is struck through.
        const tail = /^\s*[:：](?:(?!~~)[^|])*/.exec(after);
        text = (m[0] + (tail ? tail[0] : "")).trim();
      }
      markers.push({ text, line: tl.line, column: tl.offset + start + 1 });
      if (bracket) NEEDS.lastIndex = bracket.end;
    }
  }
  return markers;
}

const ANGLE = /<<\s*[A-Z][A-Z0-9_ -]*\s*>>/g;
const BRACES = /\{\{?\s*[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)*\s*\}?\}/g;
// `[…]` that is not a link, image, footnote, checkbox or task tag.
const BRACKET = /(?<![!\]\\])\[([^\]\n]{2,200})\](?![(\[:])/g;
const ALL_CAPS_TOKEN = /^(#{2,}[\w-]*|[A-Z][A-Z0-9_]{2,}(?:[ _/-][A-Z0-9_]+)*)$/;
// Bracketed words that real plans use on purpose: task tags and id lists (`[P]`, `[US1]`,
// `[T001-T004]`, `[FR-001, FR-003]`), phase/priority labels, callouts, and status or kind labels
// (`[COMPLETE]`, `[NOT STARTED]`, `[SLICE]`, `[PARALLEL]`, `[BREAKING]`).
const TAG =
  "(?:P\\d*|US-?\\d+|T-?\\d+[a-z]?|(?:N?FR|SC|NFR|AC|R|Q|AD|ADR|TC|UC|BR)-?\\d+(?:\\.\\d+)?)";
// One way only to match each separator (a run of spaces could be split many ways and backtrack
// exponentially on a long bracket that fails to match).
const TAG_LIST = new RegExp(`^${TAG}(?:(?:\\s*(?:[,/&+]|\\.\\.|[-–])\\s*|\\s+)${TAG})*$`);
const KEEP_BRACKETS =
  /^(NEEDS CLARIFICATION.*|X|x|MVP|OK|WIP|NOTE|IMPORTANT|WARNING|TIP|CAUTION|!\w+)$/;
const STATUS_LABEL =
  /^(COMPLETED?|DONE|FINISHED|NOT[ _-]STARTED|IN[ _-]PROGRESS|ONGOING|PENDING|BLOCKED|ON[ _-]HOLD|DEFERRED|SKIPPED|CANCELL?ED|PARTIAL|VERIFIED|PASS(ED)?|FAIL(ED)?|READY|DRAFT|FINAL|APPROVED|ACCEPTED|REJECTED|RESOLVED|OPEN|CLOSED|PARALLEL|SEQUENTIAL|SERIAL|SLICE|SPIKE|STORY|EPIC|GATE|CHECKPOINT|MILESTONE|OPTIONAL|REQUIRED|MANDATORY|NEW|MODIFIED|EXISTING|REMOVED|DEPRECATED|BREAKING|CRITICAL|HIGH|MEDIUM|LOW|MUST|SHOULD|COULD|BACKEND|FRONTEND|API|UI|DB|CLI|INFRA|SETUP|POLISH|TEST|TESTS|DOCS|MANUAL|AUTOMATED)$/;

/** A bracketed word the author wrote on purpose, never a placeholder: a tag, id list or label. */
function keptBracket(inner: string): boolean {
  return KEEP_BRACKETS.test(inner) || TAG_LIST.test(inner) || STATUS_LABEL.test(inner);
}

export function normalisePhrase(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Leftover template text: `[e.g., …]`, `<<X>>`, `{NNN}`, bracketed ALL-CAPS tokens (`[FEATURE]`,
 * `[###-feature-name]`), `[REMOVE IF UNUSED]`, and bracketed phrases that appear verbatim in the
 * template (`templatePhrases`, normalised).
 */
export function findPlaceholders(
  prose: TextLine[],
  templatePhrases: ReadonlySet<string>,
): Marker[] {
  const found: Marker[] = [];
  for (const [index, tl] of prose.entries()) {
    if (!/[[<{]/.test(tl.text)) continue;
    const masked = maskInline(tl.text);
    const add = (text: string, index: number, kind: string) =>
      found.push({ text, kind, line: tl.line, column: tl.offset + index + 1 });
    // The templates put the branch placeholder inside code ticks: `<<FEATURE_BRANCH>>`, `[###-feature-name]`.
    for (const m of tl.text.matchAll(ANGLE)) add(m[0], m.index, "angle");
    for (const m of tl.text.matchAll(/\[###[\w-]*\]/g))
      if (masked[m.index] !== "[") add(m[0], m.index, "bracket");
    for (const m of masked.matchAll(BRACES)) add(m[0], m.index, "braces");
    for (const m of masked.matchAll(BRACKET)) {
      const inner = m[1]!.trim();
      if (keptBracket(inner)) continue;
      if (/^remove if unused$/i.test(inner)) add(m[0], m.index, "remove-if-unused");
      else if (/^(e\.g\.|eg[.,:]|if applicable, e\.g\.|domain-specific, e\.g\.)/i.test(inner))
        add(m[0], m.index, "e.g.");
      else if (ALL_CAPS_TOKEN.test(inner) || /^(link|date|feature)$/i.test(inner))
        add(m[0], m.index, "bracket");
      else if (templatePhrases.has(normalisePhrase(inner))) add(m[0], m.index, "template-text");
    }
    // Template prose wrapped over two lines: "[Document the selected structure … real" / "directories …]".
    const open = masked.lastIndexOf("[");
    const next = prose[index + 1];
    if (open > masked.lastIndexOf("]") && next && next.line === tl.line + 1) {
      const close = next.text.indexOf("]");
      const inner = close < 0 ? "" : masked.slice(open + 1) + " " + next.text.slice(0, close);
      if (inner && templatePhrases.has(normalisePhrase(inner)))
        add(`[${inner.replace(/\s+/g, " ").trim()}]`, open, "template-text");
    }
  }
  return found;
}

/** Placeholders the template leaves inside code: option labels in the structure tree, the example diagram. */
export function findCodePlaceholders(blocks: Block[]): Marker[] {
  const found: Marker[] = [];
  for (const b of blocks) {
    if (b.kind !== "fence") continue;
    const contentLines = b.content.split("\n");
    contentLines.forEach((text, idx) => {
      const line = b.contentLine + idx;
      const column = b.contentColumn;
      const remove = text.indexOf("[REMOVE IF UNUSED]");
      if (remove >= 0)
        found.push({ text: text.trim(), kind: "remove-if-unused", line, column: column + remove });
      else {
        const option = /#\s*(Option \d+:.*)$/.exec(text);
        if (option)
          found.push({
            text: option[1]!.trim(),
            kind: "option-label",
            line,
            column: column + text.indexOf(option[1]!),
          });
      }
      const angle = /<<\s*[A-Z][A-Z0-9_ -]*\s*>>/.exec(text);
      if (angle) found.push({ text: angle[0], kind: "angle", line, column: column + angle.index });
      const example = /%%\s*Example\s*-\s*Replace/i.exec(text);
      if (example)
        found.push({
          text: text.trim(),
          kind: "example-diagram",
          line,
          column: column + example.index,
        });
    });
  }
  return found;
}

/** `ACTION REQUIRED` template comments left in the plan. */
export function findActionRequired(blocks: Block[]): Marker[] {
  const found: Marker[] = [];
  for (const b of blocks) {
    if (b.kind !== "html" || !b.comment) continue;
    const idx = b.text.indexOf("ACTION REQUIRED");
    if (idx < 0) continue;
    const before = b.text.slice(0, idx).split("\n");
    const line = b.line + before.length - 1;
    const column = before.length === 1 ? b.column + idx : before[before.length - 1]!.length + 1;
    found.push({ text: "ACTION REQUIRED comment", kind: "action-required", line, column });
  }
  return found;
}

// Links and images: [text](url "title"), ![alt](url).
const LINK = /!?\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
// Reference definitions: [id]: url
const DEFINITION = /^ {0,3}\[([^\]\n]+)\]:\s*<?(\S+?)>?(?:\s+["'(].*)?$/;

export function findLinks(prose: TextLine[]): Link[] {
  const links: Link[] = [];
  for (const tl of prose) {
    const definition = DEFINITION.exec(tl.text);
    if (definition) {
      links.push({
        text: definition[1]!,
        url: definition[2]!,
        line: tl.line,
        column: tl.offset + 1,
      });
      continue;
    }
    if (!tl.text.includes("](")) continue;
    const masked = maskInline(tl.text);
    for (const m of masked.matchAll(LINK)) {
      const start = m[0].startsWith("!") ? 2 : 1;
      const text = tl.text.slice(m.index + start, m.index + start + m[1]!.length);
      links.push({ text, url: m[2]!, line: tl.line, column: tl.offset + m.index + 1 });
    }
  }
  return links;
}

const DISABLE = /<!--\s*plan-portal-disable-next-line\b([^>]*?)-->/;

/** Line and column of `offset` in a block's text that starts at column 1 of `line`. */
function positionIn(text: string, offset: number, line: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const newlines = before.split("\n").length - 1;
  return { line: line + newlines, column: offset - before.lastIndexOf("\n") };
}

/** `<!-- plan-portal-disable-next-line rule-a rule-b -->` silences those rules on the next non-blank line. */
export function findDisables(blocks: Block[], lines: string[]): DisableComment[] {
  const comments: DisableComment[] = [];
  for (const b of blocks) {
    if (b.kind !== "html" || !b.comment) continue;
    const m = DISABLE.exec(b.text);
    if (!m) continue;
    let target = b.endLine + 1;
    while (target <= lines.length && (lines[target - 1] ?? "").trim() === "") target++;
    const idsAt = m.index + m[0].length - "-->".length - m[1]!.length;
    const rules = [...m[1]!.matchAll(/[^\s,]+/g)].map((id) => ({
      id: id[0],
      ...positionIn(b.text, idsAt + id.index, b.line),
    }));
    comments.push({ ...positionIn(b.text, m.index, b.line), target, rules });
  }
  return comments;
}

export function findStructuralIssues(blocks: Block[], lines: string[]): StructuralIssue[] {
  const issues: StructuralIssue[] = [];
  const inCode = new Set<number>();
  for (const b of blocks) {
    if (b.kind === "fence") {
      for (let l = b.line; l <= b.endLine; l++) inCode.add(l);
      if (!b.closed) {
        issues.push({
          kind: "unclosed-fence",
          message: "This code fence is never closed, so the rest of the plan renders as code.",
          line: b.line,
          column: b.column,
        });
      }
    } else if (b.kind === "html" && b.comment && !b.closed) {
      issues.push({
        kind: "unclosed-comment",
        message: "This HTML comment is never closed, so the rest of the plan is hidden.",
        line: b.line,
        column: b.column,
      });
    }
  }
  // `=======` alone is also a setext underline; it is a conflict marker only inside <<<<<<< … >>>>>>>.
  let open = false;
  lines.forEach((text, idx) => {
    if (inCode.has(idx + 1)) return;
    const marker = /^(<{7}|={7}|>{7})(\s|$)/.exec(text)?.[1];
    if (!marker) return;
    if (marker.startsWith("<")) open = true;
    if (marker.startsWith("=") && !open) return;
    if (marker.startsWith(">")) open = false;
    issues.push({
      kind: "merge-conflict",
      message: `Merge conflict marker "${marker}" left in the plan.`,
      line: idx + 1,
      column: 1,
    });
  });
  return issues;
}

const BARE_MARKER = /^\[\s*NEEDS[ _-]CLARIFICATIONS?\s*\]$/;
const TALKED_BEFORE =
  /(?:\b(?:no|all|any|every|zero|without|remaining)|所有|全部|没有|無し|모든)\s*$/i;
const TALKED_AFTER = /^\s*(?:markers?|tags?|items?|entries|remain|标记|標記|マーカー|마커)/i;

/**
 * A bare `[NEEDS CLARIFICATION]` that the text only talks about — `- [x] No [NEEDS
 * CLARIFICATION] markers remain`, `所有 [NEEDS CLARIFICATION] 标记已澄清` (lines real specs and plans have) — is not an open question. A marker with its question stays open.
 */
export function openMarkers(markers: Marker[], lines: string[]): Marker[] {
  return markers.filter((m) => {
    if (!BARE_MARKER.test(m.text)) return true;
    const line = lines[m.line - 1] ?? "";
    const before = line.slice(0, m.column - 1);
    const after = line.slice(m.column - 1 + m.text.length);
    if (/^\s*(?:[-*+]|\d+[.)])\s+\[[xX]\]/.test(line)) return false;
    return !TALKED_BEFORE.test(before) && !TALKED_AFTER.test(after);
  });
}
