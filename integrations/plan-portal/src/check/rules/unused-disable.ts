import type { DisableComment } from "../../parse/types.ts";
import { disablesByFile, type DisablesIn } from "../disables.ts";
import type { PlanRule, Report } from "../types.ts";

/** The line a comment silences, as a reader finds it. */
function targetOf(comment: DisableComment, doc: DisablesIn): string {
  return comment.target <= doc.lineCount
    ? `on line ${comment.target}`
    : `at the end of the ${doc.file === undefined ? "plan" : "file"} (no line follows it)`;
}

function unusedBare(comment: DisableComment, doc: DisablesIn): Report {
  return {
    ...(doc.file === undefined ? {} : { file: doc.file }),
    message: `This disable comment silences every rule ${targetOf(comment, doc)}, but no rule reports anything there.`,
    hint: "Delete the comment, so it cannot hide a finding later.",
    line: comment.line,
    column: comment.column,
  };
}

type RuleId = DisableComment["rules"][number];

function unusedId(comment: DisableComment, r: RuleId, doc: DisablesIn): Report {
  return {
    ...(doc.file === undefined ? {} : { file: doc.file }),
    message: `This disable comment silences ${r.id} ${targetOf(comment, doc)}, but ${r.id} reports nothing there.`,
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
  applies: ({ plan }) => disablesByFile(plan).some((d) => d.comments.length > 0),
  // Runs after every other plan rule (last in the registry), so `disables` knows what they silenced.
  check(ctx, report) {
    for (const doc of disablesByFile(ctx.plan)) {
      // Bottom up: a comment may silence this rule's finding about the comment below it.
      for (const comment of [...doc.comments].reverse()) {
        if (comment.rules.length === 0) {
          if (!ctx.disables.silenced(comment, null)) report(unusedBare(comment, doc));
          continue;
        }
        for (const r of comment.rules) {
          const severity = ctx.rules.get(r.id);
          // Unknown ids are unknown-rule-in-disable's; a rule turned off may report where it is on.
          if (severity === undefined || severity === "off") continue;
          if (!ctx.disables.silenced(comment, r.id)) report(unusedId(comment, r, doc));
        }
      }
    }
  },
} satisfies PlanRule;
