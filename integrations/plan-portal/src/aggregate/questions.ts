import type { CheckedPlan } from "../check/index.ts";
import { parseDate } from "../check/dates.ts";
import { ref } from "./ref.ts";
import type {
  MarkerRow,
  OpenedAt,
  PortalAggregates,
  QuestionRow,
  ResolvedMarkerRow,
} from "./types.ts";

/** When the open item of plan.md at `line` was written, from the plan's history (if read). */
function openedAt(
  c: CheckedPlan,
  kind: "question" | "marker",
  line: number,
): { opened?: OpenedAt } {
  const found = c.history?.open.find(
    (o) => o.kind === kind && o.line === line && o.file === c.plan.path,
  );
  return found ? { opened: { date: found.date, days: found.ageDays } } : {};
}

/** Open questions of every plan: overdue first (oldest first), then by due date, undated last. */
export function openQuestions(plans: CheckedPlan[], today: string): QuestionRow[] {
  const questions: QuestionRow[] = [];
  for (const c of plans) {
    for (const q of c.plan.questions) {
      if (q.resolved) continue;
      const due = parseDate(q.deadline);
      questions.push({
        ...ref(c, q.line),
        id: q.id,
        text: q.text,
        owner: q.owner.trim() || "Unassigned",
        due,
        deadline: q.deadline,
        impact: q.impact,
        overdue: due !== null && due < today,
        ...openedAt(c, "question", q.line),
      });
    }
  }
  return questions.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.due ?? "9999").localeCompare(b.due ?? "9999") ||
      a.planId.localeCompare(b.planId),
  );
}

/** Questions grouped by owner: most overdue first, then most questions, then by name. */
export function questionsByOwner(questions: QuestionRow[]): PortalAggregates["questionsByOwner"] {
  const owners = new Map<string, QuestionRow[]>();
  for (const q of questions) owners.set(q.owner, [...(owners.get(q.owner) ?? []), q]);
  return [...owners]
    .map(([owner, list]) => ({
      owner,
      overdue: list.filter((q) => q.overdue).length,
      questions: list,
    }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.questions.length - a.questions.length ||
        a.owner.localeCompare(b.owner),
    );
}

/** Markers each plan records as decided, plan by plan, with how and where. */
export function resolvedMarkers(plans: CheckedPlan[]): ResolvedMarkerRow[] {
  return plans.flatMap((c) =>
    c.plan.resolvedClarifications.map((m) => ({
      ...ref(c, m.line),
      text: m.text,
      how: m.resolution.how,
      resolution: m.resolution.text,
      resolutionLine: m.resolution.line,
    })),
  );
}

/** Open NEEDS CLARIFICATION markers, plan by plan. */
export function clarificationMarkers(plans: CheckedPlan[]): MarkerRow[] {
  return plans.flatMap((c) =>
    c.plan.needsClarification.map((m) => ({
      ...ref(c, m.line),
      text: m.text,
      ...openedAt(c, "marker", m.line),
    })),
  );
}
