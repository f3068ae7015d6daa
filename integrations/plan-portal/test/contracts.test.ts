import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contractsMarkdown } from "../src/render/contracts.ts";
import { readOpenApi } from "../src/render/openapi.ts";

const dir = mkdtempSync(path.join(tmpdir(), "plan-portal-contracts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A contracts/ folder holding the given files. */
function contracts(name: string, files: Record<string, string>): string {
  const folder = path.join(dir, name, "contracts");
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(folder, file), text);
  return folder;
}

const SHOP_YAML = `openapi: 3.0.3
info:
  title: Shop
  version: 1.0.0
paths:
  /carts/{id}:
    get:
      operationId: getCart
      summary: One cart
    delete:
      summary: Drop <b>the</b> cart & "all" lines
    parameters:
      - { name: id, in: path }
  /orders:
    post:
      description: |
        Place an order
        from a cart
`;

describe("OpenAPI contracts as operations", () => {
  it("reads each operation's method, path, summary and operationId (YAML)", () => {
    expect(readOpenApi(SHOP_YAML)).toEqual({
      kind: "openapi",
      version: "3.0.3",
      title: "Shop",
      operations: [
        { method: "GET", path: "/carts/{id}", summary: "One cart", operationId: "getCart" },
        {
          method: "DELETE",
          path: "/carts/{id}",
          summary: 'Drop <b>the</b> cart & "all" lines',
          operationId: "",
        },
        { method: "POST", path: "/orders", summary: "Place an order from a cart", operationId: "" },
      ],
    });
  });

  it("reads Swagger 2 JSON, whose version is a number", () => {
    const json = '{"swagger": 2.0, "paths": {"/ping": {"head": {"operationId": "ping"}}}}';
    expect(readOpenApi(json)).toEqual({
      kind: "openapi",
      version: "2",
      title: "",
      operations: [{ method: "HEAD", path: "/ping", summary: "", operationId: "ping" }],
    });
  });

  it("leaves other YAML alone", () => {
    expect(readOpenApi("type: object\nproperties:\n  openapiVersion: { type: string }\n")).toEqual({
      kind: "not-openapi",
    });
  });

  it("says where a broken OpenAPI file stops parsing", () => {
    const broken = "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      summary: Stage A: generation\n";
    // Line 5 is "      summary: Stage A: generation"; its second colon is the 23rd character.
    expect(readOpenApi(broken)).toMatchObject({ kind: "malformed", line: 5, column: 23 });
  });

  it("renders a table with every cell escaped and the raw file in a details", () => {
    const md = contractsMarkdown(contracts("shop", { "openapi.yaml": SHOP_YAML }))!;
    expect(md).toContain('<p class="contract-summary">Shop · OpenAPI 3.0.3 · 3 operations</p>');
    expect(md).toContain(
      "<tr><td><code>GET</code></td><td><code>/carts/{id}</code></td><td>One cart <code>getCart</code></td></tr>",
    );
    expect(md).toContain("<td>Drop &lt;b&gt;the&lt;/b&gt; cart &amp; &quot;all&quot; lines</td>");
    expect(md.slice(md.indexOf("<table>"), md.indexOf("</table>"))).not.toContain("<b>");
    expect(md).toContain(
      "<details><summary>Raw file: openapi.yaml</summary>\n\n```yaml\nopenapi: 3.0.3",
    );
    // The table is one HTML block: no blank line inside it.
    expect(md).toMatch(/\n<table>[^\n]*<\/table>\n/);
  });

  it("shows a broken OpenAPI file as written, under a note naming the file and the line", () => {
    const broken = 'openapi: 3.0.0\ninfo: { title: "x" \npaths: {}\n';
    const md = contractsMarkdown(contracts("broken", { "api.yaml": broken }))!;
    expect(md).toContain(
      '<p class="contract-note" role="note"><strong>api.yaml looks like an OpenAPI document but cannot be read (line 3, column 1:',
    );
    expect(md).toContain("Fix the file; it is shown as written below.");
    expect(md).toContain("```yaml\n" + broken.trimEnd() + "\n```");
    expect(md).not.toContain("<table>");
  });

  it("keeps schemas and other files as code blocks", () => {
    const md = contractsMarkdown(
      contracts("other", { "event.json": '{"type": "object"}', "notes.md": "Plain *notes*." }),
    )!;
    expect(md).toContain('```json\n{"type": "object"}\n```');
    expect(md).toContain("Plain *notes*.");
    expect(md).not.toContain("<details>");
  });
});
