import type { Block, HeadingBlock, ListItemBlock, ParagraphBlock, TableBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { cell, fieldsOnLine, findColumn, tableRows } from "./fields.ts";
import { sectionAt, withinKind } from "./sections.ts";
import type { Field, Question, Section } from "./types.ts";

const QUESTION_ID =
  /^(?:\*\*|__)?(?:~~)?\s*(Q\s?-?\d+[a-z]?)\s*(?:~~)?(?:\*\*|__)?\s*(?:\(([^)]*)\))?\s*(?:[:：.)\-–—]\s*)?(?:\*\*|__)?\s*/i;
const RESOLVED_WORDS =
  /\b(resolved|answered|closed|decided|done|settled)\b|✅|☑|已解决|已解決|解決済|決定済|確定済|解决|해결|resolvid[oa]|respondid[oa]|resuelt[oa]|decidid[oa]|entschieden|gekl[äa]rt|r[ée]solue?|d[ée]cid[ée]e?/i;
const NOTHING =
  /^(none|n\/a|no open (questions?|items?).*|nothing|-|—|tbd|无|暂无|なし|特になし|없음|nenhuma?|ninguna?|keine|aucune?)\.?$/i;
const OWNER =
  /^(owner|assignee|responsible|who|asked of|负责人|負責人|负责|担当|담당자?|respons[áa]vel|responsable|due[ñn]o|verantwortlich|zust[äa]ndig|propri[ée]taire)/i;
const DEADLINE =
  /^(deadline|due( date)?|by|needed by|target( date)?|期限|期日|截止|마감|기한|prazo|data limite|fecha( l[íi]mite)?|plazo|frist|f[äa]llig|bis|[ée]ch[ée]ance)/i;
const IMPACT = /^(impact|blocks|blocking|影响|影響|영향|impacto|auswirkung)/i;
/** The same labels written inline in a question's text: `(Owner: Ana, Deadline: 2026-05-01)`, `（担当: 田中、期限: 4/1）`. */
const INLINE_FIELD =
  /[(（]?(?<![\p{L}\p{N}])(owner|assignee|deadline|due|impact|担当者?|负责人|負責人|期限|期日|締切|截止(?:日期)?|影响|影響|담당자?|마감|기한|영향|respons[áa]vel|responsable|verantwortlich|zust[äa]ndig|prazo|plazo|fecha l[íi]mite|frist|impacto|auswirkung)\s*[:：]\s*([^,;)）|、，；]+)[)）]?[,;、，；]?/giu;
const ANSWER =
  /^(answer|resolution|decision|resolved|outcome|回答|答复|決定|결정|답변|resposta|decis[ãa]o)/i;
const STATUS = /^(status|state|状态|状態|상태)/i;

/** A question while it is being read (its id may still be empty). */
type Draft = Question;

function applyField(q: Draft, f: Field): void {
  const label = f.label.trim();
  if (OWNER.test(label)) q.owner ||= f.value;
  else if (DEADLINE.test(label)) q.deadline ||= f.value;
  else if (IMPACT.test(label)) q.impact ||= f.value;
  else if (ANSWER.test(label))
    q.resolved ||= f.value !== "" && !/^(tbd|pending|open|-)$/i.test(f.value);
  else if (STATUS.test(label)) q.resolved ||= RESOLVED_WORDS.test(f.value);
}

/** `Owner: x, Deadline: y` written inline in the question's own text. */
function inlineFields(q: Draft, text: string): string {
  return text
    .replace(INLINE_FIELD, (_all, label: string, value: string) => {
      applyField(q, { label, value: value.trim(), raw: value, line: q.line, column: q.column });
      return "";
    })
    .replace(/\s*[(（]\s*[)）]\s*$/, "")
    .trim();
}

function fromListItem(item: ListItemBlock, children: ListItemBlock[]): Draft | null {
  const raw = item.raw;
  const m = QUESTION_ID.exec(raw);
  const struck =
    /^~~.*~~$/.test(raw.replace(/^(\*\*|__)?Q\d+(\*\*|__)?[:：]?\s*/i, "").trim()) ||
    /^~~/.test(raw);
  let rest = m ? raw.slice(m[0].length) : raw;
  const qualifier = m?.[2] ?? "";
  const fieldsHere = fieldsOnLine({ text: raw, line: item.line });
  // `- **Q1**: text` has a field-shaped start; the question text is its value.
  if (!m && fieldsHere.length && /^(q\d+|question)$/i.test(fieldsHere[0]!.label))
    rest = fieldsHere[0]!.raw;
  const text = plainText(rest.replace(/~~/g, ""));
  if (text === "" || NOTHING.test(text)) return null;
  const q: Draft = {
    id: m ? m[1]!.replace(/\s|-/g, "").toUpperCase() : "",
    text,
    owner: "",
    deadline: "",
    impact: "",
    resolved:
      item.checked === true ||
      struck ||
      RESOLVED_WORDS.test(qualifier) ||
      /^(\*\*)?(resolved|answered|closed)\b/i.test(text),
    line: item.line,
    column: item.column,
  };
  q.text = inlineFields(q, q.text);
  if (/→|=>|\bA:\s/.test(text) || /\*\*(answer|decision|resolution)\*\*/i.test(raw))
    q.resolved = true;
  for (const more of item.more) {
    for (const f of fieldsOnLine(more)) applyField(q, f);
  }
  for (const child of children) {
    const line = { text: child.raw, line: child.line };
    const fields = fieldsOnLine(line);
    if (fields.length) fields.forEach((f) => applyField(q, f));
    else {
      const plain = /^([^:：]{2,30})[:：]\s*(.+)$/.exec(plainText(child.raw));
      if (plain)
        applyField(q, {
          label: plain[1]!,
          value: plain[2]!,
          raw: plain[2]!,
          line: child.line,
          column: child.column,
        });
    }
  }
  return q;
}

/** What reading one block of a questions section needs: the plan's blocks, lines and sections. */
interface QuestionContext {
  blocks: Block[];
  lines: string[];
  sections: Section[];
  inQuestions: (line: number) => boolean;
}

const normalId = (id: string) => id.replace(/\s|-/g, "").toUpperCase();

/** A bullet of a questions section (with its nested bullets as fields). */
function fromListBlock(block: ListItemBlock, index: number, ctx: QuestionContext): Draft[] {
  const parent = block.parent === -1 ? undefined : ctx.blocks[block.parent];
  // A nested item belongs to its question unless the parent is the section's lead-in bullet.
  if (parent && parent.kind === "list-item" && ctx.inQuestions(parent.line)) return [];
  // Under a `### Q1: …` heading the bullets are that question's fields, read with the heading.
  const heading = sectionAt(ctx.sections, block.line);
  if (
    heading &&
    heading.kind !== "open-questions" &&
    QUESTION_ID.test(heading.title) &&
    /^Q/i.test(heading.title)
  )
    return [];
  const children = ctx.blocks.filter(
    (b, i): b is ListItemBlock => i > index && b.kind === "list-item" && b.parent === index,
  );
  const q = fromListItem(block, children);
  return q ? [q] : [];
}

/** A table of questions: one question per row. */
function fromTable(block: TableBlock): Draft[] {
  // In a questions section, an "Item" or "Topic" column holds the question too.
  const question = findColumn(block, [
    /question/,
    /^q$/,
    /^(topic|item|open item|issue|point)/,
    /问题|問題|質問|질문|항목|사항|項目|事項|課題/,
    /^(pergunta|quest[ãa]o|assunto|pregunta|tema|frage|thema|punkt)/,
  ]);
  if (!question) return [];
  const id = findColumn(block, [/^(#|id|no|q)$/]);
  const owner = findColumn(block, [OWNER]);
  const deadline = findColumn(block, [DEADLINE]);
  const impact = findColumn(block, [IMPACT]);
  const status = findColumn(block, [STATUS]);
  const answer = findColumn(block, [ANSWER]);
  const drafts: Draft[] = [];
  for (const row of tableRows(block)) {
    const text = cell(row, question);
    if (!text || NOTHING.test(text)) continue;
    const answered = answer ? cell(row, answer) : "";
    drafts.push({
      id: normalId(cell(row, id) || (QUESTION_ID.exec(text)?.[1] ?? "")),
      text: text.replace(QUESTION_ID, ""),
      owner: cell(row, owner),
      deadline: cell(row, deadline),
      impact: cell(row, impact),
      resolved:
        RESOLVED_WORDS.test(cell(row, status)) ||
        (answered !== "" && !/^(tbd|pending|open|-|—)$/i.test(answered)),
      line: row.line,
      column: row.column,
    });
  }
  return drafts;
}

/** `### Q1: Which carrier API?` with fields in the paragraphs below. */
function fromHeading(block: HeadingBlock, ctx: QuestionContext): Draft[] {
  const text = plainText(block.raw);
  const m = QUESTION_ID.exec(text);
  const section = sectionAt(ctx.sections, block.line);
  if (!m || !section || section.line !== block.line) return [];
  const q: Draft = {
    id: normalId(m[1]!),
    text: text.slice(m[0].length).trim(),
    owner: "",
    deadline: "",
    impact: "",
    resolved: RESOLVED_WORDS.test(m[2] ?? "") || RESOLVED_WORDS.test(text.slice(0, m[0].length)),
    line: block.line,
    column: block.column,
  };
  for (let l = section.line + 1; l <= section.endLine; l++) {
    for (const f of fieldsOnLine({
      text: (ctx.lines[l - 1] ?? "").replace(/^\s*[-*+]\s+/, ""),
      line: l,
    }))
      applyField(q, f);
  }
  return [q];
}

/** `**Q1**: text` lines written as paragraphs. */
function fromParagraph(block: ParagraphBlock): Draft[] {
  const drafts: Draft[] = [];
  for (const l of block.lines) {
    const m = QUESTION_ID.exec(l.text);
    if (!m || !/^(\*\*|__)?Q/i.test(l.text)) continue;
    drafts.push({
      id: normalId(m[1]!),
      text: plainText(l.text.slice(m[0].length)),
      owner: "",
      deadline: "",
      impact: "",
      resolved: RESOLVED_WORDS.test(m[2] ?? ""),
      line: l.line,
      column: 1,
    });
  }
  return drafts;
}

export function parseQuestions(blocks: Block[], lines: string[], sections: Section[]): Question[] {
  const inQuestions = (line: number) => withinKind(sections, line, ["open-questions"]);
  const ctx: QuestionContext = { blocks, lines, sections, inQuestions };
  const drafts = blocks.flatMap((block, index): Draft[] => {
    if (!inQuestions(block.line)) return [];
    switch (block.kind) {
      case "list-item":
        return fromListBlock(block, index, ctx);
      case "table":
        return fromTable(block);
      case "heading":
        return fromHeading(block, ctx);
      case "paragraph":
        return fromParagraph(block);
      default:
        return [];
    }
  });
  // Questions written without an id are numbered by their place in the plan.
  return drafts.map((d, i) => ({ ...d, id: d.id || `Q${i + 1}` }));
}
