import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { openEntry, sealEntry, sweepTemps, writeFileAtomic } from "./atomic.ts";
import { Lru } from "./lru.ts";

const require = createRequire(import.meta.url);

/** plan-portal's own version: part of every cache key, so an upgrade never reads old entries. */
export const PLUGIN_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

/**
 * Root of plan-portal's caches between builds: `PLAN_PORTAL_CACHE_DIR` when set (benchmarks point
 * it at an empty folder for a cold build), else `node_modules/.cache/plan-portal` next to Astro's
 * and Vite's caches. Deleting it is always safe.
 */
export function cacheRoot(): string {
  const fromEnv = process.env["PLAN_PORTAL_CACHE_DIR"];
  if (fromEnv) return path.resolve(fromEnv);
  try {
    const nodeModules = path.dirname(path.dirname(require.resolve("mermaid/package.json")));
    return path.join(nodeModules, ".cache", "plan-portal");
  } catch {
    return path.resolve("node_modules", ".cache", "plan-portal");
  }
}

export function sha1(text: string | Uint8Array): string {
  return createHash("sha1").update(text).digest("hex");
}

/**
 * A stable text for any options value (key order ignored, functions by their source, cycles cut),
 * so a hash of it changes exactly when the options do.
 */
export function stableStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "function") return `fn:${v.toString()}`;
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof URL) return v.href;
    if (v instanceof RegExp) return `re:${v.toString()}`;
    if (v === null || typeof v !== "object") return v;
    if (seen.has(v)) return "[cycle]";
    seen.add(v);
    if (v instanceof Map) return walk(Object.fromEntries(v));
    if (v instanceof Set) return [...v].map(walk);
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) out[key] = walk((v as Record<string, unknown>)[key]);
    return out;
  };
  return JSON.stringify(walk(value)) ?? "undefined";
}

/** How the values of one cache become entry files and back. */
export interface EntryCodec<T> {
  /** How an entry's file name ends (`json`, `svg`), for whoever looks into the folder. */
  extension: string;
  encode(value: T): string;
  /** The value, or undefined when the text is not a valid one (the entry is then a miss). */
  decode(text: string): T | undefined;
}

/** JSON entries checked by a type guard: a foreign or outdated shape is a miss. */
export function jsonCodec<T>(valid: (value: unknown) => value is T): EntryCodec<T> {
  return {
    extension: "json",
    encode: (value) => JSON.stringify(value),
    decode(text) {
      try {
        const value: unknown = JSON.parse(text);
        return valid(value) ? value : undefined;
      } catch {
        return undefined; // not JSON: a miss, like any entry that fails its check
      }
    },
  };
}

/** Text entries (SVG markup) checked by `valid`. */
export function textCodec(extension: string, valid: (text: string) => boolean): EntryCodec<string> {
  return { extension, encode: (text) => text, decode: (text) => (valid(text) ? text : undefined) };
}

export interface DiskCacheStats {
  /** Entries served, from memory or disk. */
  hits: number;
  /** Of the hits, those served by the in-memory layer. */
  fromMemory: number;
  misses: number;
  /** Entries that were there but unreadable or failed a check (ignored and rewritten). */
  corrupt: number;
  writes: number;
}

/** Bounds of the optional in-memory layer; weight is the length of an entry's encoded text. */
export interface MemoryLimits {
  maxEntries?: number;
  maxWeight?: number;
}

interface CommonOptions {
  root?: string;
  fingerprint: string;
  /** Default: plan-portal's version (tests pass another). */
  version?: string;
  /** Keep recently used values in memory too (a dev server's rebuilds), within these bounds. */
  memory?: MemoryLimits;
}

/** Either a type guard for JSON entries (`valid`) or a codec of one's own. */
export type DiskCacheOptions<T> = CommonOptions &
  (
    | { valid: (value: unknown) => value is T; codec?: never }
    | { codec: EntryCodec<T>; valid?: never }
  );

/** Cache roots already warned about and folders already swept: once per process each. */
const warned = new Set<string>();
const swept = new Set<string>();

/**
 * Say once per process and cache root that it cannot be written, and what to do: the build goes
 * on (a cache only makes builds faster), but a cache that silently never fills is a mystery.
 */
export function warnUnwritable(root: string, error: Error): void {
  if (warned.has(root)) return;
  warned.add(root);
  process.emitWarning(
    `plan-portal cannot write its cache in ${root} (${error.message}); builds go on without it and will not get faster. Make the folder writable or set PLAN_PORTAL_CACHE_DIR to a writable one.`,
    { code: "PLAN_PORTAL_CACHE" },
  );
}

/**
 * plan-portal's one cache: keyed entries, one file each under `dir/<namespace>/<2 hex>/`. The
 * namespace carries the plugin version and an options fingerprint, so a change of either starts
 * from an empty folder. Writes go through a temporary name and a rename, and each file carries its
 * length and checksum (see atomic.ts): concurrent builds never see half an entry, and one killed
 * mid-write leaves at most a stray temporary that no read looks at. An entry that fails its
 * checks is a miss that the caller's next `set` rewrites. A failed write turns writing off with
 * one warning: the cache can make a build faster, never fail it.
 */
export class DiskCache<T> {
  readonly dir: string;
  readonly stats: DiskCacheStats = { hits: 0, fromMemory: 0, misses: 0, corrupt: 0, writes: 0 };
  private readonly root: string;
  private failed: string | undefined;
  private readonly codec: EntryCodec<T>;
  private readonly memory: Lru<string, T> | null;

  constructor(name: string, options: DiskCacheOptions<T>) {
    const version = options.version ?? PLUGIN_VERSION;
    const namespace = sha1(`${version}\0${options.fingerprint}`).slice(0, 16);
    this.root = options.root ?? cacheRoot();
    this.dir = path.join(this.root, name, namespace);
    this.codec = options.codec ?? jsonCodec(options.valid);
    this.memory = options.memory ? new Lru<string, T>(options.memory) : null;
  }

  /** Why writing stopped, when it did (the error's message). */
  get writeError(): string | undefined {
    return this.failed;
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.${this.codec.extension}`);
  }

  get(key: string): T | undefined {
    const remembered = this.memory?.get(key);
    if (remembered !== undefined) {
      this.stats.hits++;
      this.stats.fromMemory++;
      return remembered;
    }
    const found = this.read(key);
    if (found === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.memory?.set(key, found.value, found.weight);
    return found.value;
  }

  /** The entry on disk when it is there and passes the header and codec checks. */
  private read(key: string): { value: T; weight: number } | undefined {
    let data: Buffer;
    try {
      data = readFileSync(this.file(key));
    } catch (error) {
      // Absent is an ordinary miss; unreadable (a folder, no permission) is counted as corrupt.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.stats.corrupt++;
      return undefined;
    }
    const body = openEntry(data);
    const text = body?.toString("utf8");
    const value = text === undefined ? undefined : this.codec.decode(text);
    if (value === undefined) {
      this.stats.corrupt++;
      return undefined;
    }
    return { value, weight: text!.length };
  }

  set(key: string, value: T): void {
    const text = this.codec.encode(value);
    this.memory?.set(key, value, text.length);
    if (this.failed !== undefined) return;
    try {
      writeFileAtomic(this.file(key), sealEntry(text));
      this.stats.writes++;
    } catch (error) {
      this.stopWriting(error as Error);
      return;
    }
    this.sweepOnce();
  }

  /** A read-only or full disk: go on without caching, and say once how to get the cache back. */
  private stopWriting(error: Error): void {
    this.failed = error.message;
    warnUnwritable(this.root, error);
  }

  /** Stray temporaries of killed builds go on the first write of a process (a writable cache). */
  private sweepOnce(): void {
    if (swept.has(this.dir)) return;
    swept.add(this.dir);
    sweepTemps(this.dir, 1);
  }
}
