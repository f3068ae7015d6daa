import { matchesKey, planReferences, taskStories } from "../check/feature.ts";
import { sectionAt } from "../parse/sections.ts";
import type { ClarificationSession, Plan, RequirementKind, Task } from "../parse/types.ts";

/**
 * The traceability matrix of one feature (issue 17): each requirement and user story of spec.md,
 * the tasks of tasks.md and the plan.md sections that reference it, and whether that work is done.
 * Pure: the parsed plan in, a new value out.
 */

/**
 * What the references say about a requirement or story:
 * `done`: tasks reference it and every one is done (or skipped);
 * `open`: tasks reference it and at least one is still open;
 * `planned`: only plan.md sections reference it, no task does;
 * `uncovered`: nothing references it.
 */
export type TraceState = "done" | "open" | "planned" | "uncovered";

export const TRACE_STATE_LABELS: Record<TraceState, string> = {
  done: "Done",
  open: "Open tasks",
  planned: "Plan only",
  uncovered: "Not covered",
};

/** A task as the matrix lists it: where it stands in tasks.md and under which phase. */
export interface TraceTask {
  /** `T012`, or `line 40` for a checkbox item without an id. */
  id: string;
  line: number;
  done: boolean;
  skipped: boolean;
  /** Title of the phase heading the task sits under, or null. */
  phase: string | null;
  text: string;
}

/** A plan.md section that cites the id: its anchor on the plan page. */
export interface TraceSection {
  slug: string;
  title: string;
  /** First line in plan.md where the section cites it. */
  line: number;
}

export interface TraceRow {
  /** `FR-001`, `SC-002` as written, or the story's label (`US1`). */
  id: string;
  kind: RequirementKind | "story";
  /** The requirement's text, or the story's title. */
  text: string;
  /** Line in spec.md. */
  line: number;
  tasks: TraceTask[];
  sections: TraceSection[];
  state: TraceState;
}

export interface FeatureTrace {
  specPath: string | null;
  tasksPath: string | null;
  /** Requirements (FR, NFR, SC) in spec order, then user stories in spec order. */
  rows: TraceRow[];
  /** Tasks that cite no requirement or story of this feature (setup and polish work, usually). */
  unmapped: TraceTask[];
  clarifications: ClarificationSession[];
}

function traceTask(task: Task): TraceTask {
  return {
    id: task.id ?? `line ${task.line}`,
    line: task.line,
    done: task.done,
    skipped: task.skipped,
    phase: task.phase?.title ?? null,
    text: task.text,
  };
}

function stateOf(tasks: TraceTask[], sections: TraceSection[]): TraceState {
  if (tasks.length > 0) return tasks.every((t) => t.done || t.skipped) ? "done" : "open";
  return sections.length > 0 ? "planned" : "uncovered";
}

/** Requirement key → the plan sections citing it, each section once, in plan order. */
function sectionsByKey(plan: Plan): Map<string, TraceSection[]> {
  const out = new Map<string, TraceSection[]>();
  for (const ref of planReferences(plan)) {
    if (ref.foreign) continue;
    const section = sectionAt(plan.sections, ref.line);
    if (!section) continue;
    const list = out.get(ref.key) ?? [];
    if (!list.some((s) => s.slug === section.slug)) {
      list.push({ slug: section.slug, title: section.title, line: ref.line });
    }
    out.set(ref.key, list);
  }
  return out;
}

/** The plan sections citing `key`, sub-items counted with their parent as tasks are. */
function sectionsFor(byKey: Map<string, TraceSection[]>, key: string): TraceSection[] {
  const out: TraceSection[] = [];
  for (const [cited, sections] of byKey) {
    if (!matchesKey(new Set([cited]), key)) continue;
    for (const s of sections) if (!out.some((o) => o.slug === s.slug)) out.push(s);
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The feature's matrix, or null when the folder has neither spec.md nor tasks.md. */
export function featureTrace(plan: Plan): FeatureTrace | null {
  const { spec, tasks: list } = plan.feature;
  if (!spec && !list) return null;
  const tasks = list?.tasks ?? [];
  const cited = tasks.map((t) => ({
    task: t,
    keys: new Set(t.requirements.filter((r) => !r.foreign).map((r) => r.key)),
    // A story counts by its `[USn]` label or by the phase heading naming it, as coverage does.
    stories: new Set(taskStories(t)),
  }));
  const byKey = sectionsByKey(plan);
  const mapped = new Set<Task>();
  const seen = new Set<string>();
  const rows: TraceRow[] = [];
  for (const r of spec?.requirements ?? []) {
    // A repeated id is one requirement here (duplicate-requirement-id reports the repeat).
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    const hits = cited.filter((c) => matchesKey(c.keys, r.key)).map((c) => c.task);
    for (const t of hits) mapped.add(t);
    const sections = sectionsFor(byKey, r.key);
    const rowTasks = hits.map(traceTask);
    rows.push({
      id: r.id,
      kind: r.kind,
      text: r.text,
      line: r.line,
      tasks: rowTasks,
      sections,
      state: stateOf(rowTasks, sections),
    });
  }
  for (const story of spec?.stories ?? []) {
    const hits = cited.filter((c) => matchesKey(c.stories, story.key)).map((c) => c.task);
    for (const t of hits) mapped.add(t);
    const rowTasks = hits.map(traceTask);
    rows.push({
      id: story.key,
      kind: "story",
      text: story.title,
      line: story.line,
      tasks: rowTasks,
      sections: [],
      state: stateOf(rowTasks, []),
    });
  }
  return {
    specPath: spec?.path ?? null,
    tasksPath: list?.path ?? null,
    rows,
    unmapped: tasks.filter((t) => !mapped.has(t)).map(traceTask),
    clarifications: spec?.clarifications ?? [],
  };
}

/** How many rows are in each state, for the matrix's summary line. */
export function traceCounts(trace: FeatureTrace): Record<TraceState, number> {
  const counts: Record<TraceState, number> = { done: 0, open: 0, planned: 0, uncovered: 0 };
  for (const row of trace.rows) counts[row.state]++;
  return counts;
}
