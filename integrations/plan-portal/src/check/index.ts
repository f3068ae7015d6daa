import { append } from "../util/append.ts";
import type { Plan } from "../parse/types.ts";
import { chooseProfile, type TemplateName, type TemplateProfile } from "../template/profile.ts";
import { parseDate } from "./dates.ts";
import { cleanStatus } from "./rules/dependency-status.ts";
import { planRules, portalRules } from "./rules/index.ts";
import type { Finding, PlanContext, Report, Rule, Severity, SeveritySetting } from "./types.ts";

export type * from "./types.ts";
export { allRules, planRules, portalRules } from "./rules/index.ts";

export type PlanStatus = "blocked" | "needs-clarification" | "draft" | "ready";

export interface CheckedPlan {
  plan: Plan;
  template: TemplateName;
  findings: Finding[];
  /** 0–100: share of applicable rules passing, weighted by severity. */
  score: number;
  status: PlanStatus;
}

export interface CheckSettings {
  /** Severity per rule id; rules not named keep their default. */
  severities: Record<string, SeveritySetting>;
  /** YYYY-MM-DD used as "today" for overdue questions. */
  today: string;
  /** The repository's own template profile, when it has one. */
  repositoryProfile: TemplateProfile | null;
  /** Whether `relative` exists, resolved against the plan's folder. */
  exists: (plan: Plan, relative: string) => boolean;
}

const WEIGHT: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function severityOf(rule: Rule, settings: CheckSettings): SeveritySetting {
  return settings.severities[rule.id] ?? rule.severity;
}

function silenced(plan: Plan, finding: Report, ruleId: string): boolean {
  const rules = plan.disabled.get(finding.line);
  return rules !== undefined && (rules.size === 0 || rules.has(ruleId));
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

/**
 * Derived status, in order of what a reader must act on first: a blocked dependency, then open
 * clarifications (markers, or questions past their deadline), then remaining errors.
 */
export function deriveStatus(plan: Plan, findings: Finding[], today: string): PlanStatus {
  if (plan.dependencies.some((d) => /^blocked$/i.test(cleanStatus(d.status)))) return "blocked";
  const overdue = plan.questions.some((q) => {
    const due = q.resolved ? null : parseDate(q.deadline);
    return due !== null && due < today;
  });
  if (plan.needsClarification.length > 0 || overdue) return "needs-clarification";
  if (findings.some((f) => f.severity === "error")) return "draft";
  return "ready";
}

/** Run every plan rule on each plan and every portal rule across them; score and derive status. */
export function checkPlans(plans: Plan[], settings: CheckSettings): CheckedPlan[] {
  const portalFindings = new Map<Plan, Map<string, Finding[]>>();
  for (const rule of portalRules) {
    const severity = severityOf(rule, settings);
    if (severity === "off") continue;
    rule.check(plans, (plan, r) => {
      if (silenced(plan, r, rule.id)) return;
      const perRule = portalFindings.get(plan) ?? new Map<string, Finding[]>();
      perRule.set(rule.id, [...(perRule.get(rule.id) ?? []), { ruleId: rule.id, severity, ...r }]);
      portalFindings.set(plan, perRule);
    });
  }

  return plans.map((plan) => {
    const { name, profile } = chooseProfile(plan, settings.repositoryProfile);
    const ctx: PlanContext = {
      plan,
      template: name,
      profile,
      today: settings.today,
      exists: (relative) => settings.exists(plan, relative),
    };
    const findings: Finding[] = [];
    let possible = 0;
    let lost = 0;
    for (const rule of planRules) {
      const severity = severityOf(rule, settings);
      if (severity === "off") continue;
      if (plan.problems.length && plan.lineCount === 0 && rule.id !== "plan-readable") continue;
      if (rule.applies && !rule.applies(ctx)) continue;
      const before = findings.length;
      rule.check(ctx, (r) => {
        if (!silenced(plan, r, rule.id)) findings.push({ ruleId: rule.id, severity, ...r });
      });
      possible += WEIGHT[severity];
      if (findings.length > before) lost += WEIGHT[severity];
    }
    for (const rule of portalRules) {
      const severity = severityOf(rule, settings);
      if (severity === "off") continue;
      const own = portalFindings.get(plan)?.get(rule.id) ?? [];
      possible += WEIGHT[severity];
      if (own.length) lost += WEIGHT[severity];
      append(findings, own);
    }
    findings.sort(byPosition);
    const score = possible === 0 ? 100 : Math.round((100 * (possible - lost)) / possible);
    return {
      plan,
      template: name,
      findings,
      score,
      status: deriveStatus(plan, findings, settings.today),
    };
  });
}
