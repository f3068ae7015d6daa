import type { ReadProblem, Siblings } from "../discover/types.ts";

export type { ReadProblem, Siblings } from "../discover/types.ts";

/** The typed plan model that `parsePlan` recovers from one plan.md (see DESIGN.md "The plan model"). */

export interface Located {
  /** 1-based line in plan.md. */
  line: number;
  /** 1-based column in plan.md. */
  column: number;
}

/** A labelled value such as `**Branch**: \`003-checkout\``. */
export interface Field extends Located {
  label: string;
  /** Plain text of the value (markdown emphasis and code ticks removed). */
  value: string;
  /** The value as written. */
  raw: string;
}

export type SectionKind =
  | "summary"
  | "technical-context"
  | "constitution-check"
  | "project-structure"
  | "complexity-tracking"
  | "architecture"
  | "component-diagram"
  | "architecture-pattern"
  | "component-responsibilities"
  | "cross-cutting"
  | "error-handling"
  | "security"
  | "observability"
  | "caching"
  | "resilience"
  | "api-design"
  | "configuration"
  | "data-architecture"
  | "data-model"
  | "database-schema"
  | "data-flow"
  | "integration-architecture"
  | "external-dependencies"
  | "failure-handling"
  | "api-contracts"
  | "migration-rollout"
  | "risk-assessment"
  | "risks"
  | "assumptions"
  | "dependencies-blockers"
  | "open-questions"
  | "other";

export interface Section extends Located {
  /** Heading text, plain. */
  title: string;
  /** GitHub-style slug, unique within the plan (used for anchors). */
  slug: string;
  level: number;
  kind: SectionKind;
  /** Last line belonging to the section (before the next heading of the same or higher level). */
  endLine: number;
  /** Index of the enclosing section in `Plan.sections`, or -1. */
  parent: number;
  /** Lines of prose/table/list content directly in this section (not sub-sections), for emptiness checks. */
  contentLines: number;
}

export type ValueState = "filled" | "placeholder" | "needs-clarification" | "empty";

export interface TechnicalContextField extends Field {
  /** Canonical key: language, dependencies, storage, testing, platform, projectType, performance, constraints, scale. */
  key: TechnicalContextKey;
  /**
   * `filled` when the value says something, even beside a NEEDS CLARIFICATION marker (then
   * `value` is the rest and `clarification` holds the markers).
   */
  state: ValueState;
  /** NEEDS CLARIFICATION markers inside the value, as written. */
  clarification?: string[];
  /**
   * Present when the plan gives the field per tier (`**Backend**:` / `**Frontend**:` sub-blocks or
   * sub-headings); `value` then reads "Backend: …; Frontend: …".
   */
  tiers?: (Located & { tier: string; value: string })[];
}

export type TechnicalContextKey =
  | "language"
  | "dependencies"
  | "storage"
  | "testing"
  | "platform"
  | "projectType"
  | "performance"
  | "constraints"
  | "scale";

export interface Gate extends Located {
  text: string;
  state: "pass" | "fail" | "unknown";
}

export interface TableRow extends Located {
  /** Cells by normalised header name (lower-case, spaces collapsed). */
  cells: Record<string, string>;
  /** Column of each cell by the same keys. */
  columns: Record<string, number>;
}

export interface Component extends Located {
  /** Column of the Phase cell (`column` is the Location cell's). */
  phaseColumn: number;
  name: string;
  responsibility: string;
  change: string;
  phase: string;
  location: string;
}

export interface ErrorCode extends Located {
  code: string;
  description: string;
}

export interface Entity extends Located {
  name: string;
  phase: string;
  description: string;
}

export interface ExternalDependency extends Located {
  name: string;
  type: string;
  protocol: string;
  purpose: string;
  criticality: string;
}

export interface Endpoint extends Located {
  method: string;
  path: string;
  /** Normalised text of the contract under the endpoint heading, to compare definitions across plans. */
  contract: string;
  /** Where it was found: a contract heading or endpoint table defines it, inline text only mentions it. */
  source: "heading" | "table" | "inline";
}

export interface Risk extends Located {
  text: string;
  probability: string;
  impact: string;
  owner: string;
  mitigation: string;
  /** The risk's table has a Probability/Likelihood column (the template's shape), so it can be rated. */
  rated: boolean;
  /** Column of the probability and impact cells, for precise findings. */
  probabilityColumn: number;
  impactColumn: number;
}

export interface Dependency extends Located {
  text: string;
  owner: string;
  dueDate: string;
  status: string;
  statusColumn: number;
}

export interface Question extends Located {
  id: string;
  text: string;
  owner: string;
  deadline: string;
  impact: string;
  resolved: boolean;
}

/** mermaid's verdict on a diagram; line and column are 1-based inside the diagram source. */
export type DiagramValidation =
  { ok: true } | { ok: false; message: string; line: number; column: number };

export interface Diagram extends Located {
  /** First keyword of the diagram (`graph`, `flowchart`, `erDiagram`, `sequenceDiagram` …). */
  kind: string;
  source: string;
  /** Line of the first source line (after the opening fence). */
  sourceLine: number;
  sourceColumn: number;
  /** Slug of the section the diagram sits in. */
  section: string;
  closed: boolean;
  /** Set by the validation stage (mermaid's own parser); absent when it could not run. */
  validation?: DiagramValidation;
}

export interface Marker extends Located {
  /** The marker as written, e.g. `[NEEDS CLARIFICATION: which carrier?]` or `[e.g., Python 3.12]`. */
  text: string;
  /** Short kind for placeholders (`e.g.`, `angle`, `bracket`, `remove-if-unused`, `option-label`, `example-diagram`, `action-required`, `braces`). */
  kind?: string;
}

/** A NEEDS CLARIFICATION marker the plan itself records as decided (see parse/clarifications.ts). */
export interface ResolvedMarker extends Marker {
  /**
   * How the plan says so, and where: struck through (`~~…~~`), annotated after it on its line
   * (`→ Resolved: …`, `✅`), or recorded by a Clarifications/Decisions line quoting its question.
   */
  resolution: Located & { how: "struck" | "annotated" | "recorded"; text: string };
}

export interface Link extends Located {
  text: string;
  url: string;
}

export interface TasksProgress {
  done: number;
  total: number;
}

export interface StructuralIssue extends Located {
  kind: "unclosed-fence" | "unclosed-comment" | "merge-conflict" | "invalid-frontmatter";
  message: string;
}

/** `<!-- plan-portal-disable-next-line rule-a rule-b -->`, at the comment's `<!--`. */
export interface DisableComment extends Located {
  /** The line it silences: the next non-blank line after the comment (may be past the end). */
  target: number;
  /** Rule ids as written, each where it stands in the comment; empty: every rule. */
  rules: (Located & { id: string })[];
}

export interface Plan {
  /** Unique id: the folder name, or its path below the root when two plans share a folder name. */
  id: string;
  /** Folder name (`003-checkout-flow`). */
  folder: string;
  /** Numeric prefix of the folder name, if any. */
  number: number | null;
  /** Path of plan.md as given to the parser (relative to the current directory, with `/`). */
  path: string;
  /** Folder holding the plan's folder, relative to its root; plans share numbers only within one. */
  group: string;
  title: string;
  /** Where the title came from: the H1, front matter, an escaped `\\#` line, spec.md's H1, or the folder. */
  titleSource: "h1" | "frontmatter" | "escaped-h1" | "spec" | "folder";
  header: {
    branch?: Field;
    date?: Field;
    spec?: Field;
    input?: Field;
    status?: Field;
  };
  /** Line of the H1 (or 1), where header findings point when a field is missing. */
  headerLine: number;
  frontmatter: Record<string, unknown> | null;
  sections: Section[];
  technicalContext: TechnicalContextField[];
  gates: Gate[];
  complexity: TableRow[];
  architecturePattern: Field | null;
  components: Component[];
  errorCodes: ErrorCode[];
  entities: Entity[];
  externalDependencies: ExternalDependency[];
  endpoints: Endpoint[];
  risks: Risk[];
  assumptions: TableRow[];
  dependencies: Dependency[];
  questions: Question[];
  diagrams: Diagram[];
  /** NEEDS CLARIFICATION markers still open (what the rule reports and the status counts). */
  needsClarification: Marker[];
  /** Markers the plan records as decided: kept, shown as resolved, never reported. */
  resolvedClarifications: ResolvedMarker[];
  placeholders: Marker[];
  links: Link[];
  /** `<!-- plan-portal-disable-next-line rule -->` comments, in order; the check stage applies them. */
  disables: DisableComment[];
  structure: StructuralIssue[];
  problems: ReadProblem[];
  siblings: Siblings;
  progress: TasksProgress | null;
  /** Number of lines in plan.md. */
  lineCount: number;
  /** The plan's lines, for rules that read prose directly (not part of any JSON output). */
  lines: string[];
}
