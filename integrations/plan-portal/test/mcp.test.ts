import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlanServer } from "../src/mcp/server.ts";
import { PlanSnapshots } from "../src/mcp/snapshot.ts";
import { page } from "../src/mcp/paging.ts";
import { spawnGit } from "../src/sources/git.ts";
import { resolveSources } from "../src/sources/resolve.ts";
import { SourcesSchema } from "../src/sources/schema.ts";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "mcp");
const TODAY = "2026-06-01";

let client: Client;

async function connect(roots: string[], cwd: string): Promise<Client> {
  const server = createPlanServer(new PlanSnapshots({ roots, cwd, today: TODAY }), "0.0.0-test");
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const c = new Client({ name: "plan-portal-test", version: "1.0.0" });
  await c.connect(clientSide);
  return c;
}

/** A tool's answer: the JSON text it returned (or the error text), and whether it is an error. */
async function call(
  name: string,
  args: Record<string, unknown> = {},
  on: Client = client,
): Promise<{ isError: boolean; text: string; json: any }> {
  const result = await on.callTool({ name, arguments: args });
  const text = (result.content as { type: string; text: string }[])[0]!.text;
  return { isError: result.isError === true, text, json: result.isError ? null : JSON.parse(text) };
}

beforeAll(async () => {
  client = await connect([path.join(fixture, "specs")], fixture);
});
afterAll(async () => {
  await client.close();
});

describe("plan-portal mcp: the tools", () => {
  it("lists six read-only tools, each with a JSON schema for its input", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "findings",
      "get_plan",
      "list_features",
      "open_questions",
      "search_plans",
      "trace_requirement",
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    }
    const trace = tools.find((t) => t.name === "trace_requirement")!;
    expect(trace.inputSchema.required).toEqual(["id"]);
  });

  it("list_features: status, progress, counts and coverage per plan", async () => {
    const { json } = await call("list_features");
    expect(json.total).toBe(2);
    expect(json.nextCursor).toBeUndefined();
    expect(json.items[0]).toEqual({
      id: "001-checkout-flow",
      title: "Checkout flow",
      path: "specs/001-checkout-flow/plan.md",
      // Q1's deadline 2026-05-01 is past on 2026-06-01.
      status: "needs-clarification",
      declaredStatus: null,
      score: expect.any(Number),
      progress: { done: 1, total: 3 },
      openQuestions: 2,
      errors: 1,
      warnings: 0,
      coverage: {
        convention: ["tasks cite FR ids", "tasks cite SC ids", "tasks cite US labels"],
        requirements: { covered: 3, total: 3 },
        stories: { withTasks: 1, total: 1 },
        tasks: { mapped: 3, total: 3 },
      },
    });
    // No spec.md, no tasks.md: no coverage.
    expect(json.items[1]).toMatchObject({ id: "002-refunds", progress: null, coverage: null });
  });

  it("list_features pages with limit and cursor, and filters by status", async () => {
    const first = await call("list_features", { limit: 1 });
    expect(first.json.items.map((r: { id: string }) => r.id)).toEqual(["001-checkout-flow"]);
    expect(first.json.nextCursor).toBe("1");
    const second = await call("list_features", { limit: 1, cursor: first.json.nextCursor });
    expect(second.json.items.map((r: { id: string }) => r.id)).toEqual(["002-refunds"]);
    expect(second.json.nextCursor).toBeUndefined();
    const ready = await call("list_features", { status: "ready" });
    expect(ready.json.total).toBe(0);
  });

  it("get_plan: the model and a window of markdown", async () => {
    const { json } = await call("get_plan", { id: "001-checkout-flow", fromLine: 6, maxLines: 3 });
    expect(json.title).toBe("Checkout flow");
    expect(json.sections.map((s: { slug: string }) => s.slug)).toEqual([
      "implementation-plan-checkout-flow",
      "summary",
      "technical-context",
      "constitution-check",
      "project-structure",
      "complexity-tracking",
      "open-questions",
    ]);
    expect(json.feature).toEqual({
      spec: { path: "specs/001-checkout-flow/spec.md", stories: 1, requirements: 3 },
      tasks: { path: "specs/001-checkout-flow/tasks.md", done: 1, total: 3 },
      checklists: [],
    });
    expect(json.findings).toEqual({ errors: 1, warnings: 0, infos: 0 });
    expect(json.openQuestions.map((q: { id: string }) => q.id)).toEqual(["Q1", "Q2"]);
    expect(json.markdown).toEqual({
      text: "## Summary\n\nTake card payments at checkout with a payment retry when the provider times out (FR-002).",
      fromLine: 6,
      toLine: 8,
      lineCount: 41,
      nextLine: 9,
    });
  });

  it("get_plan of an unknown id is a tool error naming the ids there are", async () => {
    const { isError, text } = await call("get_plan", { id: "001-checkout" });
    expect(isError).toBe(true);
    expect(text).toBe(
      'No plan has the id "001-checkout". Did you mean "001-checkout-flow"?\n' +
        "Hint: Plan ids are the plan folders' names (list_features lists them). Known ids: 001-checkout-flow, 002-refunds.",
    );
  });

  it("open_questions: overdue first; filters by owner (any case) and overdue", async () => {
    const all = await call("open_questions");
    expect(
      all.json.items.map((q: { planId: string; id: string; overdue: boolean }) => [
        q.planId,
        q.id,
        q.overdue,
      ]),
    ).toEqual([
      ["001-checkout-flow", "Q1", true],
      ["001-checkout-flow", "Q2", false],
      ["002-refunds", "Q1", false],
    ]);
    expect(all.json.items[0]).toMatchObject({
      text: "Which payment provider?",
      owner: "Ana Lima",
      deadline: "2026-05-01",
      section: "open-questions",
      line: 40,
    });
    const ana = await call("open_questions", { owner: "ana" });
    expect(ana.json.items.map((q: { planId: string }) => q.planId)).toEqual([
      "001-checkout-flow",
      "002-refunds",
    ]);
    const anaOnTime = await call("open_questions", { owner: "ana", overdue: false });
    expect(anaOnTime.json.items.map((q: { planId: string }) => q.planId)).toEqual(["002-refunds"]);
  });

  it("findings: by plan, rule and severity", async () => {
    const overdue = await call("findings", { rule: "overdue-question" });
    expect(overdue.json.total).toBe(1);
    expect(overdue.json.items[0]).toMatchObject({
      planId: "001-checkout-flow",
      ruleId: "overdue-question",
      severity: "error",
      file: "specs/001-checkout-flow/plan.md",
      line: 40,
      section: "open-questions",
    });
    const refundWarnings = await call("findings", { plan: "002-refunds", severity: "warning" });
    expect(refundWarnings.json.items.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual([
      "header-metadata",
      "missing-spec",
      "needs-clarification",
    ]);
    const unknown = await call("findings", { rule: "overdue-questions" });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(
      /^No rule has the id "overdue-questions"\. Did you mean "overdue-question"\?/,
    );
  });

  it("trace_requirement: definition, citing tasks and plan lines, and other features' citations", async () => {
    const fr2 = await call("trace_requirement", { id: "FR-002" });
    expect(fr2.json.items).toEqual([
      {
        planId: "001-checkout-flow",
        planTitle: "Checkout flow",
        definitions: [
          {
            id: "FR-002",
            file: "specs/001-checkout-flow/spec.md",
            line: 16,
            text: "System MUST retry a timed-out payment once.",
          },
        ],
        tasks: [
          {
            task: "T002",
            done: true,
            file: "specs/001-checkout-flow/tasks.md",
            line: 6,
            text: "Retry timed-out payments (FR-002)",
          },
        ],
        planLines: [
          {
            file: "specs/001-checkout-flow/plan.md",
            line: 8,
            section: "summary",
            text: "Take card payments at checkout with a payment retry when the provider times out (FR-002).",
          },
        ],
        foreign: [],
      },
    ]);
    const fr1 = await call("trace_requirement", { id: "FR-001" });
    expect(fr1.json.items.map((t: { planId: string }) => t.planId)).toEqual([
      "001-checkout-flow",
      "002-refunds",
    ]);
    expect(fr1.json.items[1].foreign).toEqual([
      {
        file: "specs/002-refunds/plan.md",
        line: 7,
        text: "Refund a paid order. Refunds reuse the card adapter of checkout (FR-001 of 001 spec).",
      },
    ]);
    const notAnId = await call("trace_requirement", { id: "card payments" });
    expect(notAnId.isError).toBe(true);
    expect(notAnId.text).toContain('"card payments" is not a requirement id.');
  });

  it("search_plans: titles, then headings, then lines; every word must occur", async () => {
    const refunds = await call("search_plans", { query: "refunds" });
    expect(
      refunds.json.items.map((h: { planId: string; kind: string; line: number }) => [
        h.planId,
        h.kind,
        h.line,
      ]),
    ).toEqual([
      ["002-refunds", "title", 1],
      // The branch `002-refunds`, the summary, "refunds within a minute", "Partial refunds".
      ["002-refunds", "line", 3],
      ["002-refunds", "line", 7],
      ["002-refunds", "line", 17],
      ["002-refunds", "line", 25],
    ]);
    const retry = await call("search_plans", { query: "Payment RETRY" });
    expect(retry.json.items).toEqual([
      {
        planId: "001-checkout-flow",
        planTitle: "Checkout flow",
        kind: "line",
        section: "summary",
        line: 8,
        text: "Take card payments at checkout with a payment retry when the provider times out (FR-002).",
      },
    ]);
    const heading = await call("search_plans", { query: "open questions" });
    expect(
      heading.json.items.map((h: { kind: string; section: string }) => [h.kind, h.section]),
    ).toEqual([
      ["section", "open-questions"],
      ["section", "open-questions"],
    ]);
  });

  it("a cursor it did not give out is a tool error saying what to send", async () => {
    const { isError, text } = await call("open_questions", { cursor: "next" });
    expect(isError).toBe(true);
    expect(text).toBe(
      'The cursor "next" is not one this tool gave out.\n' +
        "Hint: Pass the nextCursor of the previous answer unchanged, or leave cursor out to start from the first item.",
    );
  });
});

describe("plan-portal mcp: answers follow the files", () => {
  const work = mkdtempSync(path.join(tmpdir(), "plan-portal-mcp-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("reruns the pipeline when a plan changes, and not otherwise", async () => {
    cpSync(fixture, work, { recursive: true });
    const specs = path.join(work, "specs");
    const snapshots = new PlanSnapshots({ roots: [specs], cwd: work, today: TODAY });
    const before = await snapshots.current();
    expect(await snapshots.current()).toBe(before);
    const plan = path.join(specs, "002-refunds", "plan.md");
    writeFileSync(plan, "# Implementation Plan: Refunds and returns\n");
    const after = await snapshots.current();
    expect(after).not.toBe(before);
    expect(after.plans.map((c) => c.plan.title)).toEqual(["Checkout flow", "Refunds and returns"]);
  });
});

describe("plan-portal mcp over several repositories (sources)", () => {
  it("ids carry the repository, and every row says which one", async () => {
    const list = SourcesSchema.parse([
      { name: "shop", path: fixture },
      { name: "billing", path: fixture },
    ]);
    const resolved = resolveSources(list, fixture, { cacheRoot: "/nonexistent", git: spawnGit });
    const server = createPlanServer(
      new PlanSnapshots(
        {
          roots: resolved.sources.flatMap((s) => s.roots),
          sources: resolved.sources,
          cwd: fixture,
          today: TODAY,
        },
        resolved.notices,
      ),
      "0.0.0-test",
    );
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const many = new Client({ name: "plan-portal-test", version: "1.0.0" });
    await many.connect(clientSide);
    const { json } = await call("list_features", {}, many);
    expect(json.items.map((r: { id: string; repository: string }) => [r.id, r.repository])).toEqual(
      [
        ["shop/001-checkout-flow", "shop"],
        ["shop/002-refunds", "shop"],
        ["billing/001-checkout-flow", "billing"],
        ["billing/002-refunds", "billing"],
      ],
    );
    const plan = await call("get_plan", { id: "billing/002-refunds", maxLines: 0 }, many);
    expect(plan.json).toMatchObject({ id: "billing/002-refunds", repository: "billing" });
    await many.close();
  });
});

describe("paging", () => {
  it("cuts a list into pages of `limit` with the offset of the next as cursor", () => {
    const letters = ["a", "b", "c", "d", "e"];
    expect(page(letters, { limit: 2 })).toEqual({ items: ["a", "b"], total: 5, nextCursor: "2" });
    expect(page(letters, { limit: 2, cursor: "4" })).toEqual({ items: ["e"], total: 5 });
    expect(page(letters, { limit: 2, cursor: "5" })).toEqual({ items: [], total: 5 });
    expect(() => page(letters, { cursor: "6" })).toThrow(
      'The cursor "6" is not one this tool gave out.',
    );
  });
});
