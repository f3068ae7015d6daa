import type { CheckedPlan } from "../check/index.ts";
import { sectionAt } from "../parse/sections.ts";
import type { PlanStatus } from "../vocabulary.ts";
import { href, sectionHref, type UrlSettings } from "./url.ts";

/*
 * The findings of one rule across every plan, for the health page's per-rule pages
 * (pages/rule-findings.astro): plan, place and message, RULE_PAGE_SIZE a page so a rule that
 * reports on each of 1,000 plans stays a few hundred kilobytes a page.
 */

export const RULE_PAGE_SIZE = 200;

/** One finding as a rule's page lists it. */
export interface RuleFindingRow {
  planId: string;
  planTitle: string;
  status: PlanStatus;
  severity: string;
  /** `specs/003-x/plan.md:12:3`, the place as `plan-portal check` prints it. */
  place: string;
  message: string;
  /** The plan page at the finding's section (plan.md), or the plan page (sibling files). */
  href: string;
}

/** Every finding of `ruleId`, plan by plan in the portal's order, by line within a plan. */
export function ruleFindings(
  settings: UrlSettings,
  plans: readonly { id: string; checked: CheckedPlan }[],
  ruleId: string,
): RuleFindingRow[] {
  return plans.flatMap(({ id, checked }) =>
    checked.findings
      .filter((f) => f.ruleId === ruleId)
      .map((f) => ({
        planId: id,
        planTitle: checked.plan.title,
        status: checked.status,
        severity: f.severity,
        place: `${f.file ?? checked.plan.path}:${f.line}:${f.column}`,
        message: f.message,
        href: f.file
          ? href(settings, id)
          : sectionHref(settings, id, sectionAt(checked.plan.sections, f.line)?.slug ?? ""),
      })),
  );
}

/** `getStaticPaths` of `/health/[rule]/[...page]`: each rule's first page, then `/page/2/` … */
export function ruleFindingPaths(rules: readonly { ruleId: string; count: number }[]): {
  params: { rule: string; page: string | undefined };
  props: { ruleId: string; page: number };
}[] {
  return rules.flatMap(({ ruleId, count }) =>
    Array.from({ length: Math.max(1, Math.ceil(count / RULE_PAGE_SIZE)) }, (_, k) => ({
      params: { rule: ruleId, page: k === 0 ? undefined : `page/${k + 1}` },
      props: { ruleId, page: k + 1 },
    })),
  );
}

/** URL of page `n` of a rule's findings. */
export function ruleFindingsHref(settings: UrlSettings, ruleId: string, n = 1): string {
  return n === 1
    ? href(settings, "health", ruleId)
    : href(settings, "health", ruleId, "page", String(n));
}
