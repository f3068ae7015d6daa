/** What discover/load hands to parse: a plan file's identity, text and what lies beside it. */

export interface ReadProblem {
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
}
