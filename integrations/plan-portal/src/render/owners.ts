import type { DependencyRow, PortalAggregates, QuestionRow, RiskRow } from "../aggregate/index.ts";

/**
 * People as plans name them in Owner cells: `@maria (Payments)`, `@maria`, `Maria Lopez`. One
 * person is one key (the handle without `@`, lower-case; else the name as a URL slug), so the
 * owner page of `@maria` gathers every row that names her, whatever the team note after it.
 */
export interface OwnerRef {
  key: string;
  /** How the index and the owner pages show the person: `@maria`, `Maria Lopez`. */
  name: string;
}

/** Cells that name nobody: empty, a dash, TBD, N/A. */
const NOBODY = /^(?:[-–—?]*|tbd|tba|n\/?a|none|unassigned)$/i;

/** The person an Owner cell names, or null when it names nobody. */
export function ownerOf(cell: string): OwnerRef | null {
  const text = cell.replace(/[*_`]/g, "").trim();
  if (NOBODY.test(text)) return null;
  const handle = /@([\p{L}\p{N}][\p{L}\p{N}._-]*)/u.exec(text);
  if (handle) {
    const name = handle[1]!.replace(/[._-]+$/, "");
    return { key: name.toLowerCase(), name: `@${name}` };
  }
  const name = text.replace(/\s*\([^)]*\)\s*$/, "").trim() || text;
  const key = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return key ? { key, name } : null;
}

/** Everything one person owns across the portal. */
export interface OwnerWork extends OwnerRef {
  questions: QuestionRow[];
  risks: RiskRow[];
  blockers: DependencyRow[];
  /** Open questions past their deadline and blockers past their due date that are not done. */
  overdue: number;
}

/** Dependencies the blockers board shows as open work (every column but Done). */
export function openBlockers(aggregates: PortalAggregates): DependencyRow[] {
  const d = aggregates.dependencies;
  return [...d.blocked, ...d["in-progress"], ...d.other];
}

/** Every risk of the matrix, rated or not. */
export function allRisks(aggregates: PortalAggregates): RiskRow[] {
  const { risks } = aggregates;
  const rated = risks.probabilities.flatMap((p) => risks.impacts.flatMap((i) => risks.cells[p][i]));
  return [...rated, ...risks.unrated];
}

/** One entry per person named as the owner of an open question, a risk or an open blocker; A→Z. */
export function ownersOf(aggregates: PortalAggregates): OwnerWork[] {
  const owners = new Map<string, OwnerWork>();
  const entry = (cell: string): OwnerWork | null => {
    const ref = ownerOf(cell);
    if (!ref) return null;
    let work = owners.get(ref.key);
    if (!work) {
      work = { ...ref, questions: [], risks: [], blockers: [], overdue: 0 };
      owners.set(ref.key, work);
    }
    return work;
  };
  for (const q of aggregates.questions) {
    const work = entry(q.owner);
    if (!work) continue;
    work.questions.push(q);
    if (q.overdue) work.overdue++;
  }
  for (const r of allRisks(aggregates)) entry(r.owner)?.risks.push(r);
  for (const d of openBlockers(aggregates)) {
    const work = entry(d.owner);
    if (!work) continue;
    work.blockers.push(d);
    if (d.overdue) work.overdue++;
  }
  return [...owners.values()].sort((a, b) => a.key.localeCompare(b.key));
}
