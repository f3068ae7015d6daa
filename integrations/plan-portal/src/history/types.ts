/** What git says about each plan (issue 20): read by the history stage, between parse and check. */
import type { PlanChange } from "./diff.ts";

export type { PlanChange } from "./diff.ts";

export interface HistoryCommit {
  /** Full commit hash. */
  hash: string;
  /** Committer date, ISO 8601 with offset as git prints it (`%cI`). */
  date: string;
  author: string;
  subject: string;
}

/** When one line of plan.md or spec.md was last written (its `git blame`). */
export interface LineOrigin {
  /** The file, relative to the current directory with `/` (as `Plan.path`). */
  file: string;
  line: number;
  /** The commit that wrote the line; null when the line is not committed yet. */
  commit: string | null;
  /** YYYY-MM-DD (UTC) of that commit's author date, or today for an uncommitted line. */
  date: string;
  /** Whole days from `date` to today. */
  ageDays: number;
}

export interface QuestionAge extends LineOrigin {
  /** The question's id (`Q1`), or the marker's text for a NEEDS CLARIFICATION marker. */
  id: string;
  kind: "question" | "marker";
}

export interface PlanHistory {
  /** Commits that touched the plan's feature folder, newest first (renames of the folder followed). */
  commits: HistoryCommit[];
  /** YYYY-MM-DD of the oldest and newest of `commits`; null when the folder is not committed. */
  firstChange: string | null;
  lastChange: string | null;
  /** Open questions and NEEDS CLARIFICATION markers (plan.md and spec.md): when each was written. */
  open: QuestionAge[];
  /**
   * Resolved questions and markers: `date` is when the line that records the answer was last
   * written (the question marked resolved, the marker struck or annotated) — the answer's date
   * as far as one blame can tell.
   */
  answered: QuestionAge[];
  /**
   * The newest commit after `lastChange` that changed a code path the plan's tasks or component
   * table name, with that path; null when none did (or the plan names none).
   */
  codeChangedAfter: { path: string; commit: string; date: string } | null;
  /**
   * What each of the newest commits (up to 30) changed in the plan's model, newest first; empty
   * when the plan was not parsed at older revisions (history read without a parser).
   */
  changelog: ChangelogEntry[];
}

/** One commit of a plan and what it changed: sections, questions, markers, risks, requirements, status. */
export interface ChangelogEntry extends HistoryCommit {
  change: PlanChange;
}

/** Why a portal has no history: the notice's catalogue entry says which. */
export type NoHistoryReason = "no-git" | "not-a-repository" | "shallow";
