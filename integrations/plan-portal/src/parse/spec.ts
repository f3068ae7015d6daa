import { titleFromSpec } from "./header.ts";
import type { Block, HeadingBlock, ListItemBlock } from "./markdown.ts";
import { plainText, scanMarkdown } from "./markdown.ts";
import { findDisables, findNeedsClarification, openMarkers, proseLines } from "./markers.ts";
import { kindOf, requirementKey, storyKey } from "./requirement-ids.ts";
import { buildSections } from "./sections.ts";
import type {
  ClarificationEntry,
  ClarificationSession,
  Located,
  NamedItem,
  Requirement,
  Section,
  Spec,
  TextItem,
  UserStory,
} from "./types.ts";

/**
 * spec.md → stories, requirements, entities, edge cases, clarifications and markers. Pure and
 * total: any text (empty, binary garbage, a plan pasted by mistake) gives a model, never a throw.
 * Headings are recognised in the languages ../shared/corpus uses (en, zh, ja, ko, de, pt, es).
 */
export function parseSpec(text: string, path: string): Spec {
  const { lines, blocks } = scanMarkdown(text);
  const sections = buildSections(blocks, lines.length);
  return {
    path,
    title: titleFromSpec(text),
    stories: parseStories(blocks, lines, sections),
    requirements: parseRequirements(blocks, lines),
    entities: namedItems(blocks, lines, sectionsLike(sections, ENTITIES)),
    edgeCases: textItems(blocks, lines, sectionsLike(sections, EDGE_CASES)),
    clarifications: parseClarifications(blocks, lines, sections),
    needsClarification: openMarkers(findNeedsClarification(proseLines(blocks, lines)), lines),
    disables: findDisables(blocks, lines),
    lines,
    lineCount: text === "" ? 0 : lines.length,
  };
}

const STORY_HEADING =
  /^(?:user\s+story|story|사용자\s*스토리|用户故事|用戶故事|使用者故事|ユーザーストーリー|benutzergeschichte|hist[óo]ria\s+de\s+usu[áa]rio|historia\s+de\s+usuario)\s*(\d{1,3}[A-Za-z]?)(?![\d.])\s*(?:[-—–:：]\s*)?(.*)$/i;
const PRIORITY =
  /[(（]\s*(?:priority|优先级|優先級|우선순위|優先度|priorität|prioridade|prioridad)\s*[:：]?\s*(P\d+)\s*[)）]/i;
const ACCEPTANCE =
  /acceptance|验收|驗收|受け入れ|수용|인수|akzeptanz|aceita[çc][ãa]o|aceptaci[óo]n/i;
const ENTITIES =
  /key\s+entities|^entities\b|主要实体|关键实体|核心实体|主要實體|エンティティ|엔티티|엔터티|entitäten|entidades/i;
const EDGE_CASES =
  /edge\s+cases?|边界|邊界|エッジケース|엣지\s*케이스|예외\s*상황|randf[äa]lle|casos?\s+(?:de\s+)?(?:borda|l[íi]mite|extremos?)/i;
const CLARIFICATIONS =
  /^clarifications?\b|澄清|釐清|明確化|명확화|klärungen|esclarecimentos|aclaraciones/i;
const SESSION_DATE = /(\d{4}-\d{2}-\d{2})/;

function sectionsLike(sections: Section[], pattern: RegExp): Section[] {
  return sections.filter((s) => pattern.test(s.title));
}

function inside(section: Section, block: Block): boolean {
  return block.line > section.line && block.line <= section.endLine;
}

/** An item's whole text: its first line and continuation lines, joined. */
function itemText(item: ListItemBlock): string {
  return [item.raw, ...item.more.map((m) => m.text.trim())].join(" ");
}

/** Column of the item's text (after marker and checkbox) on its first line. */
function itemColumn(item: ListItemBlock, lines: string[]): number {
  const at = (lines[item.line - 1] ?? "").indexOf(item.raw);
  return at < 0 ? item.column : at + 1;
}

function storyFromHeading(h: HeadingBlock, endLine: number): UserStory | null {
  const title = plainText(h.raw);
  const m = STORY_HEADING.exec(title);
  if (!m) return null;
  const priority = PRIORITY.exec(title)?.[1]?.toUpperCase() ?? null;
  return {
    number: m[1]!,
    key: storyKey(m[1]!),
    title: m[2]!.replace(PRIORITY, "").trim(),
    priority,
    acceptance: [],
    line: h.line,
    column: h.column,
    endLine,
  };
}

function parseStories(blocks: Block[], lines: string[], sections: Section[]): UserStory[] {
  const stories: UserStory[] = [];
  blocks.forEach((b, i) => {
    if (b.kind !== "heading") return;
    const section = sections.find((s) => s.line === b.line);
    const story = storyFromHeading(b, section?.endLine ?? lines.length);
    if (!story) return;
    story.acceptance = acceptanceScenarios(blocks, i, story.endLine, lines);
    stories.push(story);
  });
  return onePerStory(stories);
}

/**
 * One story per label: a spec that mentions a story again under its own heading (`### User Story
 * 4 (P4) POC Scope Breakdown`, a test plan per story) keeps the heading that gives a priority the
 * template's way, else the first.
 */
function onePerStory(stories: UserStory[]): UserStory[] {
  const chosen = new Map<string, UserStory>();
  for (const s of stories) {
    const had = chosen.get(s.key);
    if (!had || (had.priority === null && s.priority !== null)) chosen.set(s.key, s);
  }
  return stories.filter((s) => chosen.get(s.key) === s);
}

/**
 * The scenarios under a story: list items after an "Acceptance Scenarios" label (a paragraph, a
 * sub-heading or a list item whose children they are), up to the next bold label or heading; with
 * no label, the items that say **Given**.
 */
function acceptanceScenarios(
  blocks: Block[],
  start: number,
  endLine: number,
  lines: string[],
): Located[] {
  const found: Located[] = [];
  const given: Located[] = [];
  let label: number | null = null; // -1: paragraph or heading label; else the label item's index
  for (let i = start + 1; i < blocks.length && blocks[i]!.line <= endLine; i++) {
    const b = blocks[i]!;
    if (b.kind === "heading" || b.kind === "paragraph") {
      const t = b.kind === "heading" ? b.raw : b.lines.map((l) => l.text).join(" ");
      label = ACCEPTANCE.test(t) && t.length < 80 ? -1 : b.kind === "heading" ? null : label;
      if (b.kind === "paragraph" && /^\s*(\*\*|__)/.test(t) && !ACCEPTANCE.test(t)) label = null;
      continue;
    }
    if (b.kind !== "list-item") continue;
    const text = itemText(b);
    const at = { line: b.line, column: itemColumn(b, lines) };
    if (/\bgiven\b|假设|假如|前提|給定|전제|조건|angenommen|dado/i.test(text)) given.push(at);
    if (ACCEPTANCE.test(b.raw) && b.raw.length < 80 && b.checked === null) {
      label = i;
      continue;
    }
    if (label === null) continue;
    if ((label === -1 && b.parent === -1) || (label >= 0 && b.parent === label)) found.push(at);
    else if (label >= 0 && b.parent === -1) label = null;
  }
  return found.length > 0 ? found : given;
}

/** `- **FR-001**: …`, `1. FR-001 …`, `### FR-001: …` or a table row whose first cell is the id. */
const DEFINITION =
  /^\s*(?:\*\*|__|`)?\s*(N?FR|SC)-(\d{1,5})([A-Za-z])?(?![A-Za-z0-9_])\s*(?:\*\*|__|`)?/;

function definitionAt(
  raw: string,
  line: number,
  column: number,
  whole = false,
): Requirement | null {
  const m = DEFINITION.exec(raw);
  if (!m) return null;
  const rest = raw.slice(m[0].length);
  // The id leads the item as its label (`FR-001: …`, `**FR-001** System MUST …`), not as the
  // first of a list of ids or the subject of a sentence about it (`FR-001, FR-002 …`, `FR-001 is …`).
  if (!whole && /^\s*(?:[,/&+]|(?:and|or|to|through|is|are|was|covers?|see)\b)/i.test(rest))
    return null;
  // Unmarked (`FR-033 adds a write path …`) it must be followed by label punctuation or by a
  // sentence that starts afresh (`FR-003 System MUST …`, `FR-003 系统必须 …`).
  const marked = /^\s*(?:\*\*|__)/.test(raw) || /^\s*(?:[:：.)\-–—|]|$)/.test(rest);
  if (!whole && !marked && /^\s*\p{Ll}/u.test(rest)) return null;
  if (whole && rest.trim() !== "") return null;
  const id = `${m[1]}-${m[2]}${m[3] ?? ""}`;
  return {
    id,
    key: requirementKey(m[1]!, m[2]!, m[3]),
    kind: kindOf(m[1]!),
    text: plainText(rest.replace(/^\s*(?:\*\*|__)?\s*[:：.)\-–—]?\s*(?:\*\*|__)?/, "")).trim(),
    line,
    column: column + raw.indexOf(id, Math.max(0, m[0].indexOf(m[1]!))),
  };
}

function parseRequirements(blocks: Block[], lines: string[]): Requirement[] {
  const out: Requirement[] = [];
  for (const b of blocks) {
    if (b.kind === "list-item") {
      const r = definitionAt(b.raw, b.line, itemColumn(b, lines));
      if (r) out.push({ ...r, text: r.text || plainText(b.more.map((m) => m.text).join(" ")) });
    } else if (b.kind === "heading") {
      const col = (lines[b.line - 1] ?? "").indexOf(b.raw) + 1;
      const r = definitionAt(b.raw, b.line, col > 0 ? col : b.column);
      if (r) out.push(r);
    } else if (b.kind === "table") {
      for (const row of b.rows) {
        const first = row[0];
        if (!first) continue;
        const r = definitionAt(first.raw, first.line, first.column, true);
        if (r) out.push({ ...r, text: plainText(row[1]?.raw ?? "") });
      }
    }
  }
  return out;
}

/** Top-level list items of the sections (nested items belong to their parent's description). */
function topItems(blocks: Block[], sections: Section[]): ListItemBlock[] {
  const items: ListItemBlock[] = [];
  for (const b of blocks) {
    if (b.kind !== "list-item" || !sections.some((s) => inside(s, b))) continue;
    const parent = b.parent >= 0 ? blocks[b.parent] : undefined;
    if (!parent || !sections.some((s) => inside(s, parent))) items.push(b);
  }
  return items;
}

function namedItems(blocks: Block[], lines: string[], sections: Section[]): NamedItem[] {
  return topItems(blocks, sections).map((b) => {
    const bold = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：\-–—]?\s*(.*)$/.exec(b.raw);
    const plain = bold ? null : /^([^:：]{1,80})[:：]\s*(.*)$/.exec(plainText(b.raw));
    const name = plainText(bold?.[1] ?? plain?.[1] ?? plainText(b.raw).split(/\s[-–—]\s/)[0]!);
    const description = plainText(
      [bold?.[2] ?? plain?.[2] ?? "", ...b.more.map((m) => m.text)].join(" "),
    );
    return {
      name: name.replace(/[:：]$/, "").trim(),
      description,
      line: b.line,
      column: itemColumn(b, lines),
    };
  });
}

function textItems(blocks: Block[], lines: string[], sections: Section[]): TextItem[] {
  return topItems(blocks, sections).map((b) => ({
    text: plainText(itemText(b)),
    line: b.line,
    column: itemColumn(b, lines),
  }));
}

const QUESTION = /^\s*(?:\*\*|__)?\s*Q\d*\s*(?:\*\*|__)?\s*[:：]\s*/i;
const ANSWER = /\s*(?:→|->|⇒|=>|—>)\s*(?:\*\*|__)?\s*A\d*\s*(?:\*\*|__)?\s*[:：]\s*/i;

function entryOf(item: ListItemBlock, lines: string[]): ClarificationEntry | null {
  const text = itemText(item);
  if (!QUESTION.test(text)) return null;
  const body = text.replace(QUESTION, "");
  const split = ANSWER.exec(body);
  return {
    question: plainText(split ? body.slice(0, split.index) : body),
    answer: split ? plainText(body.slice(split.index + split[0].length)) : "",
    line: item.line,
    column: itemColumn(item, lines),
  };
}

/**
 * `## Clarifications` → `### Session 2026-01-20` → `- Q: … → A: …` (wrapped lines joined). Entries
 * directly under the Clarifications heading form a session without a date.
 */
function parseClarifications(
  blocks: Block[],
  lines: string[],
  sections: Section[],
): ClarificationSession[] {
  const sessions: ClarificationSession[] = [];
  for (const top of sectionsLike(sections, CLARIFICATIONS)) {
    const index = sections.indexOf(top);
    const subs = sections.filter((s) => s.parent === index);
    const groups: { at: Section; end: number }[] = [
      { at: top, end: subs[0] ? subs[0].line - 1 : top.endLine },
      ...subs.map((s) => ({ at: s, end: s.endLine })),
    ];
    for (const { at, end } of groups) {
      const entries = blocks
        .filter((b): b is ListItemBlock => b.kind === "list-item")
        .filter((b) => b.line > at.line && b.line <= end)
        .map((b) => entryOf(b, lines))
        .filter((e): e is ClarificationEntry => e !== null);
      // A sub-heading with no entry and no date is the author's own note, not a session.
      if (entries.length === 0 && (at === top || !SESSION_DATE.test(at.title))) continue;
      sessions.push({
        date: SESSION_DATE.exec(at.title)?.[1] ?? "",
        title: at.title,
        entries,
        line: at.line,
        column: at.column,
      });
    }
  }
  return sessions;
}
