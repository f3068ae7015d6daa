import { append } from "../util/append.ts";
import type { PlanHistory } from "../history/types.ts";
import type { Plan } from "../parse/types.ts";
import { chooseProfile, type TemplateName, type TemplateProfile } from "../template/profile.ts";
import {
  dependencyStatusOf,
  type PlanStatus,
  type Severity,
  type SeveritySetting,
} from "../vocabulary.ts";
import { parseDate } from "./dates.ts";
import { silencerFor, type Silencer } from "./disables.ts";
import { allRules, planRules, portalRules } from "./rules/index.ts";
import type { Finding, PlanContext, PortalFacts, Report, Rule } from "./types.ts";

export type * from "./types.ts";
export type { PlanStatus } from "../vocabulary.ts";
export { allRules, planRules, portalRules, ruleDocPath } from "./rules/index.ts";

export interface CheckedPlan {
  plan: Plan;
  template: TemplateName;
  findings: Finding[];
  /** 0–100: share of applicable rules passing, weighted by severity. */
  score: number;
  status: PlanStatus;
  /** Git history of the plan, when it was read (issue 20). */
  history?: PlanHistory;
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
  /** Whether a task's path exists in the plan's repository (see PlanContext); default: never. */
  existsInRepository?: (plan: Plan, relative: string) => boolean;
  /** Each plan's git history by `Plan.path`, when read (absent: no history). */
  history?: ReadonlyMap<string, PlanHistory>;
  /** `stale-plan`'s threshold in days (default 60). */
  staleDays?: number;
}

/** `stale-plan`: a plan with unfinished tasks unchanged this many days is stale. */
export const DEFAULT_STALE_DAYS = 60;

const WEIGHT: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function severityOf(rule: Rule, settings: CheckSettings): SeveritySetting {
  return settings.severities[rule.id] ?? rule.severity;
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

/** The score's two sums: the weight of the rules that apply, and of those that found something. */
export interface Tally {
  possible: number;
  lost: number;
}

function tally(t: Tally, severity: Severity, failed: boolean): void {
  t.possible += WEIGHT[severity];
  if (failed) t.lost += WEIGHT[severity];
}

function scoreOf(t: Tally): number {
  return t.possible === 0 ? 100 : Math.round((100 * (t.possible - t.lost)) / t.possible);
}

/** What the derived status reads of a plan (a projection carries it too). */
export type StatusFacts = Pick<Plan, "dependencies" | "questions" | "needsClarification">;

/**
 * Derived status, in order of what a reader must act on first: a blocked dependency, then open
 * clarifications (markers, or questions past their deadline), then remaining errors.
 */
export function deriveStatus(plan: StatusFacts, findings: Finding[], today: string): PlanStatus {
  if (plan.dependencies.some((d) => dependencyStatusOf(d.status) === "blocked")) return "blocked";
  const overdue = plan.questions.some((q) => {
    const due = q.resolved ? null : parseDate(q.deadline);
    return due !== null && due < today;
  });
  if (plan.needsClarification.length > 0 || overdue) return "needs-clarification";
  if (findings.some((f) => f.severity === "error")) return "draft";
  return "ready";
}

/** Portal findings per plan and rule. */
export type PortalFindings<P> = Map<P, Map<string, Finding[]>>;

/**
 * Every portal rule across the plans; `silenced` says whether a plan's disable comments silence
 * a report (and records that they did, for `unused-disable`).
 */
export function runPortalRules<P extends PortalFacts>(
  plans: P[],
  settings: CheckSettings,
  silenced: (plan: P, r: Report, ruleId: string) => boolean,
): PortalFindings<P> {
  const found: PortalFindings<P> = new Map();
  for (const rule of portalRules) {
    const severity = severityOf(rule, settings);
    if (severity === "off") continue;
    rule.check(plans, (plan, r) => {
      if (silenced(plan, r, rule.id)) return;
      const perRule = found.get(plan) ?? new Map<string, Finding[]>();
      perRule.set(rule.id, [...(perRule.get(rule.id) ?? []), { ruleId: rule.id, severity, ...r }]);
      found.set(plan, perRule);
    });
  }
  return found;
}

/** Every plan rule that is on and applies, in registry order; each one's weight goes to the tally. */
function runPlanRules(
  ctx: PlanContext,
  settings: CheckSettings,
  silencer: Silencer,
  t: Tally,
): Finding[] {
  const { plan } = ctx;
  // A file that could not be read has no text: only rules about the reading itself run.
  const unreadable = plan.problems.length > 0 && plan.lineCount === 0;
  const findings: Finding[] = [];
  for (const rule of planRules) {
    const severity = severityOf(rule, settings);
    if (severity === "off") continue;
    if (unreadable && (rule.reads ?? "text") === "text") continue;
    if (rule.applies && !rule.applies(ctx)) continue;
    const before = findings.length;
    rule.check(ctx, (r) => {
      // Each document's disable comments reach its own lines only (plan.md's never spec.md's).
      const silenced = silencer.silences(r.line, rule.id, r.file);
      if (!silenced) findings.push({ ruleId: rule.id, severity, ...r });
    });
    tally(t, severity, findings.length > before);
  }
  return findings;
}

/** One plan after its own rules: what the portal rules' findings are added to. */
export interface PlanPart {
  template: TemplateName;
  /** Plan-rule findings, in the order the rules reported them. */
  findings: Finding[];
  tally: Tally;
  history: PlanHistory | null;
}

/** Every rule id with its effective severity (what a disable comment may name). */
export function ruleSeverities(settings: CheckSettings): ReadonlyMap<string, SeveritySetting> {
  return new Map(allRules.map((r) => [r.id, severityOf(r, settings)]));
}

/**
 * The plan rules on one plan. Run after the portal rules' reports went through `silencer`, so
 * `unused-disable` knows every comment that silenced something.
 */
export function checkOwnRules(
  plan: Plan,
  silencer: Silencer,
  settings: CheckSettings,
  rules: ReadonlyMap<string, SeveritySetting>,
): PlanPart {
  const { name, profile } = chooseProfile(plan, settings.repositoryProfile);
  const ctx: PlanContext = {
    plan,
    template: name,
    profile,
    today: settings.today,
    exists: (relative) => settings.exists(plan, relative),
    existsInRepository: (relative) => settings.existsInRepository?.(plan, relative) ?? false,
    rules,
    disables: silencer,
    history: settings.history?.get(plan.path) ?? null,
    staleDays: settings.staleDays ?? DEFAULT_STALE_DAYS,
  };
  const t: Tally = { possible: 0, lost: 0 };
  const findings = runPlanRules(ctx, settings, silencer, t);
  return { template: name, findings, tally: t, history: ctx.history };
}

/** A plan's own findings joined with its portal findings, sorted; its score and status. */
export function finishPlan(
  plan: StatusFacts,
  part: PlanPart,
  portal: Map<string, Finding[]> | undefined,
  settings: CheckSettings,
): Pick<CheckedPlan, "findings" | "score" | "status"> {
  const t: Tally = { ...part.tally };
  const findings = [...part.findings];
  for (const rule of portalRules) {
    const severity = severityOf(rule, settings);
    if (severity === "off") continue;
    const own = portal?.get(rule.id) ?? [];
    tally(t, severity, own.length > 0);
    append(findings, own);
  }
  findings.sort(byPosition);
  return {
    findings,
    score: scoreOf(t),
    status: deriveStatus(plan, findings, settings.today),
  };
}

/** Run every plan rule on each plan and every portal rule across them; score and derive status. */
export function checkPlans(plans: Plan[], settings: CheckSettings): CheckedPlan[] {
  const silencers = new Map(plans.map((p) => [p, silencerFor(p)]));
  const portal = runPortalRules(plans, settings, (plan, r, ruleId) =>
    silencers.get(plan)!.silences(r.line, ruleId, r.file),
  );
  const rules = ruleSeverities(settings);
  return plans.map((plan) => {
    const part = checkOwnRules(plan, silencers.get(plan)!, settings, rules);
    return {
      plan,
      template: part.template,
      ...finishPlan(plan, part, portal.get(plan), settings),
      ...(part.history ? { history: part.history } : {}),
    };
  });
}
