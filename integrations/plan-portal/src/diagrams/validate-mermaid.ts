import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { cacheRoot } from "../cache/disk-cache.ts";
import { moduleUrl } from "../util/module-url.ts";
import type { Diagram, DiagramValidation } from "../parse/types.ts";
import type { ParseOutcome, WorkerRequest } from "./mermaid-worker.ts";

const require = createRequire(import.meta.url);
export const MERMAID_VERSION: string = (require("mermaid/package.json") as { version: string })
  .version;

/** Where validation results are cached between runs (next to Astro's and Vite's caches). */
function cacheFile(): string {
  return path.join(cacheRoot(), `mermaid-parse-${MERMAID_VERSION}.json`);
}

const hash = (s: string) => createHash("sha1").update(s).digest("hex");

/**
 * Lines of the source that mermaid keeps: it drops front matter, `%%{init}%%` directives, `%%`
 * comments and leading blank lines before parsing, and reports lines of what remains.
 */
export function keptLines(source: string): number[] {
  const lines = source.split("\n");
  let i = 0;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, n) => n > 0 && l.trim() === "---");
    if (end > 0) i = end + 1;
  }
  const kept: number[] = [];
  for (; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t.startsWith("%%")) continue;
    if (kept.length === 0 && t === "") continue;
    kept.push(i);
  }
  return kept;
}

/** mermaid's (line, column) → 1-based line and column in the diagram source. */
export function mapPosition(
  source: string,
  line: number | undefined,
  column: number | undefined,
): { line: number; column: number } {
  const lines = source.split("\n");
  const kept = keptLines(source);
  if (line === undefined || kept.length === 0) return { line: 1, column: 1 };
  const index = kept[line - 1];
  if (index === undefined) {
    // The parser ran out of input: point at the end of the last line.
    const last = kept[kept.length - 1]!;
    return { line: last + 1, column: lines[last]!.length + 1 };
  }
  return { line: index + 1, column: Math.min((column ?? 0) + 1, lines[index]!.length + 1) };
}

/** A shorter message than mermaid's: the first line and what it expected, trimmed. */
function summarise(message: string, char: string | undefined): string {
  const got = /got '([^']+)'/.exec(message)?.[1];
  const expecting = /Expecting (.+?), got/.exec(message)?.[1]?.split(", ");
  if (expecting) {
    const shown = expecting.slice(0, 3).join(", ") + (expecting.length > 3 ? ", …" : "");
    const what =
      got === "1" || got === "EOF"
        ? "the diagram ends too early"
        : char && char.trim()
          ? `unexpected "${char}"`
          : `unexpected ${got ?? "token"}`;
    return `${what} (mermaid expected ${shown}).`;
  }
  return message
    .replace(/^Error:\s*/, "")
    .replace(/\s+/g, " ")
    .slice(0, 200);
}

interface Parser {
  worker: Worker;
  ready: Promise<void>;
}
const parsers: Parser[] = [];
let nextId = 0;
interface Request {
  worker: Worker;
  resolve: (results: ParseOutcome[]) => void;
  reject: (error: Error) => void;
}
const pending = new Map<number, Request>();

/** A worker that fails or exits takes its open requests with it, so none waits for ever. */
function failPending(worker: Worker, error: Error): void {
  for (const [id, request] of pending) {
    if (request.worker !== worker) continue;
    pending.delete(id);
    request.reject(error);
  }
}

function parser(index: number): Parser {
  const existing = parsers[index];
  if (existing) return existing;
  const worker = new Worker(moduleUrl("./mermaid-worker", import.meta.url));
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: { ready?: boolean; id?: number; results?: ParseOutcome[] }) => {
      if (message.ready) resolve();
      else if (message.id !== undefined) pending.get(message.id)?.resolve(message.results!);
    });
    worker.on("error", (error) => {
      reject(error);
      failPending(worker, error);
    });
    worker.on("exit", (code) => {
      const error = new Error(`the mermaid worker exited with code ${code}`);
      reject(error);
      failPending(worker, error);
      if (parsers[index]?.worker === worker) delete parsers[index];
    });
  });
  return (parsers[index] = { worker, ready });
}

/** Stop the validation workers (tests and the CLI call it before exiting). */
export async function stopMermaidWorker(): Promise<void> {
  const all = parsers.splice(0);
  await Promise.all(all.map((p) => p.worker.terminate()));
}

async function parseOn(index: number, sources: string[]): Promise<ParseOutcome[]> {
  const { worker, ready } = parser(index);
  await ready;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, {
      worker,
      resolve: (results) => {
        pending.delete(id);
        resolve(results);
      },
      reject,
    });
    worker.postMessage({ id, sources } satisfies WorkerRequest);
  });
}

/** Many diagrams are split over one worker per core (each loads mermaid once, ~1 s). */
async function parseAll(sources: string[]): Promise<ParseOutcome[]> {
  const count = sources.length < 100 ? 1 : Math.min(4, availableParallelism());
  const size = Math.ceil(sources.length / count);
  const chunks = Array.from({ length: count }, (_, i) => sources.slice(i * size, (i + 1) * size));
  return (await Promise.all(chunks.map((chunk, i) => parseOn(i, chunk)))).flat();
}

/**
 * Validate every diagram with mermaid's parser (in a worker, cached by content hash on disk) and
 * attach the result to it. When the worker cannot start, diagrams keep `validation: undefined` and
 * the rule falls back to its structural check.
 */
export async function validateDiagrams(
  diagrams: Diagram[],
): Promise<{ validated: number; cached: number; error?: string }> {
  const file = cacheFile();
  let cache: Record<string, DiagramValidation> = {};
  if (file) {
    try {
      cache = JSON.parse(readFileSync(file, "utf8")) as Record<string, DiagramValidation>;
    } catch {
      cache = {};
    }
  }
  const todo = new Map<string, string>();
  for (const d of diagrams) if (!cache[hash(d.source)]) todo.set(hash(d.source), d.source);
  let error: string | undefined;
  if (todo.size) {
    try {
      const keys = [...todo.keys()];
      const outcomes = await parseAll([...todo.values()]);
      outcomes.forEach((o, i) => {
        const source = todo.get(keys[i]!)!;
        if (o.ok) cache[keys[i]!] = { ok: true };
        else {
          const at = mapPosition(source, o.line, o.column);
          const char = source.split("\n")[at.line - 1]?.[at.column - 1];
          cache[keys[i]!] = {
            ok: false,
            message: summarise(o.message ?? "invalid diagram", char),
            ...at,
          };
        }
      });
      if (file) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(cache));
      }
    } catch (e) {
      error = (e as Error).message;
    }
  }
  for (const d of diagrams) {
    const v = cache[hash(d.source)];
    if (v) d.validation = v;
  }
  return { validated: todo.size, cached: diagrams.length - todo.size, ...(error ? { error } : {}) };
}
