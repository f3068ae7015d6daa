import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { allRules } from "../check/rules/index.ts";
import { PlanPortalError } from "../errors.ts";
import { PLAN_STATUSES, SEVERITIES } from "../vocabulary.ts";
import { toolError, ToolError, UnknownRuleId } from "./errors.ts";
import {
  featureRow,
  findingRows,
  markdownWindow,
  planById,
  planSummary,
  questionRows,
} from "./facts.ts";
import { MAX_LIMIT, page } from "./paging.ts";
import { searchPlans } from "./search.ts";
import type { Snapshot } from "./snapshot.ts";
import { traceRequirement } from "./trace.ts";

/** Where the tools read the plans from: `PlanSnapshots`, or a fixed snapshot in tests. */
export interface SnapshotSource {
  current(): Promise<Snapshot>;
}

/** Every tool only reads plans, and reads nothing outside the specs folders. */
const READ_ONLY = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const;

const paging = {
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .describe(`Items per page (default 20, at most ${MAX_LIMIT}).`),
  cursor: z
    .string()
    .optional()
    .describe("The nextCursor of the previous answer, to read the next page."),
};

const planId = z
  .string()
  .min(1)
  .describe("A plan id as list_features gives it (the plan folder's name).");

/** A tool's answer: compact JSON as text, or the error's what-and-what-to-do as a tool error. */
async function respond(work: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return { content: [{ type: "text", text: JSON.stringify(await work()) }] };
  } catch (error) {
    if (error instanceof ToolError || error instanceof PlanPortalError) {
      return {
        isError: true,
        content: [{ type: "text", text: `${error.message}\nHint: ${error.hint}` }],
      };
    }
    throw error;
  }
}

function registerListFeatures(server: McpServer, source: SnapshotSource): void {
  server.registerTool(
    "list_features",
    {
      title: "List features",
      description:
        "Every feature plan (specs/*/plan.md) with its derived status, score, task progress, open questions, error and warning counts, and coverage (spec requirements and stories traced by tasks). Start here to find plan ids.",
      inputSchema: {
        status: z.enum(PLAN_STATUSES).optional().describe("Only plans with this derived status."),
        ...paging,
      },
      annotations: READ_ONLY,
    },
    ({ status, limit, cursor }) =>
      respond(async () => {
        const { plans, notices } = await source.current();
        const rows = plans
          .map(featureRow)
          .filter((r) => status === undefined || r.status === status);
        const notes = notices
          .slice(0, 10)
          .map((n) => ({ path: n.path, message: n.message, hint: n.hint }));
        return { ...page(rows, { limit, cursor }), notices: notes, noticeCount: notices.length };
      }),
  );
}

function registerGetPlan(server: McpServer, source: SnapshotSource): void {
  server.registerTool(
    "get_plan",
    {
      title: "Get a plan",
      description:
        "One plan: its model (status, sections, technical context, open questions, risks, dependencies, feature documents, coverage, finding counts) and plan.md's markdown, a window of lines at a time.",
      inputSchema: {
        id: planId,
        fromLine: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("First line of markdown to return (default 1)."),
        maxLines: z
          .number()
          .int()
          .min(0)
          .max(2000)
          .optional()
          .describe("How many lines of markdown (default 300; 0 for the model alone)."),
      },
      annotations: READ_ONLY,
    },
    ({ id, fromLine, maxLines }) =>
      respond(async () => {
        const { plans, today } = await source.current();
        const c = planById(plans, id);
        return {
          ...planSummary(c, today),
          markdown: markdownWindow(c, fromLine ?? 1, maxLines ?? 300),
        };
      }),
  );
}

function registerOpenQuestions(server: McpServer, source: SnapshotSource): void {
  server.registerTool(
    "open_questions",
    {
      title: "Open questions",
      description:
        "Open questions of the plans (the Open Questions tables), overdue first, each with owner, deadline, impact and where it is (plan, section, line).",
      inputSchema: {
        owner: z
          .string()
          .optional()
          .describe("Only questions whose owner contains this text (any case)."),
        overdue: z
          .boolean()
          .optional()
          .describe("true: only overdue questions; false: only those not overdue."),
        plan: planId.optional(),
        ...paging,
      },
      annotations: READ_ONLY,
    },
    ({ owner, overdue, plan, limit, cursor }) =>
      respond(async () => {
        const { plans, today } = await source.current();
        return {
          today,
          ...page(questionRows(plans, today, { owner, overdue, plan }), { limit, cursor }),
        };
      }),
  );
}

function registerFindings(server: McpServer, source: SnapshotSource): void {
  const ruleIds = allRules.map((r) => r.id);
  server.registerTool(
    "findings",
    {
      title: "Findings",
      description:
        "What `plan-portal check` reports: each finding with rule id, severity, message, hint, file, line and column. Filter by plan, rule and severity.",
      inputSchema: {
        plan: planId.optional(),
        rule: z.string().optional().describe("A rule id, e.g. missing-section."),
        severity: z.enum(SEVERITIES).optional(),
        ...paging,
      },
      annotations: READ_ONLY,
    },
    ({ plan, rule, severity, limit, cursor }) =>
      respond(async () => {
        if (rule !== undefined && !ruleIds.includes(rule))
          throw toolError(UnknownRuleId, rule, ruleIds);
        const { plans } = await source.current();
        return page(findingRows(plans, { plan, rule, severity }), { limit, cursor });
      }),
  );
}

function registerTrace(server: McpServer, source: SnapshotSource): void {
  server.registerTool(
    "trace_requirement",
    {
      title: "Trace a requirement",
      description:
        "Where a requirement id (FR-001, NFR-002, SC-003) is defined in spec.md and which tasks and plan.md lines cite it, per feature.",
      inputSchema: {
        id: z.string().min(1).describe("The requirement id, as spec.md writes it."),
        plan: planId.optional().describe("Only this feature (ids repeat across features)."),
        ...paging,
      },
      annotations: READ_ONLY,
    },
    ({ id, plan, limit, cursor }) =>
      respond(async () => {
        const { plans } = await source.current();
        const scope = plan === undefined ? plans : [planById(plans, plan)];
        return { id, ...page(traceRequirement(scope, id), { limit, cursor }) };
      }),
  );
}

function registerSearch(server: McpServer, source: SnapshotSource): void {
  server.registerTool(
    "search_plans",
    {
      title: "Search plans",
      description:
        "Plain-text search over plan.md of every plan: titles first, then section headings, then lines. Every word must occur (any case).",
      inputSchema: {
        query: z.string().trim().min(2).describe("Words to find, e.g. `payment retry`."),
        ...paging,
      },
      annotations: READ_ONLY,
    },
    ({ query, limit, cursor }) =>
      respond(async () => {
        const { plans } = await source.current();
        return { query, ...page(searchPlans(plans, query), { limit, cursor }) };
      }),
  );
}

/** The read-only plan-facts server: six tools over the checked plans `source` gives. */
export function createPlanServer(source: SnapshotSource, version: string): McpServer {
  const server = new McpServer(
    { name: "plan-portal", version },
    {
      instructions:
        "Facts about this repository's Spec Kit feature plans, checked as `plan-portal check` checks them. Start with list_features; answers are paged (pass nextCursor back as cursor).",
    },
  );
  for (const register of [
    registerListFeatures,
    registerGetPlan,
    registerOpenQuestions,
    registerFindings,
    registerTrace,
    registerSearch,
  ]) {
    register(server, source);
  }
  return server;
}
