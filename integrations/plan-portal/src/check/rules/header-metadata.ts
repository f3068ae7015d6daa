import { fieldsOnLine } from "../../parse/fields.ts";
import { maskInline } from "../../parse/markdown.ts";
import type { Plan } from "../../parse/types.ts";
import { parseDate } from "../dates.ts";
import type { PlanRule } from "../types.ts";

/** Header lines: from the title to the first heading below it (at most 40 lines). */
function headerRange(plan: Plan): { from: number; to: number } {
  const next = plan.sections.find((s) => s.line > plan.headerLine);
  const to = Math.min(next ? next.line - 1 : plan.lineCount, plan.headerLine + 40);
  return { from: plan.headerLine, to };
}

/** Labels whose dates are not the plan's: a status line's schedule, a branch named by date. */
const NOT_THE_DATE =
  /^(status|state|estado|stato|statut|状态|狀態|状態|ステータス|상태|(feature )?branch|input|entrada|输入|入力|입력)$/i;

/**
 * What the header says under labels the parser does not know: a `**Label**: date` field
 * (`**Criado**: 2026-08-11`, `**일자**: 2026-04-15`), a link to spec.md or a field naming a path
 * to it (`**Spec Reference:** [spec.md](./spec.md)`, `**Feature**: [004-x](spec.md)`). Inline
 * code is left out, so the template's ``**Input**: … `/specs/NNN/spec.md` `` names no spec.
 */
function unlabelled(plan: Plan): { date: boolean; spec: boolean } {
  const { from, to } = headerRange(plan);
  const found = {
    date: false,
    spec: plan.links.some(
      (l) => l.line >= from && l.line <= to && /(^|\/)spec\.md(#.*)?$/i.test(l.url),
    ),
  };
  for (let line = from; line <= to; line++) {
    for (const f of fieldsOnLine({ text: plan.lines[line - 1] ?? "", line })) {
      const value = maskInline(f.raw);
      if (!NOT_THE_DATE.test(f.label.trim()) && parseDate(value) !== null) found.date = true;
      if (/(^|[\s(/[])spec\.md\b/i.test(value)) found.spec = true;
    }
  }
  return found;
}

export default {
  id: "header-metadata",
  description: "The header names the Branch, a parseable Date and a link to the Spec.",
  severity: "warning",
  applies: ({ plan }) => plan.lineCount > 0,
  check({ plan }, report) {
    const { branch, date, spec } = plan.header;
    // On the header line when there is one, else on the title; front matter fields sit above it.
    const present = [branch, date, spec, plan.header.input].filter(
      (f) => f !== undefined && f.line >= plan.headerLine,
    );
    const at = {
      line: present.length ? Math.min(...present.map((f) => f!.line)) : plan.headerLine,
      column: 1,
    };
    const found = !date || !spec ? unlabelled(plan) : { date: true, spec: true };
    const missing = [
      !branch && "Branch",
      !date && !found.date && "Date",
      !spec && !found.spec && "Spec",
    ].filter(Boolean) as string[];
    if (missing.length) {
      report({
        message: `Plan header is missing ${missing.join(", ")}.`,
        hint: "Below the title write: **Branch**: `NNN-name` | **Date**: YYYY-MM-DD | **Spec**: [spec.md](./spec.md)",
        ...at,
      });
    }
    if (date && parseDate(date.value) === null) {
      report({
        message: `Plan date "${date.value}" is not a date.`,
        hint: "Write it as YYYY-MM-DD.",
        line: date.line,
        column: date.column,
      });
    }
    if (spec && !/\]\(|\.md\b|https?:\/\//.test(spec.raw)) {
      report({
        message: `Spec "${spec.value}" is not a link or a path to the spec.`,
        hint: "Link the spec: [spec.md](./spec.md).",
        line: spec.line,
        column: spec.column,
      });
    }
  },
} satisfies PlanRule;
