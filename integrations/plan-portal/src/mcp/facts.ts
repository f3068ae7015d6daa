import { openQuestions } from "../aggregate/questions.ts";
import { ref } from "../aggregate/ref.ts";
import type { QuestionRow } from "../aggregate/types.ts";
import { featureCoverage, type FeatureCoverage } from "../check/coverage.ts";
import type { CheckedPlan, Finding } from "../check/index.ts";
import { toJsonPlan, type JsonPlan } from "../contract/json.ts";
import type { PlanStatus, Severity } from "../vocabulary.ts";
import { toolError, UnknownPlanId } from "./errors.ts";

/**
 * The answers behind the MCP tools, as pure functions of the checked plans: the same model
 * `check --format json` and the portal show, cut to what an agent asks for.
 */

/** One row of list_features: enough to choose which plan to open. */
export interface FeatureRow {
  id: string;
  /** The repository, when the server spans several (a config's `sources`). */
  repository?: string;
  title: string;
  path: string;
  status: PlanStatus;
  declaredStatus: string | null;
  score: number;
  progress: { done: number; total: number } | null;
  openQuestions: number;
  errors: number;
  warnings: number;
  /** How far spec.md, tasks.md and plan.md trace to each other; null without spec.md and tasks.md. */
  coverage: FeatureCoverage | null;
}

function countSeverity(findings: Finding[], severity: Severity): number {
  return findings.filter((f) => f.severity === severity).length;
}

export function featureRow(c: CheckedPlan): FeatureRow {
  return {
    id: c.plan.id,
    ...(c.plan.repository ? { repository: c.plan.repository.name } : {}),
    title: c.plan.title,
    path: c.plan.path,
    status: c.status,
    declaredStatus: c.plan.header.status?.value ?? null,
    score: c.score,
    progress: c.plan.progress,
    openQuestions: c.plan.questions.filter((q) => !q.resolved).length,
    errors: countSeverity(c.findings, "error"),
    warnings: countSeverity(c.findings, "warning"),
    coverage: featureCoverage(c.plan),
  };
}

/** The plan with this id, or a tool error listing the ids there are. */
export function planById(plans: readonly CheckedPlan[], id: string): CheckedPlan {
  const found = plans.find((c) => c.plan.id === id);
  if (!found)
    throw toolError(
      UnknownPlanId,
      id,
      plans.map((c) => c.plan.id),
    );
  return found;
}

/** get_plan's model: the JSON contract's plan, findings counted (findings lists them). */
export interface PlanSummary extends Omit<JsonPlan, "findings"> {
  findings: { errors: number; warnings: number; infos: number };
  sections: { title: string; slug: string; level: number; line: number }[];
  technicalContext: { key: string; value: string; state: string; line: number }[];
  feature: {
    spec: { path: string; stories: number; requirements: number } | null;
    tasks: { path: string; done: number; total: number } | null;
    checklists: { name: string; path: string; done: number; total: number }[];
  };
  coverage: FeatureCoverage | null;
}

export function planSummary(c: CheckedPlan, today: string): PlanSummary {
  const { plan } = c;
  const { spec, tasks, checklists } = plan.feature;
  return {
    ...toJsonPlan(c, today),
    findings: {
      errors: countSeverity(c.findings, "error"),
      warnings: countSeverity(c.findings, "warning"),
      infos: countSeverity(c.findings, "info"),
    },
    sections: plan.sections.map((s) => ({
      title: s.title,
      slug: s.slug,
      level: s.level,
      line: s.line,
    })),
    technicalContext: plan.technicalContext.map((f) => ({
      key: f.key,
      value: f.value,
      state: f.state,
      line: f.line,
    })),
    feature: {
      spec: spec && {
        path: spec.path,
        stories: spec.stories.length,
        requirements: spec.requirements.length,
      },
      tasks: tasks && {
        path: tasks.path,
        done: tasks.tasks.filter((t) => t.done).length,
        total: tasks.tasks.length,
      },
      checklists: checklists.map((k) => ({
        name: k.name,
        path: k.path,
        done: k.items.filter((i) => i.done).length,
        total: k.items.length,
      })),
    },
    coverage: featureCoverage(plan),
  };
}

/** A window of plan.md's lines: `fromLine`…`toLine` (1-based), and where the next window starts. */
export interface MarkdownWindow {
  text: string;
  fromLine: number;
  toLine: number;
  lineCount: number;
  nextLine?: number;
}

export function markdownWindow(c: CheckedPlan, fromLine: number, maxLines: number): MarkdownWindow {
  const { lines } = c.plan;
  const start = Math.min(Math.max(fromLine, 1), lines.length + 1);
  const slice = lines.slice(start - 1, start - 1 + maxLines);
  const toLine = start + slice.length - 1;
  return {
    text: slice.join("\n"),
    fromLine: start,
    toLine,
    lineCount: lines.length,
    ...(toLine < lines.length ? { nextLine: toLine + 1 } : {}),
  };
}

export interface QuestionFilter {
  owner?: string | undefined;
  overdue?: boolean | undefined;
  plan?: string | undefined;
}

/** Open questions, overdue first; `owner` matches part of the owner's name, any case. */
export function questionRows(
  plans: readonly CheckedPlan[],
  today: string,
  filter: QuestionFilter,
): QuestionRow[] {
  const scope = filter.plan === undefined ? [...plans] : [planById(plans, filter.plan)];
  const owner = filter.owner?.trim().toLowerCase();
  return openQuestions(scope, today).filter(
    (q) =>
      (!owner || q.owner.toLowerCase().includes(owner)) &&
      (filter.overdue === undefined || q.overdue === filter.overdue),
  );
}

export interface FindingFilter {
  plan?: string | undefined;
  rule?: string | undefined;
  severity?: Severity | undefined;
}

/** A finding with the plan it is about and the section it sits in. */
export interface FindingRow extends Finding {
  planId: string;
  /** The file the line is in: plan.md unless the finding says otherwise. */
  file: string;
  section: string;
}

export function findingRows(plans: readonly CheckedPlan[], filter: FindingFilter): FindingRow[] {
  const scope = filter.plan === undefined ? [...plans] : [planById(plans, filter.plan)];
  return scope.flatMap((c) =>
    c.findings
      .filter(
        (f) =>
          (filter.rule === undefined || f.ruleId === filter.rule) &&
          (filter.severity === undefined || f.severity === filter.severity),
      )
      .map((f) => ({
        ...f,
        planId: c.plan.id,
        file: f.file ?? c.plan.path,
        section: f.file ? "" : ref(c, f.line).section,
      })),
  );
}
