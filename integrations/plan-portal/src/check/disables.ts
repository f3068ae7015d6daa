import type { DisableComment, Plan } from "../parse/types.ts";

/** What the disable comments of one plan have silenced so far (read by `unused-disable`). */
export interface DisableUsage {
  /** Whether `comment` silenced a finding of `ruleId`, or of any rule when `ruleId` is null. */
  silenced(comment: DisableComment, ruleId: string | null): boolean;
}

/** Applies one plan's disable comments to findings and remembers which comment silenced what. */
export interface Silencer extends DisableUsage {
  /** True when a comment silences `ruleId` on `line`; the comment then counts as used. */
  silences(line: number, ruleId: string): boolean;
}

const ANY = "*";

export function silencerFor(plan: Plan): Silencer {
  const byTarget = new Map(plan.disables.map((c) => [c.target, c]));
  const used = new Map<DisableComment, Set<string>>();
  return {
    silences(line, ruleId) {
      const comment = byTarget.get(line);
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
