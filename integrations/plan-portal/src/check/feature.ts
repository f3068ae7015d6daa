import { proseLines } from "../parse/markers.ts";
import { blocksOf } from "../parse/markdown.ts";
import { findRequirementRefs, storyKey } from "../parse/requirement-ids.ts";
import type { Plan, RequirementKind, RequirementRef, Task } from "../parse/types.ts";

/** What the feature-scope rules share: which ids are cited where, and how ids match. */

/** `FR-12a` → `FR-12`; an id without a sub-item letter is its own base. */
export function baseKey(key: string): string {
  return key.replace(/[a-z]$/, "");
}

/**
 * Whether `key` is among `keys`, sub-items counted with their parent both ways: a task citing
 * `FR-012` covers `FR-012a`, and one citing `FR-012a` names a requirement `FR-012` defines.
 */
export function matchesKey(keys: ReadonlySet<string>, key: string): boolean {
  return keys.has(key) || keys.has(baseKey(key)) || keysWithBase(keys).has(key);
}

const bases = new WeakMap<ReadonlySet<string>, Set<string>>();
function keysWithBase(keys: ReadonlySet<string>): Set<string> {
  let out = bases.get(keys);
  if (!out) {
    out = new Set([...keys].map(baseKey));
    bases.set(keys, out);
  }
  return out;
}

/** Requirement ids plan.md cites anywhere in its prose (sections, tables, lists). */
export function planReferences(plan: Plan): RequirementRef[] {
  return proseLines(blocksOf(plan.lines), plan.lines).flatMap((l) =>
    findRequirementRefs(l.text, l.line),
  );
}

/**
 * The requirement kinds (FR, NFR, SC) whose ids tasks.md's tasks cite as a convention, with how
 * many tasks cite each: at least one task in ten cites an id of the kind, or the tasks cite at
 * least half of the ids of that kind spec.md defines. Measured on ../shared/corpus (36 features
 * whose tasks cite some id): below both, the citations are incidental (1 task of 186, 13 of 428
 * citing 16 of 195 FRs) and coverage findings would list nearly every requirement of the spec.
 */
export function citedKinds(plan: Plan): Map<RequirementKind, number> {
  const tasks = plan.feature.tasks?.tasks ?? [];
  const counts = new Map<RequirementKind, number>();
  const keys = new Map<RequirementKind, Set<string>>();
  for (const task of tasks) {
    const own = task.requirements.filter((r) => !r.foreign);
    for (const k of new Set(own.map((r) => r.kind))) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const r of own) keys.set(r.kind, (keys.get(r.kind) ?? new Set()).add(r.key));
  }
  const defined = plan.feature.spec?.requirements ?? [];
  for (const [kind, n] of counts) {
    const ids = new Set(defined.filter((r) => r.kind === kind).map((r) => r.key));
    const cited = [...ids].filter((k) => matchesKey(keys.get(kind)!, k)).length;
    if (n * 10 < tasks.length && cited * 2 < ids.size) counts.delete(kind);
  }
  return counts;
}

/**
 * `## Phase 3: User Story 1 - Export`, `## Phase 6: User Story 3 & 4`, `(US3+US4)`: the stories a
 * phase's tasks serve.
 */
const PHASE_STORIES =
  /\b(?:user\s+stor(?:y|ies)|stor(?:y|ies)|US)[-_ ]?((?:\d{1,3}[A-Za-z]?)(?:\s*(?:&|,|\+|\/|and)\s*(?:US[-_ ]?)?\d{1,3}[A-Za-z]?)*)(?![\w])/gi;

export function phaseStories(title: string): string[] {
  // Every task of a phase asks with the same title (bench:check profile): remember a few.
  let stories = phaseStoriesSeen.get(title);
  if (stories) return stories;
  stories = [...title.matchAll(PHASE_STORIES)].flatMap((m) =>
    [...m[1]!.matchAll(/\d{1,3}[A-Za-z]?/g)].map((n) => storyKey(n[0])),
  );
  if (phaseStoriesSeen.size >= 1000) phaseStoriesSeen.clear();
  phaseStoriesSeen.set(title, stories);
  return stories;
}

const phaseStoriesSeen = new Map<string, string[]>();

/** Story keys one task serves: its `[USn]` labels and the story its phase names. */
export function taskStories(task: Task): string[] {
  return [...task.stories.map((s) => s.key), ...phaseStories(task.phase?.title ?? "")];
}

/** Story keys tasks.md's tasks serve: their `[USn]` labels and the story their phase names. */
export function servedStories(plan: Plan): Set<string> {
  return new Set((plan.feature.tasks?.tasks ?? []).flatMap(taskStories));
}

/**
 * Story coverage by convention, as for requirements: only when tasks.md labels tasks with stories
 * at all (one task in ten, or labels naming at least half of the spec's stories).
 */
export function labelsStories(plan: Plan): boolean {
  const tasks = plan.feature.tasks?.tasks ?? [];
  const labelled = tasks.filter((t) => t.stories.length > 0).length;
  if (labelled === 0) return false;
  const stories = plan.feature.spec?.stories ?? [];
  const named = new Set(tasks.flatMap((t) => t.stories.map((s) => s.key)));
  const hit = stories.filter((s) => matchesKey(named, s.key)).length;
  return labelled * 10 >= tasks.length || hit * 2 >= stories.length;
}
