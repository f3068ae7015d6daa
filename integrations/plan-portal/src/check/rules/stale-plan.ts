import type { PlanContext, PlanRule } from "../types.ts";

/** Days from `from` to `to` (YYYY-MM-DD each). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Tasks still to do: tasks.md's open tasks (skipped ones aside), else the plan's own checklist. */
function unfinished({ plan }: PlanContext): number {
  const tasks = plan.feature.tasks?.tasks;
  if (tasks && tasks.length > 0) return tasks.filter((t) => !t.done && !t.skipped).length;
  return plan.progress ? plan.progress.total - plan.progress.done : 0;
}

export default {
  id: "stale-plan",
  description:
    "A plan is not stale: unchanged for too long while tasks are unfinished, or older than the code its tasks and components name.",
  severity: "info",
  applies: ({ history }) => history !== null && history.lastChange !== null,
  check(ctx, report) {
    const { history, today, staleDays, plan } = ctx;
    const last = history!.lastChange!;
    const at = { line: plan.headerLine || 1, column: 1 };
    const open = unfinished(ctx);
    const idle = daysBetween(last, today);
    if (open > 0 && idle >= staleDays) {
      report({
        ...at,
        message: `Unchanged for ${idle} days (since ${last}) while ${open} task${open === 1 ? " is" : "s are"} unfinished.`,
        hint: "Update the plan to match where the work is (tick finished tasks, move dates), or mark the work dropped.",
        messageId: "unchanged",
        data: { days: String(idle), since: last, unfinished: String(open) },
      });
    }
    const code = history!.codeChangedAfter;
    if (code) {
      report({
        ...at,
        message: `${code.path} changed on ${code.date}, after the plan's last change (${last}).`,
        hint: "Check that the plan still describes that code, and update it (even a note) so the two agree.",
        messageId: "code-changed",
        data: { path: code.path, commit: code.commit, date: code.date, since: last },
      });
    }
  },
} satisfies PlanRule;
