import type { Block } from "./markdown.ts";
import { plainText } from "./markdown.ts";
import type { Section, SectionKind } from "./types.ts";

/**
 * Heading wording → section kind. Order matters: the first match wins, so specific names come
 * before general ones. Translations are the ones real plans use (Chinese, Japanese, Korean,
 * Portuguese, Spanish).
 */
const KINDS: [SectionKind, RegExp][] = [
  [
    "open-questions",
    /^(open|unresolved|outstanding|pending|undecided|deferred)\s+(questions|issues|decisions)|^(open|unresolved|undecided)\s+(item|point)s?\b|^questions\b|^(undecided|carried[- ]over|to be decided)\b|^tbd\b|未解決|未決|未確定|持ち越し|要確認|待確認|待解决|待澄清|待定|未决|遗留问题|開放問題|开放问题|미해결|미결|열린 질문|perguntas|quest[õo]es (em aberto|abertas|pendentes)|pend[êe]ncias|itens (em aberto|pendentes)|preguntas|cuestiones (abiertas|pendientes)|^pendientes|^(temas|asuntos|puntos) pendientes|^offene (fragen|punkte|themen)|^ungekl[äa]rte? (fragen|punkte)|^points (ouverts|en suspens)|^questions ouvertes|^domande aperte|^punti aperti/i,
  ],
  [
    "dependencies-blockers",
    /^dependencies\s*(&|and|\/)\s*blockers|^blockers|依存関係と|ブロッカー|阻塞|의존성 및/i,
  ],
  [
    "technical-context",
    /^technical\s+context|技术背景|技術背景|技術的背景|技術的コンテキスト|技術コンテキスト|技術上下文|技术上下文|기술 (컨텍스트|맥락|배경)|contexto t[ée]cnico|^technischer kontext|^technische[rn]? (rahmen|hintergrund)|^contexte technique|^contesto tecnico/i,
  ],
  [
    "constitution-check",
    /constitution|憲法|宪法|宪章|憲章|헌법|constitui[çc][ãa]o|constituci[óo]n|costituzione|verfassung/i,
  ],
  [
    "project-structure",
    /^(project|source)\s+structure|^structure\b|项目结构|專案結構|プロジェクト構造|プロジェクト構成|프로젝트 구조|estrutura do projeto|estructura del proyecto|^projektstruktur|^struktur des projekts|^struttura del progetto/i,
  ],
  [
    "complexity-tracking",
    /^complexity\s+tracking|^复杂度(跟踪|追踪)|^複雜度(追蹤|跟蹤)|^複雑(性|度)の(追跡|管理)|^복잡도 추적|^rastreamento de complexidade|^acompanhamento de complexidade|^seguimiento de (la )?complejidad|^komplexit[äa]ts?(verfolgung|tracking)|^suivi de (la )?complexit[ée]/i,
  ],
  ["component-diagram", /component\s+(interaction\s+)?diagram|architecture\s+diagram/i],
  ["architecture-pattern", /^architecture\s+pattern/i],
  ["component-responsibilities", /^component\s+responsibilit/i],
  [
    "architecture",
    /^high[- ]level\s+architecture|^高层架构|^ハイレベルアーキテクチャ|^상위 수준 아키텍처/i,
  ],
  ["cross-cutting", /^cross[- ]cutting/i],
  ["error-handling", /^error\s+handling/i],
  ["security", /^security/i],
  ["observability", /^observability|^monitoring/i],
  ["caching", /^caching/i],
  ["resilience", /^resilience/i],
  ["api-design", /^api\s+design/i],
  ["configuration", /^configuration/i],
  ["data-architecture", /^data\s+architecture/i],
  ["data-model", /^data\s+model|数据模型|データモデル|데이터 모델/i],
  ["database-schema", /^database\s+schema/i],
  ["data-flow", /^data\s+flow/i],
  ["integration-architecture", /^integration\s+architecture/i],
  ["external-dependencies", /^external\s+dependencies/i],
  ["failure-handling", /^failure\s+handling/i],
  ["api-contracts", /^api\s+contracts?|^contracts?$/i],
  [
    "migration-rollout",
    /^migration\s*\/\s*rollout|^migration\s+(and|&)\s+rollout|^rollout\s+plan/i,
  ],
  ["risk-assessment", /^risk\s+assessment/i],
  ["risks", /^risks?\b|^风险|^リスク|^위험|^riscos|^riesgos/i],
  ["assumptions", /^assumptions/i],
  [
    "summary",
    /^summary|^overview$|^概要|^摘要|^总结|^總結|^概述|^概覽|^简介|^サマリー?|^要約|^요약|^개요|^resumo|^vis[ãa]o geral|^resumen|^descripci[óo]n general|^zusammenfassung|^[üu]berblick|^[üu]bersicht|^r[ée]sum[ée]|^synth[èe]se|^sommaire|^riepilogo|^sommario|^sintesi|^samenvatting|^sammanfattning/i,
  ],
];

/** Strip numbering (`1.`, `2.3`, `Phase 1 –`), emoji and trailing colons before matching a heading. */
export function headingKey(title: string): string {
  const emoji = /^[\p{Extended_Pictographic}\uFE0F\s]+/u;
  // Emoji and numbering in either order: "✅ 1. Summary", "1. 📋 Summary".
  return title
    .replace(emoji, "")
    .replace(/^(\d+(\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+/, "")
    .replace(emoji, "")
    .replace(/[:：]\s*$/, "")
    .trim();
}

function kindOf(key: string): SectionKind {
  // "Open Questions Resolved" is a record of answers, not open questions.
  if (/(^|\s)(resolved|answered)|已解决|解決済/i.test(key) && /question/i.test(key)) return "other";
  for (const [kind, re] of KINDS) if (re.test(key)) return kind;
  return "other";
}

/** Section kind of a heading; `기술 컨텍스트 (Technical Context)` is tried without and then with its parenthesis. Headings repeat across plans, so kinds are cached by title. */
const kindCache = new Map<string, SectionKind>();

export function classifySection(title: string): SectionKind {
  let kind = kindCache.get(title);
  if (kind === undefined) {
    kind = classify(title);
    if (kindCache.size < 50_000) kindCache.set(title, kind);
  }
  return kind;
}

function classify(title: string): SectionKind {
  const key = headingKey(title);
  const paren = /\s*[(（]([^()（）]*)[)）]\s*$/.exec(key);
  if (!paren) return kindOf(key);
  const outer = kindOf(key.slice(0, paren.index).trim());
  return outer !== "other" ? outer : kindOf(paren[1]!.trim());
}

/** GitHub-compatible heading slug (what Astro's heading ids produce), unique per plan. */
export function slugify(text: string, seen: Map<string, number>): string {
  const lower = text.toLowerCase();
  let base = (
    /^[a-z0-9 _-]*$/.test(lower) ? lower : lower.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
  ).replace(/ /g, "-");
  if (base === "") base = "section";
  const count = seen.get(base);
  seen.set(base, (count ?? 0) + 1);
  return count === undefined ? base : `${base}-${count}`;
}

export function buildSections(blocks: Block[], lineCount: number): Section[] {
  const sections: Section[] = [];
  const seen = new Map<string, number>();
  const stack: number[] = [];
  for (const block of blocks) {
    if (block.kind !== "heading") {
      const current = sections[stack[stack.length - 1] ?? -1];
      if (current) current.contentLines += block.endLine - block.line + 1;
      continue;
    }
    const title = plainText(block.raw);
    while (stack.length && sections[stack[stack.length - 1]!]!.level >= block.level) {
      sections[stack.pop()!]!.endLine = block.line - 1;
    }
    sections.push({
      title,
      slug: slugify(title, seen),
      level: block.level,
      kind: classifySection(title),
      line: block.line,
      column: block.column,
      endLine: lineCount,
      parent: stack.length ? stack[stack.length - 1]! : -1,
      contentLines: 0,
    });
    stack.push(sections.length - 1);
  }
  return sections;
}

/** The innermost section containing `line`, or undefined before the first heading. */
export function sectionAt(sections: Section[], line: number): Section | undefined {
  const index = sectionIndexAt(sections, line);
  return index < 0 ? undefined : sections[index];
}

/** Index of the innermost section containing `line`, or -1 before the first heading. */
export function sectionIndexAt(sections: Section[], line: number): number {
  // The last section starting at or before `line` contains it: a section only ends where a later
  // heading starts. Binary search, since every block of a large plan asks.
  let lo = 0;
  let hi = sections.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.line <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// Kinds of each section and its ancestors, computed once per plan (every block asks).
const ancestryCache = new WeakMap<Section[], Set<SectionKind>[]>();

function ancestry(sections: Section[]): Set<SectionKind>[] {
  let cached = ancestryCache.get(sections);
  if (!cached) {
    cached = [];
    for (const s of sections) {
      const kinds = new Set(s.parent >= 0 ? cached[s.parent] : []);
      kinds.add(s.kind);
      cached.push(kinds);
    }
    ancestryCache.set(sections, cached);
  }
  return cached;
}

/** Whether `line` lies in a section of one of `kinds` or in any of its sub-sections. */
export function withinKind(sections: Section[], line: number, kinds: SectionKind[]): boolean {
  const index = sectionIndexAt(sections, line);
  if (index < 0) return false;
  const own = ancestry(sections)[index]!;
  return kinds.some((k) => own.has(k));
}
