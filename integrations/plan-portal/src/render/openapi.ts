import { load as loadYaml, YAMLException } from "js-yaml";

/** One operation of an OpenAPI (or Swagger 2) document: `GET /products/{id}` and what it says. */
export interface OpenApiOperation {
  method: string;
  path: string;
  summary: string;
  operationId: string;
}

/** What a contract file holds, read as OpenAPI. */
export type OpenApiReading =
  | { kind: "not-openapi" }
  | { kind: "openapi"; version: string; title: string; operations: OpenApiOperation[] }
  /** It says it is OpenAPI, but is not valid YAML/JSON: where the parser stopped, 1-based. */
  | { kind: "malformed"; message: string; line: number; column: number };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** An `openapi:` / `swagger:` key (YAML at the top, or quoted as JSON), looked for before parsing. */
const OPENAPI_KEY = /^(openapi|swagger)\s*:|["'](openapi|swagger)["']\s*:/m;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A string field as one line of text ("" when absent or not a string). */
function text(v: unknown): string {
  return typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "";
}

function operationsOf(paths: unknown): OpenApiOperation[] {
  if (!isObject(paths)) return [];
  const operations: OpenApiOperation[] = [];
  for (const [route, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      operations.push({
        method: method.toUpperCase(),
        path: route,
        summary: text(op["summary"]) || text(op["description"]),
        operationId: text(op["operationId"]),
      });
    }
  }
  return operations;
}

/**
 * A contract file (`.yaml`, `.yml` or `.json`) read as OpenAPI. Only files that name `openapi:` or
 * `swagger:` at the top are OpenAPI; one of those that does not parse is `malformed`, with the
 * parser's reason and position, so the page can say so and still show the file.
 */
export function readOpenApi(source: string): OpenApiReading {
  if (!OPENAPI_KEY.test(source)) return { kind: "not-openapi" };
  let doc: unknown;
  try {
    // JSON is YAML here; `json: true` lets a later duplicate key win, as JSON.parse does.
    doc = loadYaml(source, { json: true });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    return {
      kind: "malformed",
      message: error.reason || error.message,
      line: error.mark ? error.mark.line + 1 : 1,
      column: error.mark ? error.mark.column + 1 : 1,
    };
  }
  if (!isObject(doc)) return { kind: "not-openapi" };
  // `openapi: 3.1` and `swagger: 2.0` are numbers to YAML.
  const declared = doc["openapi"] ?? doc["swagger"];
  if (typeof declared !== "string" && typeof declared !== "number") return { kind: "not-openapi" };
  const version = String(declared);
  const info = isObject(doc["info"]) ? doc["info"] : {};
  return {
    kind: "openapi",
    version,
    title: text(info["title"]),
    operations: operationsOf(doc["paths"]),
  };
}
