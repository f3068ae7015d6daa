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

/** Which repository a plan comes from (see `Plan.repository`). */
export interface PlanRepository {
  name: string;
  /** plan.md's path inside the repository, with `/`. */
  path: string;
  /** The source's `editUrl`: the page that edits a file of the repository, the path appended. */
  editUrl?: string;
}

export interface Plan {
  /** Unique id: the folder name, or its path below the root when two plans share a folder name. */
  id: string;
  /** Folder name (`003-checkout-flow`). */
  folder: string;
  /**
   * The repository the plan comes from, when the portal spans several (`sources`): its name, and
   * plan.md's path inside it (for edit links). Absent for a portal over plain specs folders.
   */
  repository?: PlanRepository;
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
  /** spec.md, tasks.md and checklists/*.md of the plan's folder, parsed (positions in each file). */
  feature: FeatureDocs;
  /** Number of lines in plan.md. */
  lineCount: number;
  /** The plan's lines, for rules that read prose directly (not part of any JSON output). */
  lines: string[];
}

/*
 * The feature's other documents (issue 17): spec.md, tasks.md and checklists/*.md, parsed beside
 * plan.md and hung on `Plan.feature`. Positions are 1-based lines/columns in *that* file (`path`
 * names it), never in plan.md. Each model is absent (null / empty) when its file is.
 */

export type RequirementKind = "FR" | "NFR" | "SC";

/** A requirement id where a spec defines it: `- **FR-001**: System MUST …`, `| SC-002 | … |`. */
export interface Requirement extends Located {
  /** As written (`FR-001`, `FR-012a`). */
  id: string;
  /** Canonical key (`FR-1`, `FR-12a`): what references are matched by. */
  key: string;
  kind: RequirementKind;
  /** Plain text of the definition's first line, the id and its `**…**:` removed. */
  text: string;
}

/** An id cited in prose (a task, a plan line): what coverage and unknown-id checks read. */
export interface RequirementRef extends Located {
  id: string;
  key: string;
  kind: RequirementKind;
  /** Named only by a range (`FR-001 through FR-005` names FR-002 … FR-004 this way). */
  range?: true;
  /** Cited as another feature's (`FR-011 of 003 spec`): not this spec's to define. */
  foreign?: true;
}

/** `### User Story 2 - Title (Priority: P1)`. */
export interface UserStory extends Located {
  /** The number as written (`2`, `1B`). */
  number: string;
  /** Canonical label tasks use: `US2`, `US1b` (see requirement-ids.ts `storyKey`). */
  key: string;
  title: string;
  /** `P1` …, or null when the heading gives none. */
  priority: string | null;
  /** Each acceptance scenario (numbered Given/When/Then item) under the story. */
  acceptance: Located[];
  endLine: number;
}

/** A named item of a list (`- **Order**: what it is`): key entities. */
export interface NamedItem extends Located {
  name: string;
  description: string;
}

export interface TextItem extends Located {
  text: string;
}

/** `- Q: … → A: …` under `### Session YYYY-MM-DD` in `## Clarifications`. */
export interface ClarificationEntry extends Located {
  question: string;
  /** Empty when the entry has no `→ A:` (an open question). */
  answer: string;
}

export interface ClarificationSession extends Located {
  /** YYYY-MM-DD from the heading, or "" when the heading has no date. */
  date: string;
  title: string;
  entries: ClarificationEntry[];
}

export interface Spec {
  /** spec.md's path, relative to the current directory, with `/`. */
  path: string;
  title: string;
  stories: UserStory[];
  /** Every definition in order; a repeated id appears twice (duplicate-requirement-id reads it). */
  requirements: Requirement[];
  entities: NamedItem[];
  edgeCases: TextItem[];
  clarifications: ClarificationSession[];
  needsClarification: Marker[];
  /** Disable comments in spec.md: they silence findings on spec.md's lines only. */
  disables: DisableComment[];
  /** spec.md's lines, for rules that read a definition's wording (not in any JSON output). */
  lines: string[];
  lineCount: number;
}

export interface Task extends Located {
  /** `T001`, `T012a`; null for a checkbox item without an id. */
  id: string | null;
  done: boolean;
  /** `- [-] T051 …`: marked skipped or deferred (not done, not open work either). */
  skipped: boolean;
  /** `[P]`: may run in parallel. */
  parallel: boolean;
  /** Story labels in the task's brackets (`[US1]`), canonical (`US1`), each where written. */
  stories: (Located & { label: string; key: string })[];
  /** Requirement ids the task's text cites (ranges expanded). */
  requirements: RequirementRef[];
  /** File paths the task names (code spans or bare `src/x/y.ts`), as written. */
  paths: (Located & { path: string })[];
  /** Plain text of the task after its id and tags. */
  text: string;
  /** The phase heading the task sits under (level 2, or the nearest heading), or null. */
  phase: (Located & { title: string }) | null;
  endLine: number;
}

export interface TaskList {
  path: string;
  tasks: Task[];
  /** Requirement ids cited anywhere in tasks.md (tasks, headings, notes). */
  references: RequirementRef[];
  /**
   * Feature folders the text before the first task says the tasks cover the spec or stories of
   * (`Tasks are grouped by 001-core user story`): their ids are that spec's, not this one's.
   */
  coversFeatures: string[];
  /** Disable comments in tasks.md: they silence findings on tasks.md's lines only. */
  disables: DisableComment[];
  lineCount: number;
}

export interface ChecklistItem extends TextItem {
  done: boolean;
}

export interface Checklist {
  /** File name without `.md` (`requirements`, `ux`). */
  name: string;
  path: string;
  items: ChecklistItem[];
  disables: DisableComment[];
  lineCount: number;
}

/** data-model.md: the entities it defines (headings and bold items), each where it is named. */
export interface DataModel {
  path: string;
  entities: NamedItem[];
  /** The whole text, for rules asking whether a name is mentioned at all (not in any JSON output). */
  text: string;
  disables: DisableComment[];
  lineCount: number;
}

/** What the feature folder holds beside plan.md, parsed; see the comment above `RequirementKind`. */
export interface FeatureDocs {
  spec: Spec | null;
  tasks: TaskList | null;
  checklists: Checklist[];
  dataModel: DataModel | null;
}
