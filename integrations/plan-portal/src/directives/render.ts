import type { PlanStatus } from "../check/index.ts";
import { plainText } from "../parse/markdown.ts";
import { sectionAt } from "../parse/sections.ts";
import { escapeHtml } from "../render/sanitize.ts";
import { STATUS_LABELS } from "../render/status.ts";
import type { PortalModel, PortalPlan } from "../render/store.ts";
import { href, sectionHref } from "../render/url.ts";
import { DirectiveError, type DirectiveCall } from "./spec.ts";
import { pick, validateCall } from "./validate.ts";

/**
 * The HTML a directive becomes. Pure: the call and the portal model in, a string out (or a
 * DirectiveError naming the doc's line and column). Every plan-derived string is escaped.
 */
export function renderDirective(call: DirectiveCall, portal: PortalModel): string {
  validateCall(call);
  switch (call.name) {
    case "plan":
      return planLink(call, portal);
    case "plan-card":
      return planCard(call, portal);
    case "open-questions":
      return openQuestions(call, portal);
    case "plans":
      return plansTable(call, portal);
    case "plan-diagram":
      return planDiagram(call, portal);
  }
}

const NO_PLAN_HINT =
  "Plan ids are the folder names that hold a plan.md (see the portal's plan index); a plan that was renamed or removed must be updated here too.";

function findPlan(call: DirectiveCall, id: string, portal: PortalModel): PortalPlan {
  const found = pick(call, "plan", id.trim(), [...portal.byId.keys()], NO_PLAN_HINT);
  return portal.byId.get(found)!;
}

function badge(status: PlanStatus): string {
  return `<span class="badge ${status}" data-status="${status}">${STATUS_LABELS[status]}</span>`;
}

function planLink(call: DirectiveCall, portal: PortalModel): string {
  const id = call.attributes["id"] ?? call.label ?? "";
  if (!id.trim()) {
    throw new DirectiveError(
      call,
      ":plan: missing the plan id. Write :plan[003-checkout-flow] (or :plan{id=003-checkout-flow}).",
    );
  }
  const plan = findPlan(call, id, portal);
  let section = "";
  if (call.attributes["section"] !== undefined) {
    const sections = plan.checked.plan.sections;
    const wanted = call.attributes["section"];
    const byTitle = sections.find((s) => s.title.toLowerCase() === wanted.toLowerCase());
    section =
      byTitle?.slug ??
      pick(
        call,
        `section in ${plan.id}`,
        wanted,
        sections.map((s) => s.slug),
        "Use the anchor of one of the plan's headings (as in its page's URL after #).",
      );
  }
  // The label given in brackets is the id, so only an explicit label replaces the title.
  const text = call.attributes["label"] ?? plan.checked.plan.title;
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

function planCard(call: DirectiveCall, portal: PortalModel): string {
  const plan = findPlan(call, call.attributes["id"]!, portal);
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

function openQuestions(call: DirectiveCall, portal: PortalModel): string {
  const { settings, aggregates } = portal;
  let rows = aggregates.questions;
  let scope = "across all plans";
  if (call.attributes["plan"] !== undefined) {
    const plan = findPlan(call, call.attributes["plan"], portal);
    rows = rows.filter((q) => q.planId === plan.id);
    scope = `in ${plan.checked.plan.title}`;
  }
  if (call.attributes["owner"] !== undefined) {
    // "@maria (Payments)" answers to owner=@maria, owner=maria and the full text. Owners come from
    // every question, answered or not, so an owner with nothing open left is no error.
    const handle = (owner: string) => owner.trim().split(/\s+/)[0]!.replace(/^@/, "").toLowerCase();
    const owners = [
      ...new Set(portal.plans.flatMap((p) => p.checked.plan.questions.map((q) => q.owner.trim()))),
    ].filter(Boolean);
    const wanted = call.attributes["owner"].trim();
    const matches = (owner: string) =>
      owner.toLowerCase() === wanted.toLowerCase() || handle(owner) === handle(wanted);
    if (!owners.some(matches)) {
      pick(
        call,
        "question owner",
        wanted,
        [...new Set(owners.map((o) => o.split(/\s+/)[0]!))],
        "Owners are taken from the Owner column of the plans' open-questions tables.",
      );
    }
    rows = rows.filter((q) => matches(q.owner));
    scope += ` owned by ${wanted}`;
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

const STATUSES = Object.keys(STATUS_LABELS) as PlanStatus[];

function plansTable(call: DirectiveCall, portal: PortalModel): string {
  const { settings } = portal;
  let plans = portal.plans;
  let scope = "";
  if (call.attributes["status"] !== undefined) {
    const status = pick(
      call,
      "status",
      call.attributes["status"].trim().replace(/\s+/g, "-"),
      STATUSES,
      `Statuses are ${STATUSES.join(", ")}.`,
    ) as PlanStatus;
    plans = plans.filter((p) => p.checked.status === status);
    scope = ` with status ${STATUS_LABELS[status]}`;
  }
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

/** A diagram's names: the anchor and title of the heading it sits under, and its number. */
function diagramNames(plan: PortalPlan): { names: string[]; index: number }[] {
  const p = plan.checked.plan;
  return p.diagrams.map((d, index) => {
    const section = sectionAt(p.sections, d.line);
    return { names: [section?.slug ?? "", section?.title ?? "", String(index + 1)], index };
  });
}

function planDiagram(call: DirectiveCall, portal: PortalModel): string {
  const plan = findPlan(call, call.attributes["id"]!, portal);
  const p = plan.checked.plan;
  if (p.diagrams.length === 0) {
    throw new DirectiveError(
      call,
      `::plan-diagram: plan "${plan.id}" has no mermaid diagrams. Link to it with :plan[${plan.id}] instead.`,
    );
  }
  const named = diagramNames(plan);
  let index = 0;
  const wanted = call.attributes["name"]?.trim();
  if (wanted) {
    const candidates = named.flatMap((n) => n.names.filter(Boolean));
    const name = pick(
      call,
      `diagram in ${plan.id}`,
      wanted,
      candidates,
      `A diagram is named by the heading it sits under (${named.map((n) => `"${n.names[0]}"`).join(", ")}) or by its number (1–${named.length}).`,
    );
    index = named.find((n) => n.names.includes(name))!.index;
  }
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
