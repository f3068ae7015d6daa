import { isHeaderLabel } from "../parse/header.ts";

/*
 * The rendered plan.md as the plan page shows it. The page's head already shows the title and the
 * Details panel the header fields, so the body drops its own H1 and the `**Branch**: … | **Date**:
 * …` paragraph; Technical Context's `**Label**: value` lines become a definition list. Each step
 * works on the renderer's (sanitized) HTML and leaves anything it does not recognise as it was.
 */

// The first element when it is an H1, with its id when it has one.
const LEADING_H1 = /^\s*<h1(?=[\s>])(?:\s[^>]*?\bid="([^"]*)")?[^>]*>[\s\S]*?<\/h1>\s*/;

/** The document without its leading H1 (only when the H1 is the first element). */
export function withoutLeadingTitle(html: string): string {
  return html.replace(LEADING_H1, "");
}

/**
 * The id of the H1 that withoutLeadingTitle drops: findings on the title line and links to the
 * plan's top point at it, so the page's own heading carries it instead.
 */
export function leadingTitleId(html: string): string | null {
  return LEADING_H1.exec(html)?.[1] ?? null;
}

const PARAGRAPH = /<p>([\s\S]*?)<\/p>/g;

/** `Label: value` segments of a paragraph's text, split at line breaks and `|`. */
function segments(inner: string): string[] {
  const text = inner
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&[a-z]+;|&#\d+;/g, " ");
  return text
    .split(/\n|\|/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A paragraph made only of header fields (branch, date, spec, input, status). */
function isHeaderParagraph(inner: string): boolean {
  const parts = segments(inner);
  return (
    parts.length > 0 &&
    parts.every((p) => {
      const label = /^([^:：]{1,40})[:：]/.exec(p)?.[1];
      return label !== undefined && isHeaderLabel(label);
    })
  );
}

/** The document without the paragraphs of header fields that come before its first section. */
export function withoutHeaderFields(html: string): string {
  const firstSection = html.search(/<h2[\s>]/);
  const head = firstSection < 0 ? html : html.slice(0, firstSection);
  const rest = firstSection < 0 ? "" : html.slice(firstSection);
  return head.replace(PARAGRAPH, (p, inner: string) => (isHeaderParagraph(inner) ? "" : p)) + rest;
}

// `<strong>Label</strong>: value` or `<strong>Label:</strong> value`, one per line.
const FIELD_LINE = /^\s*<strong>([^<]{1,60}?)(:?)<\/strong>(:?)\s*([\s\S]*)$/;

interface FieldLine {
  label: string;
  value: string;
}

function fieldLine(line: string): FieldLine | null {
  const m = FIELD_LINE.exec(line);
  if (!m || (m[2] === "" && m[3] === "")) return null;
  return { label: m[1]!.trim(), value: m[4]!.trim() };
}

/** Two or more field lines and nothing else, or null. */
function allFields(lines: string[]): FieldLine[] | null {
  const fields = lines.map(fieldLine);
  return fields.length > 1 && fields.every((f) => f !== null) ? (fields as FieldLine[]) : null;
}

function definitionList(fields: FieldLine[]): string {
  const items = fields.map((f) => {
    const unclear = /NEEDS[ _-]CLARIFICATION/i.test(f.value) ? ' class="needs-clarification"' : "";
    return `<dt>${f.label}</dt><dd${unclear}>${f.value}</dd>`;
  });
  return `<dl class="context-list">${items.join("")}</dl>`;
}

/**
 * Technical Context (the section whose heading has id `slug`): each paragraph, or bullet list,
 * made only of `**Label**: value` lines becomes one definition list. Values keep their markup.
 */
export function technicalContextList(html: string, slug: string): string {
  const start = html.search(new RegExp(`<h[2-6][^>]*\\sid="${slug}"`));
  if (start < 0) return html;
  const bodyStart = html.indexOf(">", html.indexOf("</h", start)) + 1;
  const next = html.slice(bodyStart).search(/<h[12][\s>]/);
  const end = next < 0 ? html.length : bodyStart + next;
  const section = html
    .slice(bodyStart, end)
    .replace(PARAGRAPH, (p, inner: string) => {
      const fields = allFields(inner.split(/<br\s*\/?>|\n/).filter((l) => l.trim() !== ""));
      return fields ? definitionList(fields) : p;
    })
    .replace(/<ul>([\s\S]*?)<\/ul>/g, (list, inner: string) => {
      const items = [...inner.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
      const rest = inner.replace(/<li>[\s\S]*?<\/li>/g, "").trim();
      if (rest !== "" || items.some((i) => /<(ul|ol|p)[\s>]/.test(i))) return list;
      const fields = allFields(items);
      return fields ? definitionList(fields) : list;
    });
  return html.slice(0, bodyStart) + section + html.slice(end);
}
