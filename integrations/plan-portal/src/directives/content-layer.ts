import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DiskCache, sha1 } from "../cache/disk-cache.ts";
import type { DirectiveCall } from "./spec.ts";

/**
 * Plan directives in docs that Astro's content layer keeps rendered between builds.
 *
 * A content collection's .md entries (Starlight's docs, any `glob()` loader) are rendered once and
 * stored, HTML and all, in the content layer's data store (`node_modules/.astro/data-store.json`).
 * Astro 7 reuses a stored entry while the file's digest (a hash of its text) is unchanged, and drops
 * the whole store only when the content config, Astro's version or the Astro config changes (its
 * JSON, `vite`, `integrations` and `adapter` left out; see `ContentLayer#doSync`). What a doc's
 * directives show comes from the plans, which are none of these: a renamed plan kept its old title
 * in the doc, and a doc linking a deleted plan built without error.
 *
 * So every directive rendered into a stored doc is recorded here (the doc's text hash, each call
 * with a hash of its HTML or its error). Before the content layer syncs, each recorded call is
 * rendered again from the current plans; if any output differs, or fails, the key below changes.
 * The key sits in the directive plugin's options inside `markdown.processor`, which is part of the
 * Astro config digest, so Astro clears its store and renders every doc again; the failing call then
 * fails the build (see `failures`). A plan edit that changes no doc's output keeps the store.
 *
 * Why the whole store and not exactly the docs that changed: Astro has no API to drop one entry
 * (the store's file is devalue-serialised, or chunked, and internal), and the loader's `store` is
 * only reachable by wrapping the site's loader in its content.config. The cost, measured with
 * `astro sync` on the Starlight test fixture grown to 300 docs (30 of them with directives), CPU
 * time over four runs each: 5.5–6.3 s with the store kept, 8.0–9.0 s after a clear (`--force`,
 * which is what a new key does), so about 2.5 s per 300 docs (8 ms a doc), paid only on the builds
 * after which some doc would show other plan facts.
 */

/** One directive as it rendered into a stored doc: a hash of its HTML, or of its error. */
interface RecordedCall {
  call: DirectiveCall;
  outcome: string;
}

interface StoredDoc {
  /** Hash of the doc's text when its directives were recorded (Astro re-renders it on a change). */
  digest: string;
  calls: RecordedCall[];
}

interface LedgerData {
  /** The key Astro last saw: the store holds the docs as rendered under it. */
  token: string;
  /** By doc path relative to the project root. */
  docs: Record<string, StoredDoc>;
}

export type Outcome = { html: string } | { error: Error };

export interface DocLedger {
  /** Carried into the Astro config (the directive plugin's options), so its digest follows `token`. */
  readonly key: { docs: string };
  /** One directive of a doc rendered (or failed); docs the content layer does not store are skipped. */
  record(call: DirectiveCall, outcome: Outcome): void;
  /** Directive errors recorded so far (the content layer logs them and goes on; a build must not). */
  failures(): string[];
  /** Docs whose recorded directives now render differently; a non-empty answer changed `key`. */
  replay(render: (call: DirectiveCall) => Promise<string>): Promise<string[]>;
  /** Whether any stored doc holds directives (nothing to replay otherwise). */
  hasDocs(): boolean;
  save(): void;
}

function isRecordedCall(value: unknown): value is RecordedCall {
  const v = value as RecordedCall | null;
  return (
    typeof v?.outcome === "string" &&
    typeof v.call?.name === "string" &&
    typeof v.call.file === "string" &&
    Number.isInteger(v.call.line) &&
    Number.isInteger(v.call.column) &&
    typeof v.call.attributes === "object" &&
    v.call.attributes !== null
  );
}

function isLedger(value: unknown): value is LedgerData {
  const v = value as LedgerData | null;
  if (typeof v?.token !== "string" || typeof v.docs !== "object" || v.docs === null) return false;
  return Object.values(v.docs).every(
    (d) => typeof d?.digest === "string" && Array.isArray(d.calls) && d.calls.every(isRecordedCall),
  );
}

function outcomeOf(outcome: Outcome): string {
  return "html" in outcome ? `html:${sha1(outcome.html)}` : `error:${sha1(outcome.error.message)}`;
}

function callKey(call: DirectiveCall): string {
  return JSON.stringify([
    call.name,
    call.kind,
    call.label,
    call.attributes,
    call.line,
    call.column,
  ]);
}

function digestOf(file: string): string | null {
  try {
    return sha1(readFileSync(file));
  } catch {
    return null;
  }
}

/** Markdown the content layer renders and stores (MDX entries compile as modules on every build). */
const STORED_EXTENSIONS = new Set([".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn"]);

export interface LedgerOptions {
  /** Astro's cacheDir (the build's data store lives there too). */
  cacheDir: string;
  /** Project root: docs are recorded relative to it. */
  root: string;
  /** Pages (src/pages) are rendered on every build, never stored: not recorded. */
  pagesDir: string;
  /** Tests pass a version; default plan-portal's. */
  version?: string;
}

export function openDocLedger(options: LedgerOptions): DocLedger {
  const cache = new DiskCache<LedgerData>("docs", {
    root: options.cacheDir,
    fingerprint: options.root,
    valid: isLedger,
    ...(options.version ? { version: options.version } : {}),
  });
  // No ledger: whatever the store holds was rendered by nobody we know of; a new key clears it.
  const data: LedgerData = cache.get("ledger") ?? { token: randomUUID(), docs: {} };
  const key = { docs: data.token };
  const errors = new Map<string, string>();
  const stored = (file: string) =>
    STORED_EXTENSIONS.has(path.extname(file).toLowerCase()) &&
    !file.startsWith(options.pagesDir + path.sep);

  return {
    key,
    record(call, outcome) {
      const file = path.resolve(options.root, call.file);
      const digest = stored(file) ? digestOf(file) : null;
      if (digest === null) return;
      recordCall(data, call, digest, outcome);
      if ("error" in outcome) errors.set(callKey(call) + call.file, outcome.error.message);
    },
    failures: () => [...errors.values()],
    hasDocs: () => Object.keys(data.docs).length > 0,
    async replay(render) {
      const stale = await staleDocs(data, options.root, render);
      if (stale.length) {
        const changes = stale.map((s) => [s.file, ...s.outcomes].join("\0"));
        data.token = sha1([data.token, ...changes].join("\n"));
        key.docs = data.token;
        // The store is dropped and every doc renders again, recording its directives afresh.
        data.docs = {};
      }
      return stale.map((s) => s.file);
    },
    save: () => cache.set("ledger", data),
  };
}

function recordCall(data: LedgerData, call: DirectiveCall, digest: string, outcome: Outcome): void {
  let doc = data.docs[call.file];
  if (!doc || doc.digest !== digest) {
    doc = { digest, calls: [] };
    data.docs[call.file] = doc;
  }
  const entry = { call, outcome: outcomeOf(outcome) };
  const at = doc.calls.findIndex((c) => callKey(c.call) === callKey(call));
  if (at >= 0) doc.calls[at] = entry;
  else doc.calls.push(entry);
}

/**
 * Each doc whose directives render differently now, or fail (a doc
 * that failed is stored without its HTML: it must render again to fail the build again). Docs
 * whose text changed, or that are gone, leave the ledger: Astro renders those again by itself.
 */
async function staleDocs(
  data: LedgerData,
  root: string,
  render: (call: DirectiveCall) => Promise<string>,
): Promise<{ file: string; outcomes: string[] }[]> {
  const stale: { file: string; outcomes: string[] }[] = [];
  for (const [file, doc] of Object.entries(data.docs)) {
    if (digestOf(path.resolve(root, file)) !== doc.digest) {
      delete data.docs[file];
      continue;
    }
    const now = await Promise.all(
      doc.calls.map((c) =>
        render(c.call).then(
          (html) => outcomeOf({ html }),
          (error: Error) => outcomeOf({ error }),
        ),
      ),
    );
    const changed = now.some((o, i) => o !== doc.calls[i]!.outcome || o.startsWith("error:"));
    if (changed) stale.push({ file, outcomes: now });
  }
  return stale;
}
