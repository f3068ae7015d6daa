import type { DisableComment } from "../../parse/types.ts";
import type { PlanContext, PlanRule, Report } from "../types.ts";

/** The line a comment silences, as a reader finds it. */
function targetOf(comment: DisableComment, lineCount: number): string {
  return comment.target <= lineCount
    ? `on line ${comment.target}`
    : "at the end of the plan (no line follows it)";
}

function unusedBare(comment: DisableComment, { plan }: PlanContext): Report {
  return {
    message: `This disable comment silences every rule ${targetOf(comment, plan.lineCount)}, but no rule reports anything there.`,
    hint: "Delete the comment, so it cannot hide a finding later.",
    line: comment.line,
    column: comment.column,
  };
}

type RuleId = DisableComment["rules"][number];

function unusedId(comment: DisableComment, r: RuleId, { plan }: PlanContext): Report {
  return {
    message: `This disable comment silences ${r.id} ${targetOf(comment, plan.lineCount)}, but ${r.id} reports nothing there.`,
    hint: `Delete "${r.id}" from the comment, or move the comment to the line just above the finding (findings in tables and code blocks cannot be silenced: set the rule's severity instead).`,
    line: r.line,
    column: r.column,
    endLine: r.line,
    endColumn: r.column + r.id.length,
  };
}

export default {
  id: "unused-disable",
  description:
    "Every plan-portal-disable-next-line comment silences a finding on the line after it.",
  severity: "warning",
  applies: ({ plan }) => plan.disables.length > 0,
  // Runs after every other plan rule (last in the registry), so `disables` knows what they silenced.
  check(ctx, report) {
    // Bottom up: a comment may silence this rule's finding about the comment below it.
    for (const comment of [...ctx.plan.disables].reverse()) {
      if (comment.rules.length === 0) {
        if (!ctx.disables.silenced(comment, null)) report(unusedBare(comment, ctx));
        continue;
      }
      for (const r of comment.rules) {
        const severity = ctx.rules.get(r.id);
        // Unknown ids are unknown-rule-in-disable's; a rule turned off may report where it is on.
        if (severity === undefined || severity === "off") continue;
        if (!ctx.disables.silenced(comment, r.id)) report(unusedId(comment, r, ctx));
      }
    }
  },
} satisfies PlanRule;
