import { describeError, type ErrorData } from "../errors.ts";
import { didYouMean } from "../util/suggest.ts";

/**
 * What a tool answers when it cannot: an MCP tool error (`isError: true`) whose text says what
 * happened and what to send instead, so the agent can correct its own call.
 */
export class ToolError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = "PlanPortalToolError";
    this.hint = hint;
  }
}

export function toolError<E extends ErrorData>(
  entry: E,
  ...details: Parameters<E["message"]>
): ToolError {
  const { message, hint } = describeError(entry, ...details);
  return new ToolError(message, hint);
}

/** How many ids an error lists before it says how many more there are. */
const LISTED = 30;

function listIds(ids: readonly string[]): string {
  if (ids.length === 0) return "none: the specs folders hold no plan.md";
  const shown = ids.slice(0, LISTED).join(", ");
  return ids.length > LISTED ? `${shown} … and ${ids.length - LISTED} more` : shown;
}

export const UnknownPlanId = {
  name: "PlanPortalMcpUnknownPlan",
  title: "No plan with this id.",
  kind: "usage",
  message: (id: string, ids: readonly string[]) => {
    const guess = didYouMean(id, ids);
    return `No plan has the id "${id}".${guess ? ` Did you mean "${guess}"?` : ""}`;
  },
  hint: (_id: string, ids: readonly string[]) =>
    `Plan ids are the plan folders' names (list_features lists them). Known ids: ${listIds(ids)}.`,
} satisfies ErrorData;

export const UnknownRuleId = {
  name: "PlanPortalMcpUnknownRule",
  title: "No rule with this id.",
  kind: "usage",
  message: (id: string, ids: readonly string[]) => {
    const guess = didYouMean(id, ids);
    return `No rule has the id "${id}".${guess ? ` Did you mean "${guess}"?` : ""}`;
  },
  hint: (_id: string, ids: readonly string[]) => `Rule ids: ${ids.join(", ")}.`,
} satisfies ErrorData;

export const NotARequirementId = {
  name: "PlanPortalMcpNotARequirementId",
  title: "Not a requirement id.",
  kind: "usage",
  message: (id: string) => `"${id}" is not a requirement id.`,
  hint: "Send one id as spec.md writes it: FR-001, NFR-002, SC-003 (a sub-item such as FR-012a works too).",
} satisfies ErrorData;

export const CursorInvalid = {
  name: "PlanPortalMcpCursorInvalid",
  title: "Cursor not recognised.",
  kind: "usage",
  message: (cursor: string) => `The cursor "${cursor}" is not one this tool gave out.`,
  hint: "Pass the nextCursor of the previous answer unchanged, or leave cursor out to start from the first item.",
} satisfies ErrorData;
