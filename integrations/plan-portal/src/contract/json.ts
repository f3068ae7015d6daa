import type { CheckedPlan, PlanStatus } from "../check/index.ts";
import type { Finding } from "../check/types.ts";
import { featureCoverage, type FeatureCoverage } from "../check/coverage.ts";
import type { CheckedProjection } from "../check/projection.ts";
import { parseDate } from "../check/dates.ts";
import type { DiscoveryNotice } from "../discover/index.ts";
import type { PlanHistory } from "../history/types.ts";
import { emptyStatusCounts } from "../vocabulary.ts";

/** A finding outside plan.md (a doc's plan directive): `file` says which file it is in. */
export interface DocFinding extends Finding {
  file: string;
}

/** The stable JSON contract of `plan-portal check --format json` (DESIGN.md), version 1. */
export interface JsonReport {
  version: 1;
  root: string;
  summary: {
    plans: number;
    /** Docs checked for plan directives; present when docs were checked (see `docs`). */
    docs?: number;
    /** Errors and warnings in plans and docs alike. */
    errors: number;
    warnings: number;
    byStatus: Record<PlanStatus, number>;
  };
  plans: JsonPlan[];
  /**
   * The site's .md/.mdx docs checked for plan directives (`--docs`, or the Astro project's
   * src/pages and src/content), each with its own findings. Absent when no docs were checked.
   */
  docs?: JsonDoc[];
  /** Things found on disk that are not plans but deserve attention (folders without plan.md …). */
  notices: { path: string; message: string; hint: string; code?: string }[];
}

export interface JsonPlan {
  id: string;
  /** The repository the plan comes from, when the portal spans several (`sources`). Added in v1. */
  repository?: string;
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
  /**
   * NEEDS CLARIFICATION markers the plan itself records as decided (struck through, annotated,
   * or answered in a Clarifications/Decisions entry): kept, not counted as open. Added in v1.
   */
  resolvedClarifications: {
    text: string;
    line: number;
    column: number;
    how: "struck" | "annotated" | "recorded";
    resolution: string;
    resolutionLine: number;
  }[];
  /** Risks as the risk matrix reads them: levels as written, `""` when not given. Added in v1. */
  risks: JsonRisk[];
  /** Dependencies and blockers as the blockers board reads them (`status` as written). Added in v1. */
  dependencies: JsonDependency[];
  /** A `stale-plan` finding is among `findings` (issue 20). Added in v1. */
  stale: boolean;
  /**
   * What git says about the plan: its commits (newest first), first and last change, when each
   * open question or marker was written and each answer recorded. Present only where history
   * was read. Added in v1.
   */
  history?: PlanHistory;
  /**
   * How the feature's spec.md, plan.md and tasks.md trace to each other (issue 17): requirements
   * covered, stories with tasks, tasks mapped, and the convention detected. Null when the feature
   * has neither spec.md nor tasks.md. Added in v1.
   */
  coverage: FeatureCoverage | null;
  findings: Finding[];
}

export interface JsonRisk {
  text: string;
  probability: string;
  impact: string;
  mitigation: string;
  owner: string;
  line: number;
}

export interface JsonDependency {
  text: string;
  owner: string;
  status: string;
  /** The due date as written (`2026-03-01`, `Phase 1`, `Pre-launch`). */
  due: string;
  line: number;
}

/** One doc: its path, how many plan directives it holds, and the findings about them. */
export interface JsonDoc {
  path: string;
  directives: number;
  /** `doc-directive` findings; each carries `file` (the doc's path), as findings outside plan.md do. */
  findings: DocFinding[];
}

/** A checked plan with its model (in process) or its projection (from a check worker). */
export type ReportedPlan = CheckedPlan | CheckedProjection;

export function toJsonPlan(c: ReportedPlan, today: string): JsonPlan {
  const { plan } = c;
  return {
    id: plan.id,
    ...(plan.repository ? { repository: plan.repository.name } : {}),
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
    resolvedClarifications: plan.resolvedClarifications.map((m) => ({
      text: m.text,
      line: m.line,
      column: m.column,
      how: m.resolution.how,
      resolution: m.resolution.text,
      resolutionLine: m.resolution.line,
    })),
    risks: plan.risks.map((r) => ({
      text: r.text,
      probability: r.probability,
      impact: r.impact,
      mitigation: r.mitigation,
      owner: r.owner,
      line: r.line,
    })),
    dependencies: plan.dependencies.map((d) => ({
      text: d.text,
      owner: d.owner,
      status: d.status,
      due: d.dueDate,
      line: d.line,
    })),
    stale: c.findings.some((f) => f.ruleId === "stale-plan"),
    ...(c.history ? { history: c.history } : {}),
    coverage: "coverage" in c ? c.coverage : featureCoverage(c.plan),
    findings: c.findings,
  };
}

export function toJsonReport(
  root: string,
  plans: ReportedPlan[],
  notices: DiscoveryNotice[],
  cwdRelative: (p: string) => string,
  today: string,
  docs?: JsonDoc[],
): JsonReport {
  const byStatus: Record<PlanStatus, number> = emptyStatusCounts();
  let errors = 0;
  let warnings = 0;
  for (const c of plans) byStatus[c.status]++;
  const findings = [...plans, ...(docs ?? [])].flatMap((item) => item.findings);
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
  }
  return {
    version: 1,
    root,
    summary: {
      plans: plans.length,
      ...(docs ? { docs: docs.length } : {}),
      errors,
      warnings,
      byStatus,
    },
    plans: plans.map((c) => toJsonPlan(c, today)),
    ...(docs ? { docs } : {}),
    notices: notices.map((n) => ({
      path: cwdRelative(n.path),
      message: n.message,
      hint: n.hint,
      ...(n.code ? { code: n.code } : {}),
    })),
  };
}
