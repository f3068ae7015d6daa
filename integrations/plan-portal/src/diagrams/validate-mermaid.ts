import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { cacheRoot, DiskCache, sha1 } from "../cache/disk-cache.ts";
import { moduleUrl } from "../util/module-url.ts";
import type { Diagram, DiagramValidation, Plan } from "../parse/types.ts";
import type { ParseOutcome, WorkerRequest } from "./mermaid-worker.ts";

const require = createRequire(import.meta.url);
export const MERMAID_VERSION: string = (require("mermaid/package.json") as { version: string })
  .version;

/** Bumped when what is stored per diagram changes (positions, message wording). */
const RESULT_VERSION = 2;

function isValidation(value: unknown): value is DiagramValidation {
  const v = value as { ok?: unknown; message?: unknown; line?: unknown; column?: unknown } | null;
  if (typeof v !== "object" || v === null) return false;
  if (v.ok === true) return true;
  return (
    v.ok === false &&
    typeof v.message === "string" &&
    Number.isInteger(v.line) &&
    Number.isInteger(v.column)
  );
}

/**
 * Validation results between runs, one entry per diagram source: concurrent builds add entries
 * side by side instead of rewriting (and racing on) one shared file. Kept in memory too, per
 * cache root, so a dev server's rebuilds read no files; the bound keeps an editing session's
 * superseded sources from piling up (entries are about 60 bytes).
 */
const caches = new Map<string, DiskCache<DiagramValidation>>();
function validationCache(): DiskCache<DiagramValidation> {
  const root = cacheRoot();
  let cache = caches.get(root);
  if (!cache) {
    cache = new DiskCache("mermaid-parse", {
      root,
      fingerprint: `mermaid ${MERMAID_VERSION}\0${RESULT_VERSION}`,
      valid: isValidation,
      memory: { maxEntries: 20_000 },
    });
    caches.set(root, cache);
  }
  return cache;
}

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

/** mermaid's outcome for one source as stored: the position mapped into the source, the message shortened. */
function toValidation(source: string, outcome: ParseOutcome): DiagramValidation {
  if (outcome.ok) return { ok: true };
  const at = mapPosition(source, outcome.line, outcome.column);
  const char = source.split("\n")[at.line - 1]?.[at.column - 1];
  return { ok: false, message: summarise(outcome.message ?? "invalid diagram", char), ...at };
}

/** How a validation run went: parsed now, from the cache, and why the parser did not run if so. */
export interface ValidationRun {
  validated: number;
  cached: number;
  error?: string;
}

/**
 * Validate every diagram with mermaid's parser (in a worker, cached by content hash on disk).
 * Returns a verdict per diagram, in order, and leaves the diagrams as they are: `withVerdicts`
 * makes the validated plans. When the worker cannot start, verdicts are undefined and the rule
 * falls back to its structural check.
 */
export async function validateDiagrams(
  diagrams: readonly Diagram[],
): Promise<{ run: ValidationRun; verdicts: (DiagramValidation | undefined)[] }> {
  const cache = validationCache();
  const known = new Map<string, DiagramValidation>();
  const todo = new Map<string, string>();
  for (const d of diagrams) {
    const key = sha1(d.source);
    if (known.has(key) || todo.has(key)) continue;
    const cached = cache.get(key);
    if (cached) known.set(key, cached);
    else todo.set(key, d.source);
  }
  let error: string | undefined;
  if (todo.size) {
    try {
      const outcomes = await parseAll([...todo.values()]);
      [...todo].forEach(([key, source], i) => {
        const validation = toValidation(source, outcomes[i]!);
        known.set(key, validation);
        cache.set(key, validation);
      });
    } catch (e) {
      error = (e as Error).message;
    }
  }
  return {
    run: { validated: todo.size, cached: diagrams.length - todo.size, ...(error ? { error } : {}) },
    verdicts: diagrams.map((d) => known.get(sha1(d.source))),
  };
}

/** New plans whose diagrams carry their verdicts (`verdicts` in the order of all plans' diagrams). */
export function withVerdicts(
  plans: readonly Plan[],
  verdicts: readonly (DiagramValidation | undefined)[],
): Plan[] {
  let next = 0;
  return plans.map((plan) => ({
    ...plan,
    diagrams: plan.diagrams.map((d) => {
      const validation = verdicts[next++];
      return validation ? { ...d, validation } : d;
    }),
  }));
}
