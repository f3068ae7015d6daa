import architectureDiagram from "./architecture-diagram.ts";
import brokenLink from "./broken-link.ts";
import componentTable from "./component-table.ts";
import conflictingDefinition from "./conflicting-definition.ts";
import constitutionGate from "./constitution-gate.ts";
import dependencyStatus from "./dependency-status.ts";
import duplicatePlanNumber from "./duplicate-plan-number.ts";
import duplicateRequirementId from "./duplicate-requirement-id.ts";
import duplicateTaskId from "./duplicate-task-id.ts";
import emptySection from "./empty-section.ts";
import entityDrift from "./entity-drift.ts";
import headerMetadata from "./header-metadata.ts";
import incompleteChecklist from "./incomplete-checklist.ts";
import markdownStructure from "./markdown-structure.ts";
import mermaidSyntax from "./mermaid-syntax.ts";
import missingSpec from "./missing-spec.ts";
import needsClarification from "./needs-clarification.ts";
import openQuestionFields from "./open-question-fields.ts";
import phantomCompletion from "./phantom-completion.ts";
import overdueQuestion from "./overdue-question.ts";
import placeholder from "./placeholder.ts";
import planReadable from "./plan-readable.ts";
import requiredSection from "./required-section.ts";
import riskFields from "./risk-fields.ts";
import specNeedsClarification from "./spec-needs-clarification.ts";
import stalePlan from "./stale-plan.ts";
import storyWithoutTask from "./story-without-task.ts";
import technicalContext from "./technical-context.ts";
import uncoveredRequirement from "./uncovered-requirement.ts";
import vagueRequirement from "./vague-requirement.ts";
import unknownReference from "./unknown-reference.ts";
import unknownRuleInDisable from "./unknown-rule-in-disable.ts";
import unusedDisable from "./unused-disable.ts";
import type { PlanRule, PortalRule, Rule } from "../types.ts";

/**
 * Every plan rule, in the order they run. Each has a doc page at `ruleDocPath(id)`, whose first
 * paragraph is the rule's description (test/rule-docs.test.ts holds them together). The two
 * disable-comment rules come last: `unused-disable` reads what every rule before it silenced.
 */
export const planRules: PlanRule[] = [
  planReadable,
  markdownStructure,
  requiredSection,
  emptySection,
  placeholder,
  needsClarification,
  technicalContext,
  headerMetadata,
  architectureDiagram,
  mermaidSyntax,
  componentTable,
  openQuestionFields,
  overdueQuestion,
  riskFields,
  dependencyStatus,
  brokenLink,
  missingSpec,
  constitutionGate,
  uncoveredRequirement,
  unknownReference,
  duplicateRequirementId,
  duplicateTaskId,
  storyWithoutTask,
  incompleteChecklist,
  specNeedsClarification,
  phantomCompletion,
  entityDrift,
  vagueRequirement,
  stalePlan,
  unknownRuleInDisable,
  unusedDisable,
];

export const portalRules: PortalRule[] = [duplicatePlanNumber, conflictingDefinition];

export const allRules: Rule[] = [...planRules, ...portalRules];

/**
 * A rule's doc page, relative to the plan-portal package root (the package ships `docs/`), e.g.
 * for SARIF `helpUri`: `new URL(ruleDocPath(id), packageBaseUrl)`.
 */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
