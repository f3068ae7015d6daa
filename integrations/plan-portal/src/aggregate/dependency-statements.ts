import { isDependencyKey } from "../parse/dependencies.ts";
import type { Plan } from "../parse/types.ts";

/*
 * Where a plan says what it depends on, as opposed to naming another plan in passing ("storefront
 * pages ship with 003-checkout-flow", "same idea as the ledger in 005-inventory"). A mention states
 * a dependency when it sits
 * - on a dependency entry (a row of Dependencies & Blockers, a bullet with a status),
 * - anywhere in a section about dependencies or blockers (External Dependencies included),
 * - under a front matter key that relates plans (`related:`, `depends_on:`, `requires:` …),
 * - in a clause of prose led by a dependency verb: "builds on", "depends on", "requires", "uses",
 *   "consumes", "blocked by", "waits for" …, up to the clause's end (a sentence end, ";", ":",
 *   or a comma that does not go on listing plans: "depends on 002-a, 003-b and 004-c").
 * A plan states its own dependencies; "plans that build on this one" is not read the other way.
 */

/** Phrases that lead a dependency clause (English; the plan template's language). */
const VERB =
  /\b(?:(?:depends?|depending|depended|relies|rely|relying|builds?|built|building|waits?|waiting|blocked)\s+(?:up)?on|(?:blocked|gated|unblocked)\s+by|(?:waits?|waiting)\s+for|requires?|required|needs|prerequisites?|uses|reuses|consumes|calls|extends)\b/gi;
/** After the verb: markup and a colon before the first object (`**Depends on**: …`). */
const LEAD = /[\s*_:]*/y;
/** A comma that goes on listing plans: `, 003-b`, `, and [004-c](…)`, `, and on 005-d`. */
const LISTING = /\s*(?:(?:and|or|on|nor)\s+)*[[`(*]*[\w./:-]*\d+[-_]/iy;
/**
 * Where a clause ends: a sentence end, a semicolon or colon, a dash, a comma (see LISTING), or the
 * next list item, table row or heading.
 */
const CLAUSE_END = /[.;:!?](?=\s|$)|\s[—–]\s|,|\n(?=\s*(?:[-*+]\s|\d+[.)]\s|\||#))/g;
/** Front matter keys whose entries relate the plan to others. */
const RELATION_KEY =
  /^(?:related|references|see[_ -]?also|links|depends[_ -]?on|dependencies|requires|builds[_ -]?on|blocked[_ -]?by)$/i;

/** Offsets [from, to) of one line that state a dependency. */
type Span = [number, number];

/** Spans by line (1-based). A whole line is [0, Infinity). */
export type StatementSpans = ReadonlyMap<number, readonly Span[]>;

function addSpan(spans: Map<number, Span[]>, line: number, span: Span): void {
  const list = spans.get(line) ?? [];
  list.push(span);
  spans.set(line, list);
}

/** Lines of the leading front matter under a relation key (`related:` and its list items). */
function frontmatterLines(lines: readonly string[], spans: Map<number, Span[]>): void {
  if (lines[0]?.trim() !== "---") return;
  let relation = false;
  for (let i = 1; i < lines.length && lines[i]!.trim() !== "---"; i++) {
    const key = /^([\w -]+):/.exec(lines[i]!);
    if (key) relation = RELATION_KEY.test(key[1]!.trim());
    if (relation) addSpan(spans, i + 1, [0, Infinity]);
  }
}

/** Lines of dependency entries and of sections about dependencies. */
function dependencyLines(plan: Plan, spans: Map<number, Span[]>): void {
  for (const d of plan.dependencies) addSpan(spans, d.line, [0, Infinity]);
  for (const s of plan.sections) {
    if (s.kind !== "dependencies-blockers" && !isDependencyKey(s.title.toLowerCase())) continue;
    for (let line = s.line; line <= s.endLine; line++) addSpan(spans, line, [0, Infinity]);
  }
}

/** Where the clause that starts at `from` in `text` ends. */
function clauseEnd(text: string, from: number): number {
  LEAD.lastIndex = from;
  CLAUSE_END.lastIndex = from + (LEAD.exec(text)?.[0].length ?? 0);
  for (let m = CLAUSE_END.exec(text); m; m = CLAUSE_END.exec(text)) {
    LISTING.lastIndex = m.index + 1;
    if (m[0] !== "," || !LISTING.test(text)) return m.index;
  }
  return text.length;
}

/** Dependency clauses of one paragraph (lines `first`… joined by "\n"), as spans per line. */
function paragraphClauses(paragraph: string[], first: number, spans: Map<number, Span[]>): void {
  const text = paragraph.join("\n");
  const starts: number[] = [];
  paragraph.reduce((at, line) => (starts.push(at), at + line.length + 1), 0);
  let i = 0;
  for (const verb of text.matchAll(VERB)) {
    const from = verb.index + verb[0].length;
    const to = clauseEnd(text, from);
    while (i + 1 < starts.length && starts[i + 1]! <= from) i++;
    for (let j = i; j < starts.length && starts[j]! < to; j++) {
      const lo = Math.max(from, starts[j]!) - starts[j]!;
      const hi = Math.min(to, starts[j]! + paragraph[j]!.length) - starts[j]!;
      if (lo < hi) addSpan(spans, first + j, [lo, hi]);
    }
  }
}

/** Dependency clauses of the plan's prose, paragraph by paragraph (runs of non-blank lines). */
function proseClauses(lines: readonly string[], spans: Map<number, Span[]>): void {
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i]!.trim() !== "") continue;
    if (i > start) paragraphClauses(lines.slice(start, i), start + 1, spans);
    start = i + 1;
  }
}

/** Where `plan` states dependencies, by line: see the comment at the top. */
export function dependencyStatements(plan: Plan): StatementSpans {
  const spans = new Map<number, Span[]>();
  frontmatterLines(plan.lines, spans);
  dependencyLines(plan, spans);
  proseClauses(plan.lines, spans);
  return spans;
}

/** Whether the text at `offset` of `line` (1-based) is part of a dependency statement. */
export function statesDependency(spans: StatementSpans, line: number, offset: number): boolean {
  return (spans.get(line) ?? []).some(([from, to]) => offset >= from && offset < to);
}
