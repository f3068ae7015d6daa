import type { Plan } from "../parse/types.ts";
import type { BlameLine } from "./blame.ts";
import { daysBetween } from "./log.ts";
import { readBlame, type Reader } from "./read.ts";
import type { QuestionAge } from "./types.ts";

/** A question or marker whose line is blamed: in which file, at which line. */
export interface AgedItem {
  id: string;
  kind: "question" | "marker";
  file: string;
  line: number;
}

export interface AgeContext {
  reader: Reader;
  today: string;
  /** A `Plan.path`-style path, relative to the top. */
  fromTop: (file: string) => string;
  /** Newest commit touching each file (from the top). */
  lastTouch: ReadonlyMap<string, string>;
  fileText: (file: string) => string;
}

/** Open and answered items of a plan: questions and markers of plan.md, markers of spec.md. */
function items(plan: Plan): { open: AgedItem[]; answered: AgedItem[] } {
  const spec = plan.feature.spec;
  const open: AgedItem[] = [
    ...plan.questions
      .filter((q) => !q.resolved)
      .map((q) => ({ id: q.id, kind: "question" as const, file: plan.path, line: q.line })),
    ...plan.needsClarification.map((m) => marker(m.text, plan.path, m.line)),
    ...(spec?.needsClarification ?? []).map((m) => marker(m.text, spec!.path, m.line)),
  ];
  const answered: AgedItem[] = [
    ...plan.questions
      .filter((q) => q.resolved)
      .map((q) => ({ id: q.id, kind: "question" as const, file: plan.path, line: q.line })),
    ...plan.resolvedClarifications.map((m) => marker(m.text, plan.path, m.resolution.line)),
  ];
  return { open, answered };
}

function marker(text: string, file: string, line: number): AgedItem {
  return { id: text, kind: "marker", file, line };
}

/**
 * When each item's line was written: one blame per file that has any (cached), the line's commit
 * and author date. An uncommitted line (or file) was written today.
 */
export function lineAges(
  plan: Plan,
  ctx: AgeContext,
): { open: QuestionAge[]; answered: QuestionAge[] } {
  const { open, answered } = items(plan);
  const blames = new Map<string, Map<number, BlameLine>>();
  const blameOf = (file: string) => {
    let lines = blames.get(file);
    if (!lines) {
      const top = ctx.fromTop(file);
      lines = readBlame(ctx.reader, top, ctx.fileText(file), ctx.lastTouch.get(top) ?? null);
      blames.set(file, lines);
    }
    return lines;
  };
  const age = (item: AgedItem): QuestionAge => {
    const blamed = blameOf(item.file).get(item.line);
    const date =
      blamed && blamed.commit !== null
        ? new Date(blamed.time * 1000).toISOString().slice(0, 10)
        : ctx.today;
    return { ...item, commit: blamed?.commit ?? null, date, ageDays: daysBetween(date, ctx.today) };
  };
  return { open: open.map(age), answered: answered.map(age) };
}
