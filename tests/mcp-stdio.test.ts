import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.join(repo, "integrations", "plan-portal");
const bin = path.join(pkg, "bin", "plan-portal.js");
const fixture = path.join(pkg, "test", "fixtures", "mcp");

describe("plan-portal mcp (the published bin, over stdio)", () => {
  it("answers an SDK client on stdin/stdout", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, "mcp", "specs", "--today", "2026-06-01"],
      cwd: fixture,
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new Client({ name: "plan-portal-stdio-test", version: "1.0.0" });
    await client.connect(transport);
    expect(client.getServerVersion()?.name).toBe("plan-portal");
    const result = await client.callTool({ name: "list_features", arguments: { limit: 1 } });
    const text = (result.content as { text: string }[])[0]!.text;
    const answer = JSON.parse(text) as { items: { id: string; status: string }[]; total: number };
    expect(answer.total).toBe(2);
    expect(answer.items).toMatchObject([
      { id: "001-checkout-flow", status: "needs-clarification" },
    ]);
    await client.close();
    expect(stderr).toBe("");
  });

  it("ends by itself, exit 0, when the client closes stdin", () => {
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "raw", version: "1" },
      },
    };
    const run = spawnSync(process.execPath, [bin, "mcp"], {
      cwd: fixture,
      encoding: "utf8",
      input: JSON.stringify(initialize) + "\n",
      timeout: 20_000,
    });
    expect(run.status).toBe(0);
    const reply = JSON.parse(run.stdout.trim()) as { id: number; result: { serverInfo: object } };
    expect(reply.id).toBe(1);
    expect(reply.result.serverInfo).toMatchObject({ name: "plan-portal" });
  });

  it("exits 2 with a message and no protocol on stdout when the specs folder is missing", () => {
    const run = spawnSync(process.execPath, [bin, "mcp", "no-such-specs"], {
      cwd: fixture,
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `plan-portal: No folder "no-such-specs" (looked in ${path.join(fixture, "no-such-specs")}).\n` +
        "  Hint: Pass the folder that holds your feature folders, e.g. plan-portal mcp path/to/specs, or start the server from the repository root.\n",
    );
  });
  it("prints its help, and says so when an option is wrong, before any protocol", () => {
    const help = spawnSync(process.execPath, [bin, "mcp", "--help"], {
      cwd: fixture,
      encoding: "utf8",
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: plan-portal mcp \[dir \.\.\.\] \[options\]\n/);
    const usage = spawnSync(process.execPath, [bin, "--help"], { cwd: fixture, encoding: "utf8" });
    expect(usage.stdout).toContain(
      "  mcp [dir ...]     Serve plan facts to coding agents over MCP (stdio)\n",
    );
    const rule = spawnSync(process.execPath, [bin, "mcp", "--rule", "overdue-questions=off"], {
      cwd: fixture,
      encoding: "utf8",
    });
    expect(rule.status).toBe(2);
    expect(rule.stdout).toBe("");
    expect(rule.stderr).toContain('Did you mean "overdue-question"?');
  });
});
