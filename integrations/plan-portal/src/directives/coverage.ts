import { featureStage, FEATURE_STAGE_LABELS } from "../aggregate/pipeline.ts";
import { featureCoverage } from "../check/coverage.ts";
import { STATUS_LABELS } from "../render/status.ts";
import type { PortalModel, PortalPlan } from "../render/store.ts";
import { href } from "../render/url.ts";
import { escapeHtml } from "../util/html.ts";

/**
 * `::coverage{id=…}`: a feature's traceability in a doc — stage, requirements covered, stories
 * with tasks, tasks mapped and done — linking to the matrix on its plan page. Every plan-derived
 * string is escaped.
 */
export function coverageCard(plan: PortalPlan, portal: PortalModel): string {
  const c = plan.checked;
  const p = c.plan;
  const title =
    `<p class="pp-card-title"><a href="${escapeHtml(href(portal.settings, plan.id))}#traceability">${escapeHtml(p.title)}</a> ` +
    `<span class="badge ${c.status}" data-status="${c.status}">${STATUS_LABELS[c.status]}</span></p>`;
  const coverage = featureCoverage(p);
  if (!coverage) {
    return (
      `<div class="pp-card pp-coverage" data-plan="${escapeHtml(plan.id)}">${title}` +
      `<p class="pp-card-summary">No spec.md or tasks.md in this feature's folder: nothing to trace yet.</p></div>`
    );
  }
  const tasks = p.feature.tasks?.tasks ?? [];
  const facts: [string, string][] = [
    ["Stage", FEATURE_STAGE_LABELS[featureStage(c)]],
    ["Requirements covered", `${coverage.requirements.covered}/${coverage.requirements.total}`],
    ["Stories with tasks", `${coverage.stories.withTasks}/${coverage.stories.total}`],
    ["Tasks mapped", `${coverage.tasks.mapped}/${coverage.tasks.total}`],
    ["Tasks done", `${tasks.filter((t) => t.done).length}/${tasks.length}`],
  ];
  const convention = coverage.convention.length
    ? `Convention detected: ${coverage.convention.join(", ")}.`
    : "tasks.md cites no requirement ids or story labels as a habit.";
  return (
    `<div class="pp-card pp-coverage" data-plan="${escapeHtml(plan.id)}">${title}` +
    `<dl class="pp-card-facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`).join("")}</dl>` +
    `<p class="pp-card-id">${escapeHtml(convention)}</p></div>`
  );
}
