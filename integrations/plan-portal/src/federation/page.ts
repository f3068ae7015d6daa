import { readFileSync } from "node:fs";
import type { JsonPlan } from "../contract/json.ts";
import { inlineScript } from "../render/inline-script.ts";
import { STATUS_LABELS } from "../render/status.ts";
import { escapeHtml } from "../util/html.ts";
import type { PlanStatus } from "../vocabulary.ts";

/** One plan on the organisation index: the fragment's plan with where its page is served. */
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

const asset = (file: string) => readFileSync(new URL(file, import.meta.url), "utf8");

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

function repositorySection(repo: OrgRepository): string {
  const rows = repo.plans
    .map(
      (p) =>
        `<tr><td><a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a> <span class="muted">${escapeHtml(p.id)}</span></td><td>${badge(p.status)}</td><td>${p.score}</td><td>${p.openQuestions.length}</td></tr>`,
    )
    .join("\n");
  const id = `repo-${escapeHtml(repo.name)}`;
  return `<section class="org-repo" aria-labelledby="${id}">
<h2 id="${id}"><a href="${escapeHtml(repo.url)}">${escapeHtml(repo.title)}</a> <span class="muted">${escapeHtml(repo.name)} · ${repo.plans.length} plan${repo.plans.length === 1 ? "" : "s"} · built ${escapeHtml(repo.generated)}</span></h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Plan</th><th scope="col">Status</th><th scope="col">Score</th><th scope="col">Open questions</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

function statusLine(repos: OrgRepository[]): string {
  const counts = new Map<PlanStatus, number>();
  for (const p of repos.flatMap((r) => r.plans))
    counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  const total = repos.reduce((n, r) => n + r.plans.length, 0);
  const parts = [...counts].map(([s, n]) => `${n} ${escapeHtml(STATUS_LABELS[s].toLowerCase())}`);
  return `${total} plans in ${repos.length} repositories${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** The organisation index: every repository's plans from their JSON, and one search over all. */
export function orgIndexHtml(title: string, repos: OrgRepository[], indexes: OrgIndex[]): string {
  const search = indexes.length
    ? `<form id="org-search" role="search" class="org-search">
<label for="org-search-input">Search every repository's plans</label>
<input id="org-search-input" type="search" autocomplete="off" />
<p id="org-search-status" role="status" class="muted"></p>
<ul id="org-search-results" class="org-results"></ul>
</form>
<script type="application/json" id="pp-org-indexes">${inertJson(indexes)}</script>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<meta name="generator" content="plan-portal federate" />
<style>${asset("../render/styles/portal.css")}
.org-search { margin: 1rem 0 2rem; display: grid; gap: .4rem; max-width: 40rem; }
.org-search input { font: inherit; padding: .5rem .6rem; border: 1px solid currentColor; border-radius: 6px; }
.org-results { list-style: none; padding: 0; display: grid; gap: .6rem; }
.org-results a { display: grid; gap: .15rem; }
.org-repo h2 .muted { font-size: .95rem; font-weight: normal; }
.org-repo table { width: 100%; }
.org-repo th { text-align: left; }
</style>
</head>
<body class="pp-portal">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="bar"><span class="brand">${escapeHtml(title)}</span></div></header>
<main id="main">
<h1>${escapeHtml(title)}</h1>
<p class="muted">${statusLine(repos)}</p>
${search}
${repos.map(repositorySection).join("\n")}
</main>
<footer class="site-footer"><div>Built by plan-portal federate from ${repos.length} portal fragments, without re-reading their plans</div></footer>
${indexes.length ? `<script>${inlineScript(asset("../render/client/org-search.js"))}</script>` : ""}
</body>
</html>
`;
}
