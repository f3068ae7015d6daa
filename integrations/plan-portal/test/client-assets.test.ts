import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import {
  copyMermaidAssets,
  MERMAID_ENTRY,
  needsClientMermaid,
  serveMermaidAssets,
} from "../src/diagrams/client-assets.ts";

const dir = mkdtempSync(path.join(os.tmpdir(), "plan-portal-mermaid-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = (clientDiagrams: boolean, sibling = false) => ({
  clientDiagrams,
  siblings: [{ clientDiagrams: sibling }],
});

describe("mermaid for diagrams drawn in the browser", () => {
  it("is needed only when some page draws diagrams in the browser", () => {
    const none = { components: null };
    expect(needsClientMermaid({ plans: [plan(false)], crossDiagrams: none })).toBe(false);
    expect(needsClientMermaid({ plans: [plan(true)], crossDiagrams: none })).toBe(true);
    expect(needsClientMermaid({ plans: [plan(false, true)], crossDiagrams: none })).toBe(true);
    expect(
      needsClientMermaid({
        plans: [],
        crossDiagrams: { components: { client: true } },
      }),
    ).toBe(true);
  });

  it("copies mermaid's ES modules without source maps", () => {
    const count = copyMermaidAssets(dir);
    const files = readdirSync(path.join(dir, "_mermaid"), { recursive: true }) as string[];
    expect(files).toContain(MERMAID_ENTRY);
    expect(count).toBeGreaterThan(10);
    expect(files.some((f) => f.endsWith(".map"))).toBe(false);
  });

  it("serves the same files in dev, and nothing else", async () => {
    const serve = serveMermaidAssets("/plans/_mermaid/");
    const request = (url: string) =>
      new Promise<{ next: boolean; body: string; type?: string }>((resolve) => {
        const res = new PassThrough() as unknown as ServerResponse & PassThrough;
        let type: string | undefined;
        res.setHeader = ((name: string, value: string) => {
          if (name.toLowerCase() === "content-type") type = value;
          return res;
        }) as never;
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString("utf8")));
        res.on("end", () => resolve({ next: false, body, type }));
        serve({ url } as IncomingMessage, res, () => resolve({ next: true, body: "" }));
      });
    const entry = await request(`/plans/_mermaid/${MERMAID_ENTRY}?v=1`);
    expect(entry.next).toBe(false);
    expect(entry.type).toMatch(/javascript/);
    expect(entry.body.length).toBeGreaterThan(1000);
    expect((await request("/plans/_mermaid/../package.json")).next).toBe(true);
    expect((await request("/plans/_mermaid/%2e%2e/package.json")).next).toBe(true);
    expect((await request(`/plans/other/${MERMAID_ENTRY}`)).next).toBe(true);
  });
});
