import {
  checkPlans,
  type CheckedPlan,
  type CheckSettings,
  type Finding,
} from "../../src/check/index.ts";
import { parsePlan, type PlanSource } from "../../src/parse/index.ts";
import type { Plan, Siblings } from "../../src/parse/types.ts";
import { bundledProfiles } from "../../src/template/profile.ts";
import type { PlanStatus } from "../../src/vocabulary.ts";

/** Hand-made plans for unit tests: plan.md text in, the parsed plan out, as the pipeline parses it. */

export const TODAY = "2026-11-25";

const SIBLINGS: Siblings = {
  spec: true,
  tasks: false,
  research: false,
  dataModel: false,
  quickstart: false,
  contracts: false,
};

export interface PlanInput {
  /** Plan folder name, e.g. `001-export`; the number is its numeric prefix. */
  folder: string;
  text: string | null;
  siblings?: Partial<Siblings>;
  problems?: PlanSource["problems"];
}

export function plan({ folder, text, siblings, problems }: PlanInput): Plan {
  const number = /^(\d+)/.exec(folder)?.[1];
  return parsePlan(
    {
      id: folder,
      folder,
      number: number === undefined ? null : Number(number),
      path: `specs/${folder}/plan.md`,
      group: "specs",
      text,
      problems: problems ?? [],
      siblings: { ...SIBLINGS, ...siblings },
      tasksText: null,
    },
    { templatePhrases: bundledProfiles().extended.phrases },
  );
}

/** A checked plan with the status and findings a test names (for stages after check). */
export function checked(p: Plan, status: PlanStatus, findings: Finding[] = []): CheckedPlan {
  return { plan: p, template: "spec-kit", findings, score: 100, status };
}

/** checkPlans with "today" fixed, no repository template, and every linked file present unless named. */
export function check(
  plans: Plan[],
  options: { severities?: CheckSettings["severities"]; missing?: string[] } = {},
): CheckedPlan[] {
  const missing = new Set(options.missing ?? []);
  return checkPlans(plans, {
    severities: options.severities ?? {},
    today: TODAY,
    repositoryProfile: null,
    exists: (_plan, relative) => !missing.has(relative),
  });
}

/** Lines joined with "\n": keeps line numbers countable in the test source. */
export const lines = (...text: string[]): string => text.join("\n") + "\n";
