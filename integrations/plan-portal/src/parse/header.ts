import type { Block, HeadingBlock } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import { blockFields } from "./fields.ts";
import type { Plan } from "./types.ts";

const HEADER_LABELS: [keyof Plan["header"], RegExp][] = [
  [
    "branch",
    /^(feature\s+)?branch( name)?$|分支|ブランチ|브랜치|^ramo$|^rama$|^branch da feature$/i,
  ],
  [
    "date",
    /^(date|created|created on|creation date|updated|last updated)$|日期|日付|作成日|날짜|일자|^data$|^fecha$|^criad[oa]$|^cread[oa]$|^erstellt$/i,
  ],
  [
    "spec",
    /^(spec|specification|feature spec|spec link|spec reference|spec file)$|规格|規格|规范|仕様|스펙|명세|^especifica[çc][ãa]o$/i,
  ],
  ["input", /^input$|输入|輸入|入力|입력|^entrada$/i],
  ["status", /^(status|state|plan status)$|状态|狀態|状態|ステータス|상태|^estado$/i],
];

/** A label of the plan's header fields (Branch, Date, Spec, Input, Status), in any language read. */
export function isHeaderLabel(label: string): boolean {
  return HEADER_LABELS.some(([, re]) => re.test(label.trim()));
}

// Words that mark an H1 as "the plan for X" in the languages real plans use. A hyphen separates
// only with spaces around it ("Plan - X"), so "Plan-based routing" keeps its first word.
const PLAN_WORDS =
  "implementation\\s+plan|technical\\s+plan|plan(?:\\s+de\\s+implementa[çc][ãa]o)?|plano(?:\\s+de\\s+implementa[çc][ãa]o|\\s+t[ée]cnico)?|plan\\s+de\\s+implementaci[óo]n|plan\\s+t[ée]cnico|implementierungsplan|umsetzungsplan|technischer\\s+plan|plan\\s+d['’]impl[ée]mentation|plan\\s+technique|piano\\s+di\\s+implementazione|piano\\s+tecnico|实施计划|實施計劃|实现计划|實作計畫|实施方案|实现方案|技术方案|技术计划|計画|実装計画|実装プラン|技術計画|구현\\s*계획서?|실행\\s*계획";
const SEPARATOR = "(?:\\s*[:：—–]|\\s+-)\\s*";
const PLAN_PREFIX = new RegExp(`^(?:${PLAN_WORDS})${SEPARATOR}`, "i");
const PLAN_SUFFIX =
  /\s*[-—–:：]?\s*(?:implementation\s+plan|architectural\s+plan|technical\s+plan|implementierungsplan|umsetzungsplan|technischer\s+plan|plano\s+t[ée]cnico|plano\s+de\s+implementa[çc][ãa]o|plan\s+t[ée]cnico|plan\s+de\s+implementaci[óo]n|plan\s+d['’]impl[ée]mentation|piano\s+di\s+implementazione|実装計画|实施计划|實施計劃|구현\s*계획서?)$/i;
/** A heading that only says "plan" names no feature. */
const BARE = new RegExp(`^(?:${PLAN_WORDS})$`, "i");

/**
 * A title that is still the template's: `[FEATURE]`, `[Feature Name]`, `<<FEATURE>>`,
 * `{{feature_name}}`, `<feature-name>`, `$FEATURE_NAME`, `FEATURE_NAME`.
 */
export function isPlaceholderTitle(title: string): boolean {
  const t = title.trim();
  return (
    /^\[[^\]]*\]$/.test(t) ||
    /^<<[^>]*>>$|^\{\{[^}]*\}\}$|^<[^<>\s]+>$|^\$\{?[A-Z_]+\}?$/.test(t) ||
    /^(?:FEATURE|FEATURE[_ ]NAME|FEATURE[_ ]TITLE|TITLE|NAME)$/.test(t)
  );
}

function stripPlanWords(text: string): string {
  if (BARE.test(text)) return "";
  const stripped = text.replace(PLAN_PREFIX, "");
  return (stripped !== text ? stripped : text.replace(PLAN_SUFFIX, "")).trim();
}

/** The feature an H1 names, or "" when it names none (a bare "Plan", the template's `[FEATURE]`). */
export function titleFromHeading(raw: string): string {
  // The raw text too: plainText drops `<feature-name>` as if it were an HTML tag.
  if (isPlaceholderTitle(stripPlanWords(raw.trim()))) return "";
  const title = stripPlanWords(plainText(raw));
  return isPlaceholderTitle(title) ? "" : title;
}

const SPEC_PREFIX =
  /^(?:feature\s+specification|specification|feature\s+spec|spec|especifica[çc][ãa]o(?:\s+(?:da|de)\s+(?:funcionalidade|feature|recurso))?|especificaci[óo]n(?:\s+de\s+(?:la\s+)?(?:funcionalidad|caracter[íi]stica))?|spezifikation|feature-spezifikation|功能规格|功能规范|功能說明|需求规格|機能仕様書?|仕様書?|기능\s*(?:명세서?|사양서?))(?:\s*[:：—–]|\s+-)\s*/i;

/** The feature spec.md's H1 names (`# Feature Specification: X` → X), or "". */
export function titleFromSpec(specText: string | null | undefined): string {
  if (!specText) return "";
  const h1 = /^ {0,3}#[ \t]+(.+?)[ \t#]*$/m.exec(specText.slice(0, 20_000));
  if (!h1) return "";
  const raw = h1[1]!.trim();
  const text = plainText(raw).replace(SPEC_PREFIX, "").trim();
  return isPlaceholderTitle(text) || isPlaceholderTitle(raw.replace(SPEC_PREFIX, "")) ? "" : text;
}

export function humaniseFolder(folder: string): string {
  const words = folder
    .replace(/^\d+[-_]?/, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return words === "" ? folder : words.charAt(0).toUpperCase() + words.slice(1);
}

export interface HeaderResult {
  title: string;
  titleSource: Plan["titleSource"];
  header: Plan["header"];
  headerLine: number;
}

export function parseHeader(
  blocks: Block[],
  lines: string[],
  folder: string,
  frontmatter: Record<string, unknown> | null,
  specText?: string | null,
): HeaderResult {
  const h1 = blocks.find((b): b is HeadingBlock => b.kind === "heading" && b.level === 1);
  let title = h1 ? titleFromHeading(h1.raw) : "";
  let titleSource: Plan["titleSource"] = "h1";
  if (!title && typeof frontmatter?.["title"] === "string") {
    title = frontmatter["title"].trim();
    titleSource = "frontmatter";
  }
  if (!title && !h1) {
    // `\# Implementation Plan: X` renders as text, but the author clearly meant a title.
    const escaped = lines.slice(0, 10).find((l) => /^\s*\\#\s/.test(l));
    if (escaped) {
      title = titleFromHeading(escaped.replace(/^\s*\\#+\s*/, ""));
      titleSource = "escaped-h1";
    }
  }
  if (!title) {
    // The H1 is still the template's (or missing): the spec names the feature.
    title = titleFromSpec(specText);
    titleSource = "spec";
  }
  if (!title) {
    title = humaniseFolder(folder);
    titleSource = "folder";
  }

  // Header fields sit between the title and the next heading (some plans put sections before the H1).
  const start = h1?.line ?? 0;
  const next = blocks.find((b) => b.kind === "heading" && b.line > start);
  const limit = next ? next.line : Math.min(lines.length + 1, start + 40);
  const header: Plan["header"] = {};
  for (const block of blocks) {
    if (block.line < start) continue;
    if (block.line >= limit) break;
    for (const field of blockFields(block, lines)) {
      const key = HEADER_LABELS.find(([, re]) => re.test(field.label.trim()))?.[0];
      if (key && !header[key]) header[key] = field;
    }
  }
  return { title, titleSource, header, headerLine: h1?.line ?? 1 };
}
