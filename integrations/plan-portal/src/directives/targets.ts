import type { CheckedPlan } from "../check/index.ts";
import { sectionAt } from "../parse/sections.ts";
import { PLAN_STATUSES, type PlanStatus } from "../vocabulary.ts";
import { DirectiveMissingPlanId, DirectiveNoDiagrams } from "../errors.ts";
import { directiveError, type DirectiveCall } from "./spec.ts";
import { pick, validateCall } from "./validate.ts";

/**
 * What a directive names, checked against the plans. The build renders the result; `plan-portal
 * check` only wants the DirectiveError. One function for both, so they cannot disagree.
 */

/** A plan as directives see it: its id and its checked model (the portal's plans carry more). */
export interface TargetPlan {
  id: string;
  checked: CheckedPlan;
}

/** The plans a directive may name: the portal model in a build, the checked plans in `check`. */
export interface TargetPlans<P extends TargetPlan> {
  plans: readonly P[];
  byId: ReadonlyMap<string, P>;
}

export type Target<P extends TargetPlan> =
  | { name: "plan"; plan: P; section: string; text: string }
  | { name: "plan-card"; plan: P }
  | { name: "open-questions"; plan: P | null; owner: string | null }
  | { name: "plans"; status: PlanStatus | null }
  | { name: "plan-diagram"; plan: P; index: number }
  | { name: "coverage"; plan: P };

const STATUSES: string[] = [...PLAN_STATUSES];

const NO_PLAN_HINT =
  "Plan ids are the folder names that hold a plan.md (see the portal's plan index); a plan that was renamed or removed must be updated here too.";

/** Kind, attributes and every name the directive uses, or a DirectiveError at the doc's line. */
export function resolveTarget<P extends TargetPlan>(
  call: DirectiveCall,
  plans: TargetPlans<P>,
): Target<P> {
  validateCall(call);
  switch (call.name) {
    case "plan":
      return planTarget(call, plans);
    case "plan-card":
      return { name: "plan-card", plan: findPlan(call, call.attributes["id"]!, plans) };
    case "open-questions":
      return questionsTarget(call, plans);
    case "plans":
      return { name: "plans", status: statusOf(call) };
    case "plan-diagram":
      return diagramTarget(call, plans);
    case "coverage":
      return { name: "coverage", plan: findPlan(call, call.attributes["id"]!, plans) };
  }
}

function findPlan<P extends TargetPlan>(call: DirectiveCall, id: string, plans: TargetPlans<P>): P {
  const found = pick(call, "plan", id.trim(), [...plans.byId.keys()], NO_PLAN_HINT);
  return plans.byId.get(found)!;
}

function planTarget<P extends TargetPlan>(call: DirectiveCall, plans: TargetPlans<P>): Target<P> {
  const id = call.attributes["id"] ?? call.label ?? "";
  if (!id.trim()) {
    throw directiveError(call, DirectiveMissingPlanId);
  }
  const plan = findPlan(call, id, plans);
  let section = "";
  const wanted = call.attributes["section"];
  if (wanted !== undefined) {
    const sections = plan.checked.plan.sections;
    const byTitle = sections.find((s) => s.title.toLowerCase() === wanted.toLowerCase());
    section =
      byTitle?.slug ??
      pick(
        call,
        `section in ${plan.id}`,
        wanted,
        sections.map((s) => s.slug),
        "Use the anchor of one of the plan's headings (as in its page's URL after #).",
      );
  }
  // The label given in brackets is the id, so only an explicit label replaces the title.
  const text = call.attributes["label"] ?? plan.checked.plan.title;
  return { name: "plan", plan, section, text };
}

/** "@maria (Payments)" answers to owner=@maria, owner=maria and the full text. */
export function ownerMatcher(wanted: string): (owner: string) => boolean {
  const handle = (owner: string) => owner.trim().split(/\s+/)[0]!.replace(/^@/, "").toLowerCase();
  return (owner) =>
    owner.toLowerCase() === wanted.toLowerCase() || handle(owner) === handle(wanted);
}

function questionsTarget<P extends TargetPlan>(
  call: DirectiveCall,
  plans: TargetPlans<P>,
): Target<P> {
  const plan =
    call.attributes["plan"] !== undefined ? findPlan(call, call.attributes["plan"], plans) : null;
  if (call.attributes["owner"] === undefined) return { name: "open-questions", plan, owner: null };
  // Owners come from every question, answered or not, so an owner with nothing open left is no error.
  const owners = [
    ...new Set(plans.plans.flatMap((p) => p.checked.plan.questions.map((q) => q.owner.trim()))),
  ].filter(Boolean);
  const wanted = call.attributes["owner"].trim();
  if (!owners.some(ownerMatcher(wanted))) {
    pick(
      call,
      "question owner",
      wanted,
      [...new Set(owners.map((o) => o.split(/\s+/)[0]!))],
      "Owners are taken from the Owner column of the plans' open-questions tables.",
    );
  }
  return { name: "open-questions", plan, owner: wanted };
}

function statusOf(call: DirectiveCall): PlanStatus | null {
  if (call.attributes["status"] === undefined) return null;
  return pick(
    call,
    "status",
    call.attributes["status"].trim().replace(/\s+/g, "-"),
    STATUSES,
    `Statuses are ${STATUSES.join(", ")}.`,
  ) as PlanStatus;
}

/** A diagram's names: the anchor and title of the heading it sits under, and its number. */
function diagramNames(plan: TargetPlan): { names: string[]; index: number }[] {
  const p = plan.checked.plan;
  return p.diagrams.map((d, index) => {
    const section = sectionAt(p.sections, d.line);
    return { names: [section?.slug ?? "", section?.title ?? "", String(index + 1)], index };
  });
}

function diagramTarget<P extends TargetPlan>(
  call: DirectiveCall,
  plans: TargetPlans<P>,
): Target<P> {
  const plan = findPlan(call, call.attributes["id"]!, plans);
  if (plan.checked.plan.diagrams.length === 0) {
    throw directiveError(call, DirectiveNoDiagrams, plan.id);
  }
  const wanted = call.attributes["name"]?.trim();
  if (!wanted) return { name: "plan-diagram", plan, index: 0 };
  const named = diagramNames(plan);
  const name = pick(
    call,
    `diagram in ${plan.id}`,
    wanted,
    named.flatMap((n) => n.names.filter(Boolean)),
    `A diagram is named by the heading it sits under (${named.map((n) => `"${n.names[0]}"`).join(", ")}) or by its number (1–${named.length}).`,
  );
  return { name: "plan-diagram", plan, index: named.find((n) => n.names.includes(name))!.index };
}
