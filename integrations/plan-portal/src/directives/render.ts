import type { PlanStatus } from "../check/index.ts";
import { plainText } from "../parse/markdown.ts";
import { sectionAt } from "../parse/sections.ts";
import { escapeHtml } from "../util/html.ts";
import { STATUS_LABELS } from "../render/status.ts";
import type { PortalModel, PortalPlan } from "../render/store.ts";
import { href, sectionHref } from "../render/url.ts";
import type { DirectiveCall } from "./spec.ts";
import { coverageCard } from "./coverage.ts";
import { ownerMatcher, resolveTarget } from "./targets.ts";

/**
 * The HTML a directive becomes. Pure: the call and the portal model in, a string out (or a
 * DirectiveError naming the doc's line and column, from resolveTarget). Every plan-derived string
 * is escaped.
 */
export function renderDirective(call: DirectiveCall, portal: PortalModel): string {
  const target = resolveTarget(call, portal);
  switch (target.name) {
    case "plan":
      return planLink(target.plan, target.section, target.text, portal);
    case "plan-card":
      return planCard(target.plan, portal);
    case "open-questions":
      return openQuestions(target.plan, target.owner, portal);
    case "plans":
      return plansTable(target.status, portal);
    case "plan-diagram":
      return planDiagram(target.plan, target.index, portal);
    case "coverage":
      return coverageCard(target.plan, portal);
  }
}

function badge(status: PlanStatus): string {
  return `<span class="badge ${status}" data-status="${status}">${STATUS_LABELS[status]}</span>`;
}

function planLink(plan: PortalPlan, section: string, text: string, portal: PortalModel): string {
  return `<span class="pp-ref"><a href="${escapeHtml(sectionHref(portal.settings, plan.id, section))}">${escapeHtml(text)}</a> ${badge(plan.checked.status)}</span>`;
}

/** The plan's Summary as one short plain paragraph. */
export function summaryOf(plan: PortalPlan, max = 280): string {
  const p = plan.checked.plan;
  const summary = p.sections.find((s) => s.kind === "summary");
  if (!summary) return "";
  const paragraph: string[] = [];
  for (let line = summary.line + 1; line <= summary.endLine; line++) {
    const text = (p.lines[line - 1] ?? "").trim();
    if (!text) {
      if (paragraph.length) break;
      continue;
    }
    if (/^(#|```|\||<!--|>)/.test(text)) {
      if (paragraph.length) break;
      continue;
    }
    paragraph.push(text);
  }
  const plain = plainText(paragraph.join(" "));
  // One character past the limit shows whether the cut falls between words.
  return plain.length > max ? `${plain.slice(0, max + 1).replace(/\s*\S*$/, "")} …` : plain;
}

function planCard(plan: PortalPlan, portal: PortalModel): string {
  const { settings } = portal;
  const p = plan.checked.plan;
  const open = plan.json.openQuestions;
  const overdue = open.filter((q) => q.overdue).length;
  const facts = [
    ["Score", `${plan.checked.score}/100`],
    ["Open questions", `${open.length}${overdue ? ` (${overdue} overdue)` : ""}`],
    ["Risks", String(p.risks.length)],
    [
      "Tasks",
      p.progress && p.progress.total
        ? `${p.progress.done}/${p.progress.total} done`
        : "no tasks.md",
    ],
    ["Last change", plan.lastChange ?? "unknown"],
  ];
  const summary = summaryOf(plan);
  return (
    `<article class="pp-card" data-plan="${escapeHtml(plan.id)}">` +
    `<p class="pp-card-title"><a href="${escapeHtml(href(settings, plan.id))}">${escapeHtml(p.title)}</a> ${badge(plan.checked.status)}</p>` +
    `<p class="pp-card-id"><code>${escapeHtml(plan.id)}</code></p>` +
    (summary ? `<p class="pp-card-summary">${escapeHtml(summary)}</p>` : "") +
    `<dl class="pp-card-facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v!)}</dd></div>`).join("")}</dl>` +
    `</article>`
  );
}

function openQuestions(plan: PortalPlan | null, owner: string | null, portal: PortalModel): string {
  const { settings, aggregates } = portal;
  let rows = aggregates.questions;
  let scope = "across all plans";
  if (plan) {
    rows = rows.filter((q) => q.planId === plan.id);
    scope = `in ${plan.checked.plan.title}`;
  }
  if (owner !== null) {
    const matches = ownerMatcher(owner);
    rows = rows.filter((q) => matches(q.owner));
    scope += ` owned by ${owner}`;
  }
  if (rows.length === 0) {
    return `<p class="pp-empty">No open questions ${escapeHtml(scope)}.</p>`;
  }
  const body = rows
    .map(
      (q) =>
        `<tr${q.overdue ? ' data-overdue="true"' : ""}>` +
        `<td><a href="${escapeHtml(sectionHref(settings, q.planId, q.section))}"><strong>${escapeHtml(q.id)}</strong> ${escapeHtml(q.text)}</a></td>` +
        `<td><a href="${escapeHtml(href(settings, q.planId))}">${escapeHtml(q.planTitle)}</a></td>` +
        `<td>${escapeHtml(q.owner || "unassigned")}</td>` +
        `<td>${q.due ? `<time datetime="${q.due}">${q.due}</time>` : escapeHtml(q.deadline || "none")}${q.overdue ? ' <span class="badge overdue">overdue</span>' : ""}</td>` +
        `</tr>`,
    )
    .join("");
  return (
    `<div class="table-wrap pp-questions"><table class="data">` +
    `<caption>${rows.length} open question${rows.length === 1 ? "" : "s"} ${escapeHtml(scope)}</caption>` +
    `<thead><tr><th scope="col">Question</th><th scope="col">Plan</th><th scope="col">Owner</th><th scope="col">Deadline</th></tr></thead>` +
    `<tbody>${body}</tbody></table></div>`
  );
}

function plansTable(status: PlanStatus | null, portal: PortalModel): string {
  const { settings } = portal;
  const plans = status ? portal.plans.filter((p) => p.checked.status === status) : portal.plans;
  const scope = status ? ` with status ${STATUS_LABELS[status]}` : "";
  if (plans.length === 0) return `<p class="pp-empty">No plans${escapeHtml(scope)}.</p>`;
  const body = plans
    .map((p) => {
      const g = p.checked.plan.progress;
      return (
        `<tr><td><a href="${escapeHtml(href(settings, p.id))}">${escapeHtml(p.checked.plan.title)}</a> <code>${escapeHtml(p.id)}</code></td>` +
        `<td>${badge(p.checked.status)}</td>` +
        `<td class="num">${p.checked.score}</td>` +
        `<td class="num">${p.json.openQuestions.length}</td>` +
        `<td>${g && g.total ? `${g.done}/${g.total}` : '<span class="muted">none</span>'}</td>` +
        `</tr>`
      );
    })
    .join("");
  return (
    `<div class="table-wrap pp-plans"><table class="data">` +
    `<caption>${plans.length} plan${plans.length === 1 ? "" : "s"}${escapeHtml(scope)}</caption>` +
    `<thead><tr><th scope="col">Plan</th><th scope="col">Status</th><th scope="col" class="num">Score</th><th scope="col" class="num">Open questions</th><th scope="col">Tasks</th></tr></thead>` +
    `<tbody>${body}</tbody></table></div>`
  );
}

function planDiagram(plan: PortalPlan, index: number, portal: PortalModel): string {
  const p = plan.checked.plan;
  const diagram = p.diagrams[index]!;
  const section = sectionAt(p.sections, diagram.line);
  const drawn =
    plan.diagramFigures[index] ??
    `<figure class="diagram"><pre class="diagram-source"><code>${escapeHtml(diagram.source)}</code></pre></figure>`;
  // Figure ids are numbered per plan page; a doc may hold diagrams of several plans.
  const prefix = `pp-${plan.id.replace(/[^A-Za-z0-9_-]/g, "-")}-`;
  const unique = drawn.replace(
    /(\b(?:id|aria-labelledby)=")([^"]*)"/g,
    (_m, attr: string, ids: string) =>
      `${attr}${ids
        .split(" ")
        .map((id) => (id.startsWith("diagram-") ? prefix + id : id))
        .join(" ")}"`,
  );
  return (
    `<div class="pp-diagram">${unique}` +
    `<p class="pp-diagram-from">From <a href="${escapeHtml(sectionHref(portal.settings, plan.id, section?.slug ?? ""))}">${escapeHtml(p.title)}${section ? ` › ${escapeHtml(section.title)}` : ""}</a> ${badge(plan.checked.status)}</p></div>`
  );
}
