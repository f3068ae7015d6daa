import { maskInline, plainText } from "./markdown.ts";
import type { Marker, ResolvedMarker, Section } from "./types.ts";

/*
 * A NEEDS CLARIFICATION marker the plan itself records as decided stays in the model, as resolved:
 * - struck through: `~~[NEEDS CLARIFICATION: which carrier?]~~`;
 * - annotated right after it on its line: `… NEEDS CLARIFICATION: which carrier? → Resolved: Shippo`,
 *   `[NEEDS CLARIFICATION: retention] ✅ decided 2026-03-02`;
 * - recorded: a line of a Clarifications / Decisions section (not the marker's own line) quotes the
 *   marker's question and says more than the question, e.g. `- Q: Which carrier? → A: Shippo`.
 * A bare marker without a question can only be resolved on its own line.
 */

const WORD_END = "(?![\\p{L}\\p{N}])";
const RESOLVED_WORD = `(?:resolved|decided|answered|closed|settled|done|解決済み?|決定済み?|確定済み?|已解决|已解決|已澄清|已确定|해결됨?|결정됨?|resuelt[oa]|decidid[oa]|resolvid[oa]|entschieden|gekl[äa]rt|r[ée]solue?|d[ée]cid[ée]e?)${WORD_END}`;

const ANSWER_LABEL =
  "(?:a|answer|decision|antwort|respuesta|resposta|回答|決定|决定|결정|답변)\\s*[:：]";

/** Right after a bracketed marker: a mark or word saying it is decided. */
const ANNOTATION = new RegExp(
  // One class for the lead-in (nested quantifiers here backtracked exponentially on "] -----x").
  `^[\\s*_~–—:：→>=(（|-]*(?:✅|☑|✔|${RESOLVED_WORD}|${ANSWER_LABEL})`,
  "iu",
);
/** Inside an unbracketed marker's text (it runs to the end of the line): only after an arrow, dash or parenthesis, so "how are disputes resolved?" stays a question. */
const ANNOTATION_INSIDE = new RegExp(
  `✅|☑|✔|(?:→|->|=>|\\s[—–-]\\s|[(（|;])\\s*(?:${RESOLVED_WORD}|${ANSWER_LABEL})`,
  "iu",
);

/** Headings of the sections that record decisions. */
const RECORD_SECTION =
  /clarification|decision|decided|resolved|answered|決定|確定|決議|结论|結論|决策|澄清|已解决|解決済|결정|해결|decis|entscheid|r[ée]solu|resuelt|resolvid|respuestas|antworten/i;
/** ... unless they are still the open ones ("Open Clarifications", "未決定事項"). */
const STILL_OPEN =
  /\b(open|pending|outstanding|unresolved|remaining|needs?)\b|未|待|미해결|미결|pendientes?|pendentes?|offene?/i;
/** A record line that quotes the question but still has no answer. */
const NO_ANSWER =
  /\b(tbd|pending|open|unresolved|unknown)\b|未定|未確定|待定|待确认|미정|pendiente|pendente|offen/i;

/** Letters and digits only, lower-case: how a question is compared with the line quoting it. */
function normalise(text: string): string {
  return plainText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The question a marker asks: `[NEEDS CLARIFICATION: which carrier API?]` → "whichcarrierapi". */
function questionOf(marker: Marker): string {
  const m = /NEEDS[ _-]CLARIFICATIONS?\s*[:：]?\s*(.*)$/.exec(marker.text.replace(/^\[|\]$/g, ""));
  return normalise(m?.[1] ?? "");
}

/** Whether the marker, at its column on its line, lies between a pair of `~~`. */
function struck(line: string, marker: Marker): boolean {
  const start = marker.column - 1;
  const before = line.slice(0, start).split("~~").length - 1;
  return before % 2 === 1 && line.indexOf("~~", start) >= 0;
}

function annotation(line: string, marker: Marker): string | null {
  const after = line.slice(marker.column - 1 + marker.text.length);
  if (ANNOTATION.test(maskInline(after))) return plainText(after).trim();
  if (marker.text.startsWith("[")) return null;
  const inside = ANNOTATION_INSIDE.exec(marker.text);
  return inside ? plainText(marker.text.slice(inside.index)).trim() : null;
}

/** Line ranges of the sections that record decisions (their sub-sections included). */
function recordRanges(sections: Section[]): [number, number][] {
  return sections
    .filter((s) => RECORD_SECTION.test(s.title) && !STILL_OPEN.test(s.title))
    .map((s) => [s.line, s.endLine]);
}

function recorded(
  marker: Marker,
  lines: string[],
  ranges: [number, number][],
  normalised: Map<number, string>,
): { line: number; text: string } | null {
  const question = questionOf(marker);
  // Short questions ("scope?") would match unrelated lines.
  if (question.length < 6) return null;
  for (const [from, to] of ranges) {
    for (let l = from + 1; l <= to; l++) {
      if (l === marker.line) continue;
      const text = lines[l - 1] ?? "";
      let said = normalised.get(l);
      if (said === undefined) normalised.set(l, (said = normalise(text)));
      if (!said.includes(question) || /NEEDS[ _-]CLARIFICATION/.test(text)) continue;
      if (said.length - question.length < 3 || NO_ANSWER.test(text)) continue;
      return { line: l, text: plainText(text).trim() };
    }
  }
  return null;
}

/** The plan's markers, split into those still open and those the plan records as decided. */
export function splitClarifications(
  markers: Marker[],
  lines: string[],
  sections: Section[],
): { open: Marker[]; resolved: ResolvedMarker[] } {
  const open: Marker[] = [];
  const resolved: ResolvedMarker[] = [];
  let ranges: [number, number][] | null = null;
  // Each record line is normalised once, however many markers look for their question in it.
  const normalised = new Map<number, string>();
  for (const marker of markers) {
    const line = lines[marker.line - 1] ?? "";
    const here = { line: marker.line, column: marker.column };
    if (struck(line, marker)) {
      resolved.push({ ...marker, resolution: { how: "struck", text: "", ...here } });
      continue;
    }
    const note = annotation(line, marker);
    if (note !== null) {
      resolved.push({ ...marker, resolution: { how: "annotated", text: note, ...here } });
      continue;
    }
    ranges ??= recordRanges(sections);
    const record = recorded(marker, lines, ranges, normalised);
    if (record) {
      resolved.push({
        ...marker,
        resolution: { how: "recorded", text: record.text, line: record.line, column: 1 },
      });
    } else open.push(marker);
  }
  return { open, resolved };
}
