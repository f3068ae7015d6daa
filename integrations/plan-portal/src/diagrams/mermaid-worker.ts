/**
 * Worker thread that validates mermaid sources with mermaid's own parser. Mermaid needs a DOM,
 * so this thread gets happy-dom's window; the main thread never loads either.
 */
import { parentPort } from "node:worker_threads";
import { Window } from "happy-dom";

export interface WorkerRequest {
  id: number;
  sources: string[];
}

export interface ParseOutcome {
  ok: boolean;
  /** mermaid's message, first and last lines (what it expected, what it got). */
  message?: string;
  /** 1-based line and 0-based column in mermaid's cleaned text (comments and directives removed). */
  line?: number;
  column?: number;
}

const window = new Window();
const globals = globalThis as Record<string, unknown>;
globals["window"] = window;
globals["document"] = window.document;
for (const key of [
  "Element",
  "HTMLElement",
  "SVGElement",
  "Node",
  "DOMParser",
  "getComputedStyle",
  "navigator",
]) {
  if (!(key in globals)) {
    try {
      globals[key] = (window as unknown as Record<string, unknown>)[key];
    } catch {
      // Read-only globals (navigator on newer Node) stay Node's own.
    }
  }
}

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

async function parse(source: string): Promise<ParseOutcome> {
  try {
    await mermaid.parse(source);
    return { ok: true };
  } catch (error) {
    const e = error as {
      message?: string;
      hash?: { loc?: { last_line: number; last_column: number } };
    };
    const lines = String(e.message ?? error).split("\n");
    const message = lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : lines[0]!;
    const loc = e.hash?.loc;
    return { ok: false, message, ...(loc ? { line: loc.last_line, column: loc.last_column } : {}) };
  }
}

parentPort!.on("message", async (request: WorkerRequest) => {
  const results: ParseOutcome[] = [];
  for (const source of request.sources) results.push(await parse(source));
  parentPort!.postMessage({ id: request.id, results });
});
parentPort!.postMessage({ ready: true });
