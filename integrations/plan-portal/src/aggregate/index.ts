import type { CheckedPlan } from "../check/index.ts";
import { parseDate } from "../check/dates.ts";
import { impactOf, levelOf } from "../check/risk-levels.ts";
import { sectionAt } from "../parse/sections.ts";
import { TECHNICAL_CONTEXT_LABELS } from "../parse/technical-context.ts";
import type { Plan, TechnicalContextKey } from "../parse/types.ts";
import {
  dependencyStatusOf,
  emptyStatusCounts,
  IMPACT_LEVELS,
  RISK_LEVELS,
  type PlanStatus,
} from "../vocabulary.ts";
import type {
  CatalogEntry,
  DependencyColumn,
  DependencyRow,
  GraphEdge,
  ImpactLevel,
  Level,
  MarkerRow,
  PlanRef,
  QuestionRow,
  RiskMatrix,
  RiskRow,
  TechStackRow,
} from "./types.ts";

export type * from "./types.ts";

/** Everything the dashboards show, computed once from the checked plans (pure). */
export interface PortalAggregates {
  statusCounts: Record<PlanStatus, number>;
  questions: QuestionRow[];
  /** Open questions grouped by owner; owners with overdue questions first. */
  questionsByOwner: { owner: string; overdue: number; questions: QuestionRow[] }[];
  markers: MarkerRow[];
  risks: RiskMatrix;
  dependencies: Record<DependencyColumn, DependencyRow[]>;
  findingsByRule: { ruleId: string; severity: string; count: number; plans: string[] }[];
  components: CatalogEntry<{
    name: string;
    responsibility: string;
    change: string;
    phase: string;
  }>[];
  externalDependencies: CatalogEntry<{
    type: string;
    protocol: string;
    purpose: string;
    criticality: string;
  }>[];
  endpoints: CatalogEntry<{ method: string; path: string; source: string; conflict: boolean }>[];
  entities: CatalogEntry<{ phase: string; description: string }>[];
  errorCodes: CatalogEntry<{ description: string; collision: boolean }>[];
  techStack: { fields: { key: TechnicalContextKey; label: string }[]; rows: TechStackRow[] };
  graph: {
    edges: GraphEdge[];
    referencedBy: Record<string, string[]>;
    references: Record<string, string[]>;
  };
}

function ref(c: CheckedPlan, line: number): PlanRef {
  return {
    planId: c.plan.id,
    planTitle: c.plan.title,
    status: c.status,
    section: sectionAt(c.plan.sections, line)?.slug ?? "",
    line,
  };
}

function riskMatrix(plans: CheckedPlan[]): RiskMatrix {
  // Rows from the most probable down, columns from the smallest impact across.
  const probabilities: Level[] = [...RISK_LEVELS].reverse();
  const impacts: ImpactLevel[] = [...IMPACT_LEVELS];
  const cells = Object.fromEntries(
    probabilities.map((p) => [p, Object.fromEntries(impacts.map((i) => [i, [] as RiskRow[]]))]),
  ) as RiskMatrix["cells"];
  const unrated: RiskRow[] = [];
  for (const c of plans) {
    for (const r of c.plan.risks) {
      const row: RiskRow = {
        ...ref(c, r.line),
        text: r.text,
        probability: r.probability,
        impact: r.impact,
        owner: r.owner,
        mitigation: r.mitigation,
      };
      const p = levelOf(r.probability);
      const i = impactOf(r.impact);
      if (p && i) cells[p][i].push(row);
      else unrated.push(row);
    }
  }
  return { probabilities, impacts, cells, unrated };
}

function catalog<T>(
  plans: CheckedPlan[],
  pick: (plan: Plan) => { key: string; line: number; item: T }[],
): CatalogEntry<T>[] {
  const byKey = new Map<string, CatalogEntry<T>>();
  for (const c of plans) {
    for (const { key, line, item } of pick(c.plan)) {
      if (!key) continue;
      const entry = byKey.get(key) ?? { key, items: [], plans: 0 };
      entry.items.push({ ...item, ...ref(c, line) });
      byKey.set(key, entry);
    }
  }
  const entries = [...byKey.values()];
  for (const e of entries) e.plans = new Set(e.items.map((i) => i.planId)).size;
  return entries.sort((a, b) => b.plans - a.plans || a.key.localeCompare(b.key));
}

/**
 * Where a component lives, as a folder: `services/checkout/src/`, `` `services/checkout/src` `` and
 * `services/checkout/src/cart.ts` are the same place, so plans touching it are seen together.
 */
export function normaliseLocation(location: string): string {
  const clean = location.replace(/[`*]/g, "").trim().replace(/^\.\//, "").replace(/\/+$/, "");
  const last = clean.split("/").pop() ?? "";
  return clean.includes("/") && /\.[a-z0-9]{1,5}$/i.test(last)
    ? clean.slice(0, clean.length - last.length - 1)
    : clean;
}

/** Plans mention each other by folder name (`003-checkout-flow`) or link (`../003-checkout-flow/plan.md`). */
function referenceGraph(plans: CheckedPlan[]): PortalAggregates["graph"] {
  // Folder names that are specific enough to count as a mention: numbered, or longer than a word.
  const folders = new Map<string, string>();
  for (const c of plans) {
    const f = c.plan.folder;
    if ((/^\d+[-_]/.test(f) || f.length > 6) && !folders.has(f)) folders.set(f, c.plan.id);
  }
  const edges: GraphEdge[] = [];
  // Hyphenated words of each line, looked up in the set: linear in the text, whatever the plan count.
  const WORD = /(?<![\w-])[\p{L}\p{N}_]+(?:[-_.][\p{L}\p{N}_]+)+/gu;
  for (const c of plans) {
    if (!folders.size) break;
    const hits = new Map<string, number[]>();
    c.plan.lines.forEach((text, i) => {
      if (!text.includes("-") && !text.includes("_")) return;
      for (const m of text.matchAll(WORD)) {
        const target = folders.get(m[0]) ?? folders.get(m[0].replace(/[.]+$/, ""));
        if (!target || target === c.plan.id) continue;
        const list = hits.get(target) ?? [];
        if (list[list.length - 1] !== i + 1) list.push(i + 1);
        hits.set(target, list);
      }
    });
    for (const [to, lines] of hits) edges.push({ from: c.plan.id, to, lines });
  }
  const references: Record<string, string[]> = {};
  const referencedBy: Record<string, string[]> = {};
  for (const e of edges) {
    (references[e.from] ??= []).push(e.to);
    (referencedBy[e.to] ??= []).push(e.from);
  }
  return { edges, references, referencedBy };
}

export function aggregate(plans: CheckedPlan[], today: string): PortalAggregates {
  const statusCounts = emptyStatusCounts();
  for (const c of plans) statusCounts[c.status]++;

  const questions: QuestionRow[] = [];
  const markers: MarkerRow[] = [];
  for (const c of plans) {
    for (const q of c.plan.questions) {
      if (q.resolved) continue;
      const due = parseDate(q.deadline);
      questions.push({
        ...ref(c, q.line),
        id: q.id,
        text: q.text,
        owner: q.owner.trim() || "Unassigned",
        due,
        deadline: q.deadline,
        impact: q.impact,
        overdue: due !== null && due < today,
      });
    }
    for (const m of c.plan.needsClarification) markers.push({ ...ref(c, m.line), text: m.text });
  }
  // Overdue first (oldest first), then by due date, undated last.
  questions.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.due ?? "9999").localeCompare(b.due ?? "9999") ||
      a.planId.localeCompare(b.planId),
  );
  const owners = new Map<string, QuestionRow[]>();
  for (const q of questions) owners.set(q.owner, [...(owners.get(q.owner) ?? []), q]);
  const questionsByOwner = [...owners]
    .map(([owner, list]) => ({
      owner,
      overdue: list.filter((q) => q.overdue).length,
      questions: list,
    }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.questions.length - a.questions.length ||
        a.owner.localeCompare(b.owner),
    );

  const dependencies: Record<DependencyColumn, DependencyRow[]> = {
    blocked: [],
    "in-progress": [],
    done: [],
    other: [],
  };
  for (const c of plans) {
    for (const d of c.plan.dependencies) {
      const column: DependencyColumn = dependencyStatusOf(d.status) ?? "other";
      dependencies[column].push({
        ...ref(c, d.line),
        text: d.text,
        owner: d.owner,
        due: parseDate(d.dueDate),
        dueText: d.dueDate,
        dependencyStatus: d.status,
      });
    }
  }
  for (const list of Object.values(dependencies))
    list.sort((a, b) => (a.due ?? "9999").localeCompare(b.due ?? "9999"));

  const rules = new Map<
    string,
    { ruleId: string; severity: string; count: number; plans: Set<string> }
  >();
  for (const c of plans) {
    for (const f of c.findings) {
      const entry = rules.get(f.ruleId) ?? {
        ruleId: f.ruleId,
        severity: f.severity,
        count: 0,
        plans: new Set<string>(),
      };
      entry.count++;
      entry.plans.add(c.plan.id);
      rules.set(f.ruleId, entry);
    }
  }
  const findingsByRule = [...rules.values()]
    .map((r) => ({ ...r, plans: [...r.plans] }))
    .sort((a, b) => b.count - a.count);

  const endpointConflicts = new Set<string>();
  const codeCollisions = new Set<string>();
  for (const c of plans) {
    for (const f of c.findings) {
      const name = f.ruleId === "conflicting-definition" ? f.data?.["name"] : undefined;
      if (name === undefined) continue;
      if (f.messageId === "endpoint") endpointConflicts.add(name);
      else if (f.messageId === "error-code") codeCollisions.add(name);
    }
  }

  const fields = (Object.keys(TECHNICAL_CONTEXT_LABELS) as TechnicalContextKey[]).map((key) => ({
    key,
    label: TECHNICAL_CONTEXT_LABELS[key],
  }));
  return {
    statusCounts,
    questions,
    questionsByOwner,
    markers,
    risks: riskMatrix(plans),
    dependencies,
    findingsByRule,
    components: catalog(plans, (p) =>
      p.components.map((x) => ({
        key: normaliseLocation(x.location),
        line: x.line,
        item: { name: x.name, responsibility: x.responsibility, change: x.change, phase: x.phase },
      })),
    ),
    externalDependencies: catalog(plans, (p) =>
      p.externalDependencies.map((x) => ({
        key: x.name,
        line: x.line,
        item: {
          type: x.type,
          protocol: x.protocol,
          purpose: x.purpose,
          criticality: x.criticality,
        },
      })),
    ),
    endpoints: catalog(plans, (p) =>
      p.endpoints.map((x) => ({
        key: `${x.method} ${x.path}`,
        line: x.line,
        item: {
          method: x.method,
          path: x.path,
          source: x.source,
          conflict: endpointConflicts.has(`${x.method} ${x.path}`),
        },
      })),
    ),
    entities: catalog(plans, (p) =>
      p.entities.map((x) => ({
        key: x.name,
        line: x.line,
        item: { phase: x.phase, description: x.description },
      })),
    ),
    errorCodes: catalog(plans, (p) =>
      p.errorCodes.map((x) => ({
        key: x.code,
        line: x.line,
        item: { description: x.description, collision: codeCollisions.has(x.code) },
      })),
    ),
    techStack: {
      fields,
      rows: plans.map((c) => ({
        planId: c.plan.id,
        planTitle: c.plan.title,
        status: c.status,
        values: Object.fromEntries(
          c.plan.technicalContext.map((f) => [f.key, f.state === "filled" ? f.value : ""]),
        ),
      })),
    },
    graph: referenceGraph(plans),
  };
}
