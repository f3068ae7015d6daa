/**
 * Month names as plans write them, by month (1–12): English, Spanish, Portuguese, German, French,
 * Italian and Dutch. A word names a month when it starts one of these names (at least three
 * letters: `Mar`, `sept.`, `févr`), and every name it starts is the same month.
 */
const MONTH_NAMES: string[][] = [
  ["january", "enero", "janeiro", "januar", "jänner", "janvier", "gennaio", "januari"],
  ["february", "febrero", "fevereiro", "februar", "février", "febbraio", "februari"],
  ["march", "marzo", "março", "marco", "märz", "maerz", "mars", "maart"],
  ["april", "abril", "avril", "aprile"],
  ["may", "mayo", "maio", "mai", "maggio", "mei"],
  ["june", "junio", "junho", "juni", "juin", "giugno"],
  ["july", "julio", "julho", "juli", "juillet", "luglio"],
  ["august", "agosto", "août", "aout", "augustus"],
  ["september", "septiembre", "setiembre", "setembro", "septembre", "settembre"],
  ["october", "octubre", "outubro", "oktober", "octobre", "ottobre"],
  ["november", "noviembre", "novembro", "novembre"],
  ["december", "diciembre", "dezembro", "dezember", "décembre", "dicembre"],
];

/** 1–12 for a month word, or null when it names none or could be two. */
function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  const months = new Set<number>();
  MONTH_NAMES.forEach((names, i) => {
    if (names.some((n) => n.startsWith(w))) months.add(i + 1);
  });
  return months.size === 1 ? [...months][0]! : null;
}

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return date.toISOString().slice(0, 10);
}

const LETTERS = "\\p{L}+\\.?";
/** `2026-03-05`, `2026/3/5`, `2026.03.05`, `2026年3月5日`, `2026 年 3 月 5 日`, `2026년 3월 5일`. */
const YEAR_FIRST = /(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?!\d)/u;
/** `05.03.2026` (day first, as German and most of Europe write it with dots). */
const DOTTED = /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)/u;
/** `5 Mar 2026`, `5 de marzo de 2026`, `5. März 2026`, `1er mars 2026`, `5th of March, 2026`. */
const DAY_FIRST = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th|er|º|°)?\\.?\\s+(?:(?:de|of)\\s+)?(${LETTERS})\\s*,?\\s+(?:(?:de|del)\\s+)?(\\d{4})(?!\\d)`,
  "iu",
);
/** `March 5, 2026`, `Mar. 5th 2026`. */
const MONTH_FIRST = new RegExp(
  `(?<![\\p{L}])(${LETTERS})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`,
  "iu",
);

/**
 * A date as plans write it → YYYY-MM-DD, or null. Accepts ISO (`2026-11-25`, `2026/11/25`), CJK
 * and Korean (`2026年11月25日`, `2026 年 11 月 25 日`, `2026년 11월 25일`), day-first dotted
 * (`25.11.2026`), and month names in English, Spanish, Portuguese, German, French, Italian and
 * Dutch (`25 Nov 2026`, `Nov 25, 2026`, `25 de noviembre de 2026`, `25. November 2026`); text
 * around the date is ignored. `11/25/2026` is not read: day and month cannot be told apart.
 */
export function parseDate(text: string): string | null {
  let m = YEAR_FIRST.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DOTTED.exec(text);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = DAY_FIRST.exec(text);
  const dayFirst = m ? monthOf(m[2]!) : null;
  if (m && dayFirst !== null) return iso(Number(m[3]), dayFirst, Number(m[1]));
  m = MONTH_FIRST.exec(text);
  const monthFirst = m ? monthOf(m[1]!) : null;
  if (m && monthFirst !== null) return iso(Number(m[3]), monthFirst, Number(m[2]));
  return null;
}
