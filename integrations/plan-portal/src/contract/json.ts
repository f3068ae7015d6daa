import type { CheckedPlan, PlanStatus } from "../../check/index.ts";
import type { Finding } from "../../check/types.ts";
import { parseDate } from "../../check/dates.ts";
import type { DiscoveryNotice } from "../../discover/index.ts";

/** The stable JSON contract of `plan-portal check --format json` (DESIGN.md), version 1. */
export interface JsonReport {
  version: 1;
  root: string;
  summary: {
    plans: number;
    errors: number;
    warnings: number;
    byStatus: Record<PlanStatus, number>;
  };
  plans: JsonPlan[];
  /** Things found on disk that are not plans but deserve attention (folders without plan.md …). */
  notices: { path: string; message: string; hint: string }[];
}

export interface JsonPlan {
  id: string;
  path: string;
  title: string;
  status: PlanStatus;
  /** The author's own `**Status**:` line, shown beside the derived status, never trusted. */
  declaredStatus: string | null;
  score: number;
  template: string;
  progress: { done: number; total: number } | null;
  openQuestions: {
    id: string;
    text: string;
    owner: string;
    deadline: string;
    impact: string;
    line: number;
    overdue: boolean;
  }[];
  needsClarification: { text: string; line: number; column: number }[];
  findings: Finding[];
}

export function toJsonPlan(c: CheckedPlan, today: string): JsonPlan {
  const { plan } = c;
  return {
    id: plan.id,
    path: plan.path,
    title: plan.title,
    status: c.status,
    declaredStatus: plan.header.status?.value ?? null,
    score: c.score,
    template: c.template,
    progress: plan.progress,
    openQuestions: plan.questions
      .filter((q) => !q.resolved)
      .map((q) => {
        const due = parseDate(q.deadline);
        return {
          id: q.id,
          text: q.text,
          owner: q.owner,
          deadline: due ?? q.deadline,
          impact: q.impact,
          line: q.line,
          overdue: due !== null && due < today,
        };
      }),
    needsClarification: plan.needsClarification.map((m) => ({
      text: m.text,
      line: m.line,
      column: m.column,
    })),
    findings: c.findings,
  };
}

export function toJsonReport(
  root: string,
  plans: CheckedPlan[],
  notices: DiscoveryNotice[],
  cwdRelative: (p: string) => string,
  today: string,
): JsonReport {
  const byStatus: Record<PlanStatus, number> = {
    ready: 0,
    draft: 0,
    "needs-clarification": 0,
    blocked: 0,
  };
  let errors = 0;
  let warnings = 0;
  for (const c of plans) {
    byStatus[c.status]++;
    for (const f of c.findings) {
      if (f.severity === "error") errors++;
      else if (f.severity === "warning") warnings++;
    }
  }
  return {
    version: 1,
    root,
    summary: { plans: plans.length, errors, warnings, byStatus },
    plans: plans.map((c) => toJsonPlan(c, today)),
    notices: notices.map((n) => ({ path: cwdRelative(n.path), message: n.message, hint: n.hint })),
  };
}
