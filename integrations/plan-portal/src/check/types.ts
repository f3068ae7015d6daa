import type { PlanHistory } from "../history/types.ts";
import type { Plan } from "../parse/types.ts";
import type { TemplateName, TemplateProfile } from "../template/profile.ts";
import type { Severity, SeveritySetting } from "../vocabulary.ts";
import type { DisableUsage } from "./disables.ts";

export type { Severity, SeveritySetting } from "../vocabulary.ts";

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  hint?: string;
  /**
   * The file the finding is in when it is not plan.md (`specs/003-x/spec.md`, `…/tasks.md`,
   * `…/checklists/ux.md`), relative to the current directory with `/`; line and column are in it.
   * Added in JSON v1 (additive). plan.md's disable comments never silence such a finding.
   */
  file?: string;
  /**
   * What was found, as data (ESLint's `messageId` + `data`): whoever needs to know *what* reads
   * these, never the sentence. Rules document their own keys.
   */
  messageId?: string;
  data?: Record<string, string>;
}

/** What a rule reports; the engine adds the rule id and the configured severity. */
export type Report = Omit<Finding, "ruleId" | "severity">;

export interface PlanContext {
  plan: Plan;
  template: TemplateName;
  profile: TemplateProfile;
  /** "Today" as YYYY-MM-DD, for overdue checks (an option, so builds are reproducible). */
  today: string;
  /** Whether a path relative to the plan's folder exists (injected so rules stay pure). */
  exists: (relativeToPlanFolder: string) => boolean;
  /**
   * Whether a path a task names exists in the plan's repository: relative to the repository root
   * (the nearest folder above the plan holding `.git`) or to the folder holding the specs root.
   * Injected like `exists`; always false when the caller gives no file system (unit tests).
   */
  existsInRepository: (relativeToRepository: string) => boolean;
  /** Every rule id with its effective severity (what a disable comment may name). */
  rules: ReadonlyMap<string, SeveritySetting>;
  /**
   * What the plan's disable comments have silenced so far. Rules run in registry order, so it is
   * complete for every rule listed before the one reading it (`unused-disable` comes last).
   */
  disables: DisableUsage;
  /** What git says about the plan (issue 20); null when history is not read or not available. */
  history: PlanHistory | null;
  /** Days without a change after which a plan with unfinished tasks is stale (`stale-plan`). */
  staleDays: number;
}

interface RuleBase {
  /** Stable kebab-case id, used in options, disable comments and output. */
  id: string;
  description: string;
  severity: Severity;
}

/**
 * What a plan rule reads. `"text"` (the default): plan.md's text and what was parsed from it, so
 * the rule is skipped, and not scored, on a plan whose file could not be read (it has no text).
 * `"file"`: how reading the file went (`plan.problems`), so the rule runs on every plan — it is
 * the one that says why a plan could not be read.
 */
export type RuleInput = "text" | "file";

export interface PlanRule extends RuleBase {
  /**
   * `"feature"`: the rule reads the feature's other documents (`plan.feature`: spec.md, tasks.md,
   * checklists) and reports in them (`file` set); it runs once per plan like a plan rule.
   */
  scope?: "plan" | "feature";
  reads?: RuleInput;
  /** Whether the rule runs (and counts for the score) on this plan; defaults to always. */
  applies?: (ctx: PlanContext) => boolean;
  check: (ctx: PlanContext, report: (r: Report) => void) => void;
}

/**
 * What a portal rule reads of each plan: small enough to travel from a check worker (the
 * projection, see check/projection.ts) for thousands of plans.
 */
export type PortalFacts = Pick<
  Plan,
  "id" | "folder" | "number" | "path" | "errorCodes" | "endpoints"
>;

export interface PortalRule extends RuleBase {
  scope: "portal";
  check: <P extends PortalFacts>(plans: P[], report: (plan: P, r: Report) => void) => void;
}

export type Rule = PlanRule | PortalRule;
