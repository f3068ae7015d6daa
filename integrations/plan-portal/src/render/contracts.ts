import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { contractSlug } from "./links.ts";
import { readOpenApi, type OpenApiOperation } from "./openapi.ts";

/** Contract files larger than this are listed, not shown. */
const MAX_CONTRACT_BYTES = 256 * 1024;

/** Text for an HTML block of the page: escaped, and on one line (a blank line would end the block). */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\s+/g, " ");
}

/** The file as a fenced code block (a fence longer than any backtick run inside it). */
function codeBlock(text: string, lang: string): string {
  const fence = "`".repeat(
    Math.max(3, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length + 1)),
  );
  const shownAs = /^(ya?ml|json|graphql|proto|ts|js|xml|sql)$/.test(lang) ? lang : "text";
  return [fence + shownAs, text.replace(/\n$/, ""), fence].join("\n");
}

/** The operations as one HTML table (method, path, summary and operationId), every cell escaped. */
function operationsTable(operations: OpenApiOperation[]): string {
  const rows = operations.map((op) => {
    const summary = op.summary ? escapeHtml(op.summary) : "";
    const id = op.operationId ? `<code>${escapeHtml(op.operationId)}</code>` : "";
    return `<tr><td><code>${op.method}</code></td><td><code>${escapeHtml(op.path)}</code></td><td>${[summary, id].filter(Boolean).join(" ")}</td></tr>`;
  });
  return [
    "<table>",
    "<thead><tr><th>Method</th><th>Path</th><th>Summary</th></tr></thead>",
    `<tbody>${rows.join("")}</tbody>`,
    "</table>",
  ].join("");
}

/** The raw file one click away, below the operations. */
function rawDetails(name: string, code: string): string {
  return [
    `<details><summary>Raw file: ${escapeHtml(name)}</summary>`,
    "",
    code,
    "",
    "</details>",
  ].join("\n");
}

/**
 * One contract file's part of the page. An OpenAPI file is a table of its operations with the raw
 * file in a `<details>`; one that does not parse is the raw file under a note naming the file and
 * where the parser stopped; every other file is shown as it is.
 */
export function contractPart(name: string, text: string, lang: string): string {
  if (lang === "md") return text;
  const code = codeBlock(text, lang);
  const api = /^(ya?ml|json)$/.test(lang) ? readOpenApi(text) : { kind: "not-openapi" as const };
  if (api.kind === "not-openapi") return code;
  if (api.kind === "malformed") {
    const note = `${name} looks like an OpenAPI document but cannot be read (line ${api.line}, column ${api.column}: ${api.message}). Fix the file; it is shown as written below.`;
    return [
      `<p class="contract-note" role="note"><strong>${escapeHtml(note)}</strong></p>`,
      "",
      code,
    ].join("\n");
  }
  const what = [
    api.title,
    `OpenAPI ${api.version}`,
    `${api.operations.length} ${api.operations.length === 1 ? "operation" : "operations"}`,
  ];
  return [
    `<p class="contract-summary">${escapeHtml(what.filter(Boolean).join(" · "))}</p>`,
    "",
    api.operations.length ? operationsTable(api.operations) : "",
    "",
    rawDetails(name, code),
  ].join("\n");
}

/** Every file below `dir` (hidden ones left out), sorted; null when the folder cannot be read. */
function contractFiles(dir: string): string[] | null {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  try {
    walk(dir);
  } catch {
    return null;
  }
  return files.sort();
}

/** contracts/ as one markdown document: a heading and the file's part per file. */
export function contractsMarkdown(dir: string): string | null {
  const files = contractFiles(dir);
  if (!files?.length) return null;
  const parts = ["# Contracts", ""];
  for (const file of files) {
    const rel = path.relative(dir, file).split(path.sep).join("/");
    parts.push(`<h2 id="${contractSlug(rel)}">${rel.replace(/[<>&"]/g, "")}</h2>`, "");
    const size = statSync(file).size;
    if (size > MAX_CONTRACT_BYTES) {
      parts.push(`*${(size / 1024).toFixed(0)} KB: too large to show here.*`, "");
      continue;
    }
    const lang = path.extname(file).slice(1).toLowerCase();
    parts.push(contractPart(rel, readFileSync(file, "utf8"), lang), "");
  }
  return parts.join("\n");
}
