import { ref } from "../aggregate/ref.ts";
import type { CheckedPlan } from "../check/index.ts";
import { matchesKey, planReferences } from "../check/feature.ts";
import { findRequirementRefs } from "../parse/requirement-ids.ts";
import type { RequirementRef } from "../parse/types.ts";
import { NotARequirementId, toolError } from "./errors.ts";

/** Where one place cites the requirement: the file, the line, and the line's text. */
export interface Citation {
  file: string;
  line: number;
  text: string;
}

/** One feature's trace of a requirement: where spec.md defines it and who cites it. */
export interface FeatureTrace {
  planId: string;
  planTitle: string;
  /** spec.md's definitions of the id (two when the spec repeats it), or empty. */
  definitions: (Citation & { id: string })[];
  tasks: (Citation & { task: string | null; done: boolean })[];
  /** plan.md's lines citing the id, with the section they sit in. */
  planLines: (Citation & { section: string })[];
  /** Citations in this feature's tasks.md or plan.md of *another* feature's id (`FR-011 of 003`). */
  foreign: Citation[];
}

/** Lines are cut here: an agent needs to recognise the line, then it can open the plan. */
const SNIPPET = 200;

function snippet(text: string | undefined): string {
  const t = (text ?? "").trim();
  return t.length > SNIPPET ? `${t.slice(0, SNIPPET - 1)}…` : t;
}

/** The canonical key of the id an agent sent (`FR-001` → `FR-1`), or a tool error. */
export function requirementKeyOf(id: string): string {
  const refs = findRequirementRefs(id.trim(), 1);
  if (refs.length !== 1 || refs[0]!.id !== id.trim()) throw toolError(NotARequirementId, id);
  return refs[0]!.key;
}

function traceIn(c: CheckedPlan, wanted: ReadonlySet<string>): FeatureTrace {
  const { plan } = c;
  const hits = (r: RequirementRef) => matchesKey(wanted, r.key);
  const spec = plan.feature.spec;
  const taskList = plan.feature.tasks;
  const tasks = (taskList?.tasks ?? []).filter((t) =>
    t.requirements.some((r) => hits(r) && !r.foreign),
  );
  const planRefs = planReferences(plan).filter(hits);
  const foreignTasks = (taskList?.tasks ?? []).filter((t) =>
    t.requirements.some((r) => hits(r) && r.foreign),
  );
  return {
    planId: plan.id,
    planTitle: plan.title,
    definitions: (spec?.requirements ?? [])
      .filter((r) => matchesKey(wanted, r.key))
      .map((r) => ({ id: r.id, file: spec!.path, line: r.line, text: snippet(r.text) })),
    tasks: tasks.map((t) => ({
      task: t.id,
      done: t.done,
      file: taskList!.path,
      line: t.line,
      text: snippet(t.text),
    })),
    planLines: uniqueLines(planRefs.filter((r) => !r.foreign)).map((line) => ({
      file: plan.path,
      line,
      section: ref(c, line).section,
      text: snippet(plan.lines[line - 1]),
    })),
    foreign: [
      ...foreignTasks.map((t) => ({ file: taskList!.path, line: t.line, text: snippet(t.text) })),
      ...uniqueLines(planRefs.filter((r) => r.foreign)).map((line) => ({
        file: plan.path,
        line,
        text: snippet(plan.lines[line - 1]),
      })),
    ],
  };
}

function uniqueLines(refs: RequirementRef[]): number[] {
  return [...new Set(refs.map((r) => r.line))].sort((a, b) => a - b);
}

function isEmpty(t: FeatureTrace): boolean {
  return !t.definitions.length && !t.tasks.length && !t.planLines.length && !t.foreign.length;
}

/**
 * Every feature that defines or cites the requirement, in plan order. Sub-items count with their
 * parent both ways, as the coverage rules match them (`FR-012` finds `FR-012a` and back).
 */
export function traceRequirement(plans: readonly CheckedPlan[], id: string): FeatureTrace[] {
  const wanted = new Set([requirementKeyOf(id)]);
  return plans.map((c) => traceIn(c, wanted)).filter((t) => !isEmpty(t));
}
