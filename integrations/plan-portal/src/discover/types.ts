/** What discover/load hands to parse: a plan file's identity, text and what lies beside it. */

/** Something found while walking that is not a plan but deserves a message (never silent). */
export interface DiscoveryNotice {
  /**
   * The error catalogue entry's name (src/errors.ts), e.g. `PlanPortalSymlinkLoop`: what was
   * found, as data. Every notice plan-portal's stages make has one; optional only for notices
   * made elsewhere (the CLI's docs walk).
   */
  code?: string;
  path: string;
  message: string;
  hint: string;
}

export interface ReadProblem {
  /** The catalogue entry's name (src/errors.ts), e.g. `PlanPortalPlanEmpty`; see DiscoveryNotice. */
  code?: string;
  /** What went wrong reading the file (shown as an error finding). */
  message: string;
  hint: string;
  line: number;
  column: number;
}

/** Which sibling documents the plan's folder holds. */
export interface Siblings {
  spec: boolean;
  tasks: boolean;
  research: boolean;
  dataModel: boolean;
  quickstart: boolean;
  contracts: boolean;
}

/** What the load stage hands to the parser: identity, text (null when unreadable) and siblings. */
export interface PlanSource {
  id: string;
  folder: string;
  number: number | null;
  path: string;
  group: string;
  text: string | null;
  problems: ReadProblem[];
  siblings: Siblings;
  tasksText: string | null;
  /** spec.md's text: the title's fallback when plan.md's H1 is still the template's. */
  specText?: string | null;
  /** `checklists/*.md` beside the plan, by name (file name without `.md`), sorted; readable ones only. */
  checklistTexts?: { name: string; text: string }[];
  /** data-model.md's text, when the folder has a readable one. */
  dataModelText?: string | null;
}
