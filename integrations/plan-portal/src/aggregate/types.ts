import type { TechnicalContextKey } from "../parse/types.ts";
import type { DependencyStatus, ImpactLevel, Level, PlanStatus } from "../vocabulary.ts";

/** A pointer into one plan: which plan, and the section (heading anchor) and line to land on. */
export interface PlanRef {
  planId: string;
  planTitle: string;
  status: PlanStatus;
  /** Slug of the innermost section holding the item ("" when it sits above the first heading). */
  section: string;
  line: number;
  /** The plan's repository, when the portal is built from `sources`. */
  repository?: string;
}

export interface QuestionRow extends PlanRef {
  id: string;
  text: string;
  owner: string;
  /** YYYY-MM-DD when the deadline parses. */
  due: string | null;
  deadline: string;
  impact: string;
  overdue: boolean;
  /** When the question's line was written and how many days it has been open (with history). */
  opened?: OpenedAt;
}

/** From the plan's git history: the day an open item's line was written, and its age in days. */
export interface OpenedAt {
  date: string;
  days: number;
}

export interface MarkerRow extends PlanRef {
  text: string;
  opened?: OpenedAt;
}

/** A NEEDS CLARIFICATION marker the plan records as decided: shown as resolved, not dropped. */
export interface ResolvedMarkerRow extends MarkerRow {
  how: "struck" | "annotated" | "recorded";
  /** The line that decides it (the marker's own line when struck through or annotated). */
  resolution: string;
  resolutionLine: number;
}

export interface RiskRow extends PlanRef {
  text: string;
  probability: string;
  impact: string;
  owner: string;
  mitigation: string;
}

export type { ImpactLevel, Level } from "../vocabulary.ts";

export interface RiskMatrix {
  probabilities: Level[];
  impacts: ImpactLevel[];
  /** cells[probability][impact] */
  cells: Record<Level, Record<ImpactLevel, RiskRow[]>>;
  /** Risks whose probability or impact is not on the scale. */
  unrated: RiskRow[];
}

export interface DependencyRow extends PlanRef {
  /** The dependency's own status as written (In Progress, Blocked, Done …). */
  text: string;
  owner: string;
  due: string | null;
  dueText: string;
  dependencyStatus: string;
  /** Past its due date and not done. */
  overdue: boolean;
  /**
   * The plan this dependency waits on, when its line names one (`shop:003-checkout-flow`, or a
   * plan of the same repository): the reference graph's resolution, so the board links across
   * repositories as the plan graph does.
   */
  waitsOn?: Omit<PlanRef, "section" | "line">;
}

/** A column of the blockers board: one per dependency status, plus statuses off the vocabulary. */
export type DependencyColumn = DependencyStatus | "other";

export interface CatalogEntry<T> {
  key: string;
  items: (T & PlanRef)[];
  /** Number of distinct plans that touch this entry. */
  plans: number;
}

export interface TechStackRow {
  planId: string;
  planTitle: string;
  status: PlanStatus;
  values: Record<string, string>;
  /** Fields whose value still has a NEEDS CLARIFICATION marker (its words are in `values`). */
  unresolved: string[];
}

export interface GraphEdge {
  from: string;
  to: string;
  /** Lines in `from` where it mentions `to`. */
  lines: number[];
  /**
   * Whether `from` states that it depends on `to` (a "depends on" clause, a dependency entry or
   * section, front matter `related:`), not only names it in passing.
   */
  dependency: boolean;
}

/** Findings of one rule across the portal. */
export interface RuleTally {
  ruleId: string;
  severity: string;
  count: number;
  /** Ids of the plans it reports on. */
  plans: string[];
}

/** One repository of a portal built from several (`sources`), with its number of plans. */
export interface RepositoryTally {
  name: string;
  plans: number;
}

/** Everything the dashboards show, computed once from the checked plans (pure). */
export interface PortalAggregates {
  statusCounts: Record<PlanStatus, number>;
  /**
   * The repositories the plans come from, when there are two or more: dashboards then name each
   * row's repository. Empty for a portal of one repository, which shows none.
   */
  repositories: RepositoryTally[];
  questions: QuestionRow[];
  /** Open questions grouped by owner; owners with overdue questions first. */
  questionsByOwner: { owner: string; overdue: number; questions: QuestionRow[] }[];
  markers: MarkerRow[];
  resolvedMarkers: ResolvedMarkerRow[];
  risks: RiskMatrix;
  dependencies: Record<DependencyColumn, DependencyRow[]>;
  findingsByRule: RuleTally[];
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
    /** Every mention of one plan by another; `dependency` marks the stated dependencies. */
    edges: GraphEdge[];
    referencedBy: Record<string, string[]>;
    references: Record<string, string[]>;
    /** The plans each plan states it depends on, and the plans that state they depend on it. */
    dependsOn: Record<string, string[]>;
    neededBy: Record<string, string[]>;
  };
}
