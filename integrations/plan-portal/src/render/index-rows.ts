import { coverageHeadline, featureCoverage, type CoverageHeadline } from "../check/coverage.ts";
import { parseDate } from "../check/dates.ts";
import type { PlanStatus } from "../vocabulary.ts";
import { dependencyStatusOf } from "../vocabulary.ts";
import { ownerOf, type OwnerRef } from "./owners.ts";
import type { PortalPlan } from "./store.ts";

/** Rows of the plan index on one server-rendered page; the rest are on /page/2/ … */
export const INDEX_PAGE_SIZE = 100;

/** One plan as the index shows, filters and sorts it (server pages and the compact JSON alike). */
export interface IndexRow {
  id: string;
  title: string;
  status: PlanStatus;
  score: number;
  /** The plan's owner from front matter (`owner:`), else every person owning one of its items. */
  owners: OwnerRef[];
  /** `Phase 3` (the phase of the first open task), `Done`, or `` without tasks.md. */
  phase: string;
  /** The phase heading in full, for a tooltip. */
  phaseTitle: string;
  /** The folder holding the plan's folder, relative to the project (`specs`, `apps/web/specs`). */
  folder: string;
  /** Requirements covered by tasks or the plan, of spec.md's total; null without spec.md/tasks.md. */
  coverage: CoverageHeadline | null;
  questions: number;
  overdueQuestions: number;
  risks: number;
  /** Dependencies whose status is Blocked. */
  blockers: number;
  /** Overdue open questions, or dependencies past their due date that are not done. */
  overdue: boolean;
  progress: { done: number; total: number } | null;
  changed: string | null;
  /** stale-plan found the plan unchanged while its work goes on (issue 20; needs git history). */
  stale: boolean;
  /** The plan's repository, in a portal built from `sources`. */
  repository?: string;
}

/** What the index reads of a plan. */
export type IndexedPlan = Pick<PortalPlan, "id" | "checked" | "json" | "repoPath" | "lastChange">;

function owners(p: IndexedPlan): OwnerRef[] {
  const declared = p.checked.plan.frontmatter?.["owner"];
  if (typeof declared === "string" && ownerOf(declared)) return [ownerOf(declared)!];
  const { plan } = p.checked;
  const cells = [
    ...plan.questions.filter((q) => !q.resolved).map((q) => q.owner),
    ...plan.risks.map((r) => r.owner),
    ...plan.dependencies.map((d) => d.owner),
  ];
  const seen = new Map<string, OwnerRef>();
  for (const cell of cells) {
    const ref = ownerOf(cell);
    if (ref && !seen.has(ref.key)) seen.set(ref.key, ref);
  }
  return [...seen.values()];
}

/** The phase of the first task still open: where the feature's work stands. */
function phase(p: IndexedPlan): { phase: string; phaseTitle: string } {
  const tasks = p.checked.plan.feature.tasks?.tasks ?? [];
  if (tasks.length === 0) return { phase: "", phaseTitle: "" };
  const open = tasks.find((t) => !t.done && !t.skipped);
  if (!open) return { phase: "Done", phaseTitle: "Every task is done" };
  const title = open.phase?.title.trim() ?? "";
  const numbered = /^phase\s+(\d+[a-z]?)\b/i.exec(title);
  const short = numbered
    ? `Phase ${numbered[1]}`
    : title.length > 18
      ? `${title.slice(0, 17)}…`
      : title;
  return { phase: short || "Open", phaseTitle: title };
}

function folderOf(repoPath: string): string {
  const parts = repoPath.split("/");
  return parts.slice(0, -2).join("/") || ".";
}

/** The index row of one plan; `today` (YYYY-MM-DD) decides what is overdue. */
export function indexRow(p: IndexedPlan, today: string): IndexRow {
  const { plan } = p.checked;
  const coverage = featureCoverage(plan);
  const overdueQuestions = p.json.openQuestions.filter((q) => q.overdue).length;
  const lateDependency = plan.dependencies.some((d) => {
    const due = parseDate(d.dueDate);
    return due !== null && due < today && dependencyStatusOf(d.status) !== "done";
  });
  return {
    id: p.id,
    title: plan.title,
    status: p.checked.status,
    score: p.checked.score,
    owners: owners(p),
    ...phase(p),
    folder: folderOf(p.repoPath),
    coverage: coverage ? coverageHeadline(coverage) : null,
    questions: p.json.openQuestions.length,
    overdueQuestions,
    risks: plan.risks.length,
    blockers: plan.dependencies.filter((d) => dependencyStatusOf(d.status) === "blocked").length,
    overdue: overdueQuestions > 0 || lateDependency,
    stale: p.json.stale,
    progress: plan.progress && plan.progress.total ? plan.progress : null,
    changed: p.lastChange,
    ...(plan.repository ? { repository: plan.repository.name } : {}),
  };
}

/** The repositories of the index's rows, when there are two or more (else the index shows none). */
export function indexRepositories(rows: IndexRow[]): string[] {
  const names = [...new Set(rows.flatMap((r) => (r.repository ? [r.repository] : [])))];
  return names.length > 1 ? names.sort() : [];
}

/** Rows of server page `page` (1-based) of the index. */
export function pageRows<T>(rows: T[], page: number): T[] {
  return rows.slice((page - 1) * INDEX_PAGE_SIZE, page * INDEX_PAGE_SIZE);
}

export function pageCount(rows: number): number {
  return Math.max(1, Math.ceil(rows / INDEX_PAGE_SIZE));
}

/**
 * The compact JSON the index's script loads on demand to filter, sort and group every plan:
 * short keys, owners and folders as indexes into shared lists (about 150 bytes a plan).
 */
export function compactIndex(rows: IndexRow[]): unknown {
  const owners = [...new Map(rows.flatMap((r) => r.owners).map((o) => [o.key, o])).values()];
  owners.sort((a, b) => a.key.localeCompare(b.key));
  const ownerAt = new Map(owners.map((o, i) => [o.key, i]));
  const folders = [...new Set(rows.map((r) => r.folder))].sort();
  const repositories = indexRepositories(rows);
  return {
    version: 1,
    owners: owners.map((o) => [o.key, o.name]),
    folders,
    // Over several repositories only: each plan's `rp` is an index into this list.
    ...(repositories.length ? { repositories } : {}),
    plans: rows.map((r) => ({
      i: r.id,
      t: r.title,
      s: r.status,
      sc: r.score,
      o: r.owners.map((o) => ownerAt.get(o.key)),
      ph: r.phase,
      pt: r.phaseTitle,
      f: folders.indexOf(r.folder),
      c: r.coverage
        ? [r.coverage.covered, r.coverage.total, r.coverage.measure === "stories" ? 1 : 0]
        : null,
      q: r.questions,
      qo: r.overdueQuestions,
      r: r.risks,
      b: r.blockers,
      od: r.overdue ? 1 : 0,
      st: r.stale ? 1 : 0,
      p: r.progress ? [r.progress.done, r.progress.total] : null,
      ch: r.changed,
      ...(repositories.length ? { rp: repositories.indexOf(r.repository ?? "") } : {}),
    })),
  };
}

/**
 * The choices of the index's owner, phase, folder and repository filters, each with its number of
 * plans (repositories: none for a portal of one).
 */
export function indexFacets(rows: IndexRow[]): {
  owners: { value: string; label: string; count: number }[];
  phases: { value: string; label: string; count: number }[];
  folders: { value: string; label: string; count: number }[];
  repositories: { value: string; label: string; count: number }[];
} {
  const tally = (values: [value: string, label: string][]) => {
    const counts = new Map<string, { value: string; label: string; count: number }>();
    for (const [value, label] of values) {
      const entry = counts.get(value) ?? { value, label, count: 0 };
      entry.count++;
      counts.set(value, entry);
    }
    return [...counts.values()];
  };
  const phaseOrder = (label: string) => {
    const n = /^Phase (\d+)/.exec(label);
    if (n) return Number(n[1]);
    return label === "Done" ? 1e6 : label === "" ? 1e7 : 1e5;
  };
  const owners = tally(rows.flatMap((r) => r.owners.map((o): [string, string] => [o.key, o.name])));
  owners.sort((a, b) => a.label.localeCompare(b.label));
  const phases = tally(rows.map((r) => [r.phase, r.phase || "No tasks.md"]));
  phases.sort(
    (a, b) => phaseOrder(a.value) - phaseOrder(b.value) || a.label.localeCompare(b.label),
  );
  const folders = tally(rows.map((r) => [r.folder, r.folder]));
  folders.sort((a, b) => a.label.localeCompare(b.label));
  const several = new Set(indexRepositories(rows));
  const repositories = tally(
    rows.flatMap((r): [string, string][] =>
      r.repository && several.has(r.repository) ? [[r.repository, r.repository]] : [],
    ),
  );
  repositories.sort((a, b) => a.label.localeCompare(b.label));
  return { owners, phases, folders, repositories };
}
