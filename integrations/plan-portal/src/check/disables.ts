import type { DisableComment, Plan } from "../parse/types.ts";

/** What the disable comments of one plan have silenced so far (read by `unused-disable`). */
export interface DisableUsage {
  /** Whether `comment` silenced a finding of `ruleId`, or of any rule when `ruleId` is null. */
  silenced(comment: DisableComment, ruleId: string | null): boolean;
}

/** Applies one plan's disable comments to findings and remembers which comment silenced what. */
export interface Silencer extends DisableUsage {
  /**
   * True when a comment silences `ruleId` on `line` of `file` (plan.md when undefined, else the
   * sibling document's path a finding carries); the comment then counts as used.
   */
  silences(line: number, ruleId: string, file?: string): boolean;
}

const ANY = "*";

/** A document of the feature with the disable comments written in it; `file` undefined: plan.md. */
export interface DisablesIn {
  file: string | undefined;
  comments: DisableComment[];
  lineCount: number;
}

/**
 * Every document's disable comments: plan.md's, then spec.md's, tasks.md's, the checklists' and
 * data-model.md's. A comment silences findings on its own file's lines only.
 */
export function disablesByFile(plan: Plan): DisablesIn[] {
  const { spec, tasks, checklists, dataModel } = plan.feature;
  const siblings = [spec, tasks, ...checklists, dataModel].flatMap((doc) =>
    doc && doc.disables.length > 0
      ? [{ file: doc.path, comments: doc.disables, lineCount: doc.lineCount }]
      : [],
  );
  return [{ file: undefined, comments: plan.disables, lineCount: plan.lineCount }, ...siblings];
}

export function silencerFor(plan: Plan): Silencer {
  return silencerOf(disablesByFile(plan));
}

/** A silencer over the given documents' comments (a projection has plan.md's only). */
export function silencerOf(docs: readonly DisablesIn[]): Silencer {
  const byTarget = new Map(
    docs.map(({ file, comments }) => [file ?? "", new Map(comments.map((c) => [c.target, c]))]),
  );
  const used = new Map<DisableComment, Set<string>>();
  return {
    silences(line, ruleId, file) {
      const comment = byTarget.get(file ?? "")?.get(line);
      if (!comment) return false;
      if (comment.rules.length > 0 && !comment.rules.some((r) => r.id === ruleId)) return false;
      const ids = used.get(comment) ?? new Set<string>();
      ids.add(ruleId).add(ANY);
      used.set(comment, ids);
      return true;
    },
    silenced(comment, ruleId) {
      return used.get(comment)?.has(ruleId ?? ANY) ?? false;
    },
  };
}
