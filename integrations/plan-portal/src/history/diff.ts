import type { Plan } from "../parse/types.ts";

/** What changed in a plan between two versions, in terms of the model (not lines). */
export interface PlanChange {
  /** The plan did not exist before. */
  created: boolean;
  sectionsAdded: string[];
  sectionsRemoved: string[];
  /** Open questions (`Q3: text`) that were not open before. */
  questionsOpened: string[];
  /** Questions open before that are now resolved or gone. */
  questionsAnswered: string[];
  /** NEEDS CLARIFICATION markers (plan.md and spec.md) new or no longer open. */
  markersAdded: string[];
  markersResolved: string[];
  risksAdded: string[];
  /** spec.md requirement ids (FR-001 …) new, or whose text changed. */
  requirementsAdded: string[];
  requirementsChanged: string[];
  /** The author's declared `**Status**:` before → after, when it changed. */
  status: { before: string | null; after: string | null } | null;
}

const openQuestions = (p: Plan | null) =>
  new Map((p?.questions ?? []).filter((q) => !q.resolved).map((q) => [q.id, `${q.id}: ${q.text}`]));

const markers = (p: Plan | null) => [
  ...(p?.needsClarification ?? []).map((m) => m.text),
  ...(p?.feature.spec?.needsClarification ?? []).map((m) => m.text),
];

/** Items of `after` not in `before` (as multisets: a second copy counts). */
function added(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const b of before) left.set(b, (left.get(b) ?? 0) + 1);
  return after.filter((a) => {
    const n = left.get(a) ?? 0;
    if (n > 0) left.set(a, n - 1);
    return n === 0;
  });
}

function requirementChanges(before: Plan | null, after: Plan): [string[], string[]] {
  const old = new Map((before?.feature.spec?.requirements ?? []).map((r) => [r.key, r.text]));
  const addedIds: string[] = [];
  const changed: string[] = [];
  for (const r of after.feature.spec?.requirements ?? []) {
    const was = old.get(r.key);
    if (was === undefined) addedIds.push(r.id);
    else if (was !== r.text) changed.push(r.id);
  }
  return [addedIds, changed];
}

/** `before` null: the plan is new. */
export function planChange(before: Plan | null, after: Plan): PlanChange {
  const titles = (p: Plan | null) => (p?.sections ?? []).map((s) => s.title);
  const wasOpen = openQuestions(before);
  const nowOpen = openQuestions(after);
  const [requirementsAdded, requirementsChanged] = requirementChanges(before, after);
  const statusBefore = before?.header.status?.value ?? null;
  const statusAfter = after.header.status?.value ?? null;
  return {
    created: before === null,
    sectionsAdded: added(titles(before), titles(after)),
    sectionsRemoved: added(titles(after), titles(before)),
    questionsOpened: [...nowOpen].filter(([id]) => !wasOpen.has(id)).map(([, t]) => t),
    questionsAnswered: [...wasOpen].filter(([id]) => !nowOpen.has(id)).map(([, t]) => t),
    markersAdded: added(markers(before), markers(after)),
    markersResolved: added(markers(after), markers(before)),
    risksAdded: added(
      (before?.risks ?? []).map((r) => r.text),
      after.risks.map((r) => r.text),
    ),
    requirementsAdded,
    requirementsChanged,
    status:
      before !== null && statusBefore !== statusAfter
        ? { before: statusBefore, after: statusAfter }
        : null,
  };
}

/** Nothing in the change is worth a line (whitespace or prose edits only). */
export function isEmptyChange(c: PlanChange): boolean {
  return (
    !c.created &&
    c.status === null &&
    [
      c.sectionsAdded,
      c.sectionsRemoved,
      c.questionsOpened,
      c.questionsAnswered,
      c.markersAdded,
      c.markersResolved,
      c.risksAdded,
      c.requirementsAdded,
      c.requirementsChanged,
    ].every((list) => list.length === 0)
  );
}

/** A change as labelled lists, for every place that shows one (plan page, feed, PR summary). */
export function describeChange(c: PlanChange): { label: string; items: string[] }[] {
  const parts: { label: string; items: string[] }[] = [];
  const add = (label: string, items: string[]) => {
    if (items.length) parts.push({ label, items });
  };
  if (c.created) parts.push({ label: "New plan", items: [] });
  if (c.status)
    parts.push({
      label: "Status",
      items: [`${c.status.before ?? "none"} → ${c.status.after ?? "none"}`],
    });
  add("Questions opened", c.questionsOpened);
  add("Questions answered", c.questionsAnswered);
  add("NEEDS CLARIFICATION added", c.markersAdded);
  add("NEEDS CLARIFICATION resolved", c.markersResolved);
  add("Sections added", c.sectionsAdded);
  add("Sections removed", c.sectionsRemoved);
  add("Risks added", c.risksAdded);
  add("Requirements added", c.requirementsAdded);
  add("Requirements changed", c.requirementsChanged);
  return parts;
}
