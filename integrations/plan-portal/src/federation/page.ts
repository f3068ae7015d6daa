import { readFileSync } from "node:fs";
import type { JsonPlan } from "../contract/json.ts";
import { inlineScript } from "../render/inline-script.ts";
import { STATUS_LABELS } from "../render/status.ts";
import { escapeHtml } from "../util/html.ts";
import { PLAN_STATUSES, type PlanStatus } from "../vocabulary.ts";

/** One plan on the organisation portal: the fragment's plan with where its page is served. */
export interface OrgPlan extends JsonPlan {
  repository: string;
  /** The plan's page in its repository's portal. */
  url: string;
}

/** One repository of the organisation portal. */
export interface OrgRepository {
  name: string;
  title: string;
  generated: string;
  /** Its portal's index page. */
  url: string;
  plans: OrgPlan[];
}

/** A fragment's index as the search script merges it. */
export interface OrgIndex {
  name: string;
  bundle: string;
  baseUrl: string;
}

/**
 * The organisation portal's own pages live below `/_org/` (a fragment's name never starts with
 * `_`): its style sheet, and each repository's plans, ORG_PAGE_SIZE a page. The index lists the
 * repositories with their counts only, so it stays small at 50 repositories × 200 plans.
 */
export const ORG_DIR = "_org";
export const ORG_PAGE_SIZE = 200;

const asset = (file: string) => readFileSync(new URL(file, import.meta.url), "utf8");

/** The portal's styles and the organisation pages' own, served once as `/_org/org.css`. */
export function orgCss(): string {
  return `${asset("../render/styles/portal.css")}
.org-search { margin: 1rem 0 2rem; display: grid; gap: .4rem; max-width: 40rem; }
.org-search input { font: inherit; padding: .5rem .6rem; border: 1px solid currentColor; border-radius: 6px; }
.org-results { list-style: none; padding: 0; display: grid; gap: .6rem; }
.org-results a { display: grid; gap: .15rem; }
.org-table { width: 100%; }
.org-table th { text-align: left; }
.org-pager { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; }
`;
}

/** JSON inside a script element stays data: `<` and friends as escapes. */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function badge(status: PlanStatus): string {
  return `<span class="badge ${status}" data-status="${status}">${escapeHtml(STATUS_LABELS[status])}</span>`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Where a repository's plans are listed on the organisation portal (page `n`, 1-based). */
export function repositoryPagePath(name: string, n = 1): string {
  return `/${ORG_DIR}/${encodeURIComponent(name)}/${n > 1 ? `${n}/` : ""}`;
}

function frame(title: string, heading: string, body: string, script = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<meta name="generator" content="plan-portal federate" />
<link rel="stylesheet" href="/${ORG_DIR}/org.css" />
</head>
<body class="pp-portal">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="bar"><a class="brand" href="/">${escapeHtml(heading)}</a></div></header>
<main id="main">
${body}
</main>
<footer class="site-footer"><div>Built by plan-portal federate from portal fragments, without re-reading their plans</div></footer>
${script}
</body>
</html>
`;
}

function statusCounts(plans: readonly OrgPlan[]): Map<PlanStatus, number> {
  const counts = new Map<PlanStatus, number>(PLAN_STATUSES.map((s) => [s, 0]));
  for (const p of plans) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  return counts;
}

function repositoryRow(repo: OrgRepository): string {
  const counts = statusCounts(repo.plans);
  const questions = repo.plans.reduce((n, p) => n + p.openQuestions.length, 0);
  const cells = PLAN_STATUSES.map((s) => `<td class="num">${counts.get(s)}</td>`).join("");
  return `<tr data-repository="${escapeHtml(repo.name)}"><th scope="row"><a href="${repositoryPagePath(repo.name)}">${escapeHtml(repo.title)}</a> <span class="plan-id">${escapeHtml(repo.name)}</span></th><td class="num">${repo.plans.length}</td>${cells}<td class="num">${questions}</td><td><a href="${escapeHtml(repo.url)}">its portal</a></td><td>${escapeHtml(repo.generated)}</td></tr>`;
}

function searchForm(indexes: OrgIndex[]): string {
  if (!indexes.length) return "";
  return `<form id="org-search" role="search" class="org-search">
<label for="org-search-input">Search every repository's plans</label>
<input id="org-search-input" type="search" autocomplete="off" />
<p id="org-search-status" role="status" class="muted"></p>
<ul id="org-search-results" class="org-results"></ul>
</form>
<script type="application/json" id="pp-org-indexes">${inertJson(indexes)}</script>`;
}

/** The organisation index: one row per repository with its counts, and one search over all. */
export function orgIndexHtml(title: string, repos: OrgRepository[], indexes: OrgIndex[]): string {
  const all = repos.flatMap((r) => r.plans);
  const counts = statusCounts(all);
  const parts = PLAN_STATUSES.filter((s) => counts.get(s)).map(
    (s) => `${counts.get(s)} ${escapeHtml(STATUS_LABELS[s].toLowerCase())}`,
  );
  const head = PLAN_STATUSES.map((s) => `<th scope="col" class="num">${badge(s)}</th>`).join("");
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="muted">${all.length} plans in ${repos.length} repositories${parts.length ? `: ${parts.join(", ")}` : ""}</p>
${searchForm(indexes)}
<div class="table-wrap"><table class="org-table">
<caption class="muted">Each repository's plans are listed on its page here and in its own portal.</caption>
<thead><tr><th scope="col">Repository</th><th scope="col" class="num">Plans</th>${head}<th scope="col" class="num">Open questions</th><th scope="col">Portal</th><th scope="col">Built</th></tr></thead>
<tbody>
${repos.map(repositoryRow).join("\n")}
</tbody></table></div>`;
  const script = indexes.length
    ? `<script>${inlineScript(asset("../render/client/org-search.js"))}</script>`
    : "";
  return frame(title, title, body, script);
}

function planRow(p: OrgPlan): string {
  return `<tr><td><a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a> <span class="plan-id">${escapeHtml(p.id)}</span></td><td>${badge(p.status)}</td><td class="num">${p.score}</td><td class="num">${p.openQuestions.length}</td></tr>`;
}

function pager(repo: OrgRepository, page: number, pages: number): string {
  if (pages < 2) return "";
  const links = Array.from({ length: pages }, (_, k) => {
    const n = k + 1;
    const current = n === page ? ' aria-current="page"' : "";
    return `<a href="${repositoryPagePath(repo.name, n)}"${current}>${n}</a>`;
  });
  return `<nav class="org-pager" aria-label="Pages of ${escapeHtml(repo.name)}'s plans">${links.join("")}</nav>`;
}

/** Page `page` (1-based) of one repository's plans, read from its fragment's plans.json. */
export function repositoryPageHtml(title: string, repo: OrgRepository, page: number): string {
  const pages = Math.max(1, Math.ceil(repo.plans.length / ORG_PAGE_SIZE));
  const rows = repo.plans.slice((page - 1) * ORG_PAGE_SIZE, page * ORG_PAGE_SIZE);
  const first = (page - 1) * ORG_PAGE_SIZE;
  const shown =
    pages > 1
      ? `plans ${first + 1}–${first + rows.length} of ${repo.plans.length}`
      : plural(repo.plans.length, "plan");
  const body = `<h1>${escapeHtml(repo.title)} <span class="muted">${escapeHtml(repo.name)}</span></h1>
<p class="muted">${shown} · built ${escapeHtml(repo.generated)} · <a href="${escapeHtml(repo.url)}">its portal</a> (filters, dashboards, graph) · <a href="/">every repository</a></p>
<div class="table-wrap"><table class="org-table">
<thead><tr><th scope="col">Plan</th><th scope="col">Status</th><th scope="col" class="num">Score</th><th scope="col" class="num">Open questions</th></tr></thead>
<tbody>
${rows.map(planRow).join("\n")}
</tbody></table></div>
${pager(repo, page, pages)}`;
  const pageTitle = `${repo.title}${pages > 1 ? ` (page ${page} of ${pages})` : ""} · ${title}`;
  return frame(pageTitle, title, body);
}

/** Every page of the organisation portal, by path below its output folder. */
export function orgPages(
  title: string,
  repos: OrgRepository[],
  indexes: OrgIndex[],
): Map<string, string> {
  const pages = new Map<string, string>([
    ["index.html", orgIndexHtml(title, repos, indexes)],
    [`${ORG_DIR}/org.css`, orgCss()],
  ]);
  for (const repo of repos) {
    const count = Math.max(1, Math.ceil(repo.plans.length / ORG_PAGE_SIZE));
    for (let n = 1; n <= count; n++)
      pages.set(
        `${repositoryPagePath(repo.name, n).slice(1)}index.html`,
        repositoryPageHtml(title, repo, n),
      );
  }
  return pages;
}
