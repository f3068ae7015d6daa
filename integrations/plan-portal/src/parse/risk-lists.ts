import type { Block } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import type { LabelledField } from "./fields.ts";
import {
  IMPACT_LABEL,
  MITIGATION_LABEL,
  OWNER_LABEL,
  PROBABILITY_LABEL,
  RISK_LABEL,
  blocksBySection,
  isAttributeLabel,
  isTopItem,
  itemName,
  itemsBelow,
  readItem,
  sectionKeys,
} from "./labels.ts";
import type { Risk, Section } from "./types.ts";

/*
 * Risks written as prose rather than as a table: lists under a risks heading (a bold name per
 * bullet, `- **Risk**: …` with `- **Mitigation**: …` below it, `- X: mitigate by Y`), one heading
 * per risk (`### リスク1: …` with `**影響度**: 高` and `**対応策**:`), and lists under a level
 * heading (`### High Risk Items`), whose level becomes each risk's impact.
 */

/** A heading that holds risks, in the languages real plans use. */
const RISK_TITLE =
  /\brisks?\b|\briesgos?\b|\briscos?\b|\brisiko|\brisiken\b|\brisques?\b|\brischi|リスク|风险|風險|위험|리스크/i;
/** `Risk 1: X`, `リスク2: X`: one risk per heading; `R3 — X` too, under a risks heading. */
const NUMBERED_RISK =
  /^(?:risk|riesgo|risco|risiko|risque|リスク|风险|風險|위험|리스크)\s*#?\d+[a-z]?\s*[:：.)—–-]\s*(.+)$/i;
const R_NUMBERED = /^R\d+[a-z]?\s*[:：.)—–-]\s*(.+)$/;

const LEVEL_WORDS: [string, RegExp][] = [
  ["Critical", /^(?:critical|kritische?|cr[íi]tic[oa]s?|致命|重大|심각)/i],
  ["High", /^(?:high|hohe?|alt[oa]s?|[ée]lev[ée]s?|高|높은|높음)/i],
  ["Medium", /^(?:medium|moderate|mittlere?|medi[oa]s?|m[ée]dios?|moyens?|中|중간|보통)/i],
  ["Low", /^(?:low|niedrige?|geringe?|baj[oa]s?|baix[oa]s?|faibles?|低|낮은|낮음)/i],
];

/** `High Risk Items`, `Low-risk`, `Risks: High`, `高リスク`, `Riesgos altos`, `Hohe Risiken`. */
function levelOfHeading(key: string): string | null {
  const m =
    /^(\S+?)[- ]?(?:risk|riesgo|risco|risik(?:o|en)|リスク|风险|風險|위험|리스크)/i.exec(key) ??
    /^(\S+)\s+(?:priority|severity)\s+risks?/i.exec(key) ??
    /^(?:risks?|riesgos?|riscos?|risik(?:o|en))\s*(?:[(:：—–-]\s*)?(\S+?)\)?$/i.exec(key);
  if (!m) return null;
  // The rest of the heading may only say "items", "areas" … (`High Risk Items`, not `High risk of X`).
  const rest = key.slice(m.index + m[0].length).trim();
  if (rest && !/^(?:s|items?|areas?|factors?|ones?|項目|事項|項|항목|\))$/i.test(rest)) return null;
  return LEVEL_WORDS.find(([, re]) => re.test(m[1]!))?.[0] ?? null;
}

/** Sub-headings of a risks section that hold something else than risks. */
const NOTES_TITLE =
  /mitigat|contingenc|lessons|notes?\b|monitor|response|strateg|対策|対応|缓解|应对|완화|대응|mitiga[çc]|medidas/i;

type Scope =
  { kind: "container"; level: string } | { kind: "risk"; text: string; level: string } | null;

const NOT_RISKS: Section["kind"][] = [
  "open-questions",
  "assumptions",
  "dependencies-blockers",
  "constitution-check",
  "complexity-tracking",
];

/** Whether a section's own prose starts with a risk's attributes (`**Impact**: High`). */
function leadsWithAttributes(blocks: Block[], lines: string[], own: number[]): boolean {
  return own.some((i) => {
    const b = blocks[i]!;
    if (b.kind !== "paragraph" && b.kind !== "list-item") return false;
    const { lead, fields } = readItem(b, lines);
    return lead === "" && fields.length > 0 && isAttributeLabel(fields[0]!.label);
  });
}

function scopes(blocks: Block[], lines: string[], sections: Section[], own: number[][]): Scope[] {
  const out: Scope[] = [];
  const keys = sectionKeys(sections);
  sections.forEach((s, i) => {
    const parent = s.parent >= 0 ? out[s.parent]! : null;
    const inherited = parent?.level ?? "";
    const key = keys[i]!;
    const numbered =
      NUMBERED_RISK.exec(key) ?? (parent?.kind === "container" ? R_NUMBERED.exec(key) : null);
    const level = levelOfHeading(key);
    if (NOT_RISKS.includes(s.kind)) out.push(null);
    else if (numbered) out.push({ kind: "risk", text: numbered[1]!, level: inherited });
    else if (level) out.push({ kind: "container", level });
    else if (parent?.kind === "container" && leadsWithAttributes(blocks, lines, own[i]!))
      out.push({ kind: "risk", text: key, level: inherited });
    else if (RISK_TITLE.test(key) || (parent?.kind === "container" && !NOTES_TITLE.test(key)))
      out.push({ kind: "container", level: inherited });
    else out.push(null);
  });
  return out;
}

function emptyRisk(text: string, at: { line: number; column: number }): Risk {
  return {
    text,
    probability: "",
    impact: "",
    owner: "",
    mitigation: "",
    rated: false,
    probabilityColumn: at.column,
    impactColumn: at.column,
    line: at.line,
    column: at.column,
  };
}

/**
 * Fills a risk from labelled values; an empty `**Mitigation**:` takes the unlabelled items that
 * follow it. Returns the label whose value is still open, for those items.
 */
function apply(risk: Risk, field: LabelledField): "mitigation" | null {
  const label = field.label.trim();
  const value = field.value;
  if (MITIGATION_LABEL.test(label)) {
    if (value === "") return "mitigation";
    risk.mitigation = risk.mitigation ? `${risk.mitigation}; ${value}` : value;
    return null;
  }
  if (PROBABILITY_LABEL.test(label) && !risk.probability) {
    risk.probability = value;
    risk.probabilityColumn = field.column;
    risk.rated = value !== "";
  } else if (IMPACT_LABEL.test(label) && !risk.impact) {
    risk.impact = value;
    risk.impactColumn = field.column;
  } else if (OWNER_LABEL.test(label) && !risk.owner) risk.owner = value;
  return null;
}

/** The attributes of a risk from the items nested below its bullet or written under its heading. */
function applyAll(risk: Risk, blocks: Block[], lines: string[], indexes: number[]): void {
  let open: "mitigation" | null = null;
  for (const j of indexes) {
    const b = blocks[j]!;
    if (b.kind !== "paragraph" && b.kind !== "list-item") continue;
    const { lead, fields } = readItem(b, lines);
    if (!fields.length) {
      if (open === "mitigation" && b.kind === "list-item") {
        const text = plainText(lead);
        risk.mitigation = risk.mitigation ? `${risk.mitigation}; ${text}` : text;
      }
      continue;
    }
    open = null;
    for (const f of fields) open = apply(risk, f);
  }
}

// `X: mitigate by Y`, `X — mitigation: Y` inside one bullet.
const INLINE_MITIGATION =
  /^(.*?)\s*(?:[:;,.—–]|\s-)\s*(?:mitigat(?:ion|ing|ed|e)|mitigaci[óo]n|mitiga[çc][ãa]o|mitigado)\b(?:\s+(?:by|with|via|por|com))?\s*[:：]?\s*(.+)$/i;

const BOLD_START = /^(?:\*\*|__).+?(?:\*\*|__)/;
const LEVEL_LABEL = /^(?:critical|high|medium|low|高|中|低)$/i;
const LEAD_LEVEL =
  /^(?:\*\*|__)((?:critical|high|medium|low)(?:[- ](?:to[- ])?(?:critical|high|medium|low))?)\b[.:]?(?:\*\*|__)/i;

/** `X: mitigate by Y` → text and mitigation; otherwise the text as written. */
function splitInline(risk: Risk, text: string): void {
  const inline = INLINE_MITIGATION.exec(text);
  risk.text = inline ? inline[1]!.trim() : text;
  if (inline && !risk.mitigation) risk.mitigation = inline[2]!.trim();
}

/** One bullet of a risks list as a risk, or null when it only carries an attribute. */
function riskFromItem(blocks: Block[], lines: string[], i: number, level: string): Risk | null {
  const b = blocks[i]!;
  const { lead, fields } = readItem(b, lines);
  const first = fields[0];
  const risk = emptyRisk("", b);
  let rest = fields;
  let levelHere = "";
  if (lead === "" && first) {
    const label = first.label.trim();
    if (isAttributeLabel(label)) return null;
    rest = fields.slice(1);
    if (RISK_LABEL.test(label)) splitInline(risk, first.value);
    else if (LEVEL_LABEL.test(label)) {
      splitInline(risk, first.value);
      levelHere = label;
    } else {
      // `- **Vendor lock-in**: switching costs; mitigate by …`: the label names the risk.
      risk.text = plainText(first.label);
      const inline = INLINE_MITIGATION.exec(first.value);
      if (inline) risk.mitigation = inline[2]!.trim();
    }
  } else if (BOLD_START.test(lead)) {
    // `**The city chip is the trap.** … Mitigation: …`: the bold words name it.
    risk.text = itemName(lead);
    const inline = INLINE_MITIGATION.exec(`. ${plainText(lead.replace(BOLD_START, ""))}`);
    if (inline) risk.mitigation = inline[2]!.trim();
  } else splitInline(risk, itemName(lead));
  for (const f of rest) apply(risk, f);
  applyAll(risk, blocks, lines, itemsBelow(blocks, i));
  if (!risk.impact && (levelHere || level)) risk.impact = levelHere || level;
  return risk.text ? risk : null;
}

/** A paragraph that is only a label (`**Lessons learned**:`): it names the list below it. */
function labelOnly(blocks: Block[], lines: string[], i: number): string | null {
  const b = blocks[i]!;
  if (b.kind !== "paragraph") return null;
  const { lead, fields } = readItem(b, lines);
  return lead === "" && fields.length === 1 && fields[0]!.raw === ""
    ? fields[0]!.label.trim()
    : null;
}

function startsWithRiskLabel(blocks: Block[], lines: string[], i: number): boolean {
  const { lead, fields } = readItem(blocks[i]!, lines);
  return lead === "" && fields.length > 0 && RISK_LABEL.test(fields[0]!.label.trim());
}

/**
 * The bullets and labelled paragraphs of a risks section, each a risk. Bullets below a label that
 * names something else (`**Lessons learned**:`, `**Mitigations**:`) are not risks.
 */
function risksOfContainer(
  blocks: Block[],
  lines: string[],
  section: Section,
  own: number[],
  level: string,
): Risk[] {
  const items: { index: number; level: string }[] = [];
  const paragraphs: number[] = [];
  let under: string | null = null;
  for (const i of own) {
    const b = blocks[i]!;
    if (b.kind === "paragraph") {
      // "**High.** This phase …": the level of the risks listed after it.
      const stated = LEAD_LEVEL.exec(b.lines[0]?.text ?? "");
      if (stated) level = levelOfLabel(stated[1]!) ?? stated[1]!;
      under = labelOnly(blocks, lines, i);
      if (startsWithRiskLabel(blocks, lines, i) && under === null) paragraphs.push(i);
      continue;
    }
    if (!isTopItem(blocks, i, section)) continue;
    const levelHere = under === null ? level : (levelOfLabel(under) ?? "");
    if (under === null || RISK_TITLE.test(under) || levelOfLabel(under))
      items.push({ index: i, level: levelHere || level });
  }
  // "**Estimated complexity**: Medium / **Key risks**: …": where some bullets say which are risks,
  // only those are.
  const labelled = items.filter((it) => startsWithRiskLabel(blocks, lines, it.index));
  const chosen = labelled.length ? labelled : items;
  const out: { index: number; risk: Risk }[] = [];
  for (const it of chosen) {
    const risk = riskFromItem(blocks, lines, it.index, it.level);
    if (risk) out.push({ index: it.index, risk });
  }
  for (const i of paragraphs) {
    const { fields } = readItem(blocks[i]!, lines);
    const risk = emptyRisk(fields[0]!.value, blocks[i]!);
    for (const f of fields.slice(1)) apply(risk, f);
    if (!risk.impact) risk.impact = level;
    if (risk.text) out.push({ index: i, risk });
  }
  return out.sort((a, b) => a.index - b.index).map((o) => o.risk);
}

function levelOfLabel(label: string): string | null {
  return LEVEL_LABEL.test(label)
    ? LEVEL_WORDS.find(([, re]) => re.test(label))![0]
    : levelOfHeading(label);
}

/**
 * Risks written as lists and headings. Sections in `skip` (those holding a risk table, whose
 * bullets are notes about the table) are left to the table reader.
 */
export function parseRiskLists(
  blocks: Block[],
  lines: string[],
  sections: Section[],
  skip: ReadonlySet<number>,
): Risk[] {
  const own = blocksBySection(blocks, sections);
  const scope = scopes(blocks, lines, sections, own);
  const out: Risk[] = [];
  sections.forEach((section, s) => {
    const sc = scope[s];
    if (!sc || skip.has(s)) return;
    if (sc.kind === "container") {
      out.push(...risksOfContainer(blocks, lines, section, own[s]!, sc.level));
      return;
    }
    const risk = emptyRisk(plainText(sc.text), section);
    applyAll(risk, blocks, lines, own[s]!);
    if (!risk.impact) risk.impact = sc.level;
    out.push(risk);
  });
  return out;
}
