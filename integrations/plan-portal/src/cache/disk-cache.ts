import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

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

export interface DiskCacheStats {
  hits: number;
  misses: number;
  /** Entries that were there but unreadable or of the wrong shape (ignored and rewritten). */
  corrupt: number;
  writes: number;
}

/**
 * Entries as one JSON file each under `dir/<namespace>/`, keyed by the caller's hash. The namespace
 * carries the plugin version and an options hash, so a change of either starts from an empty
 * folder. Anything unreadable is a miss; a failed write is ignored: the cache can make a build
 * faster, never fail it.
 */
export class DiskCache<T> {
  readonly dir: string;
  readonly stats: DiskCacheStats = { hits: 0, misses: 0, corrupt: 0, writes: 0 };
  private readonly valid: (value: unknown) => value is T;
  private writable = true;

  constructor(
    name: string,
    options: {
      root?: string;
      fingerprint: string;
      valid: (value: unknown) => value is T;
      /** Default: plan-portal's version (tests pass another). */
      version?: string;
    },
  ) {
    const version = options.version ?? PLUGIN_VERSION;
    const namespace = sha1(`${version}\0${options.fingerprint}`).slice(0, 16);
    this.dir = path.join(options.root ?? cacheRoot(), name, namespace);
    this.valid = options.valid;
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): T | undefined {
    let text: string;
    try {
      text = readFileSync(this.file(key), "utf8");
    } catch {
      this.stats.misses++;
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (this.valid(value)) {
        this.stats.hits++;
        return value;
      }
    } catch {
      // fall through: a torn or foreign file is a miss
    }
    this.stats.corrupt++;
    this.stats.misses++;
    return undefined;
  }

  set(key: string, value: T): void {
    if (!this.writable) return;
    const file = this.file(key);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      // Write then rename: a build killed halfway never leaves half an entry behind.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(value));
      renameSync(temp, file);
      this.stats.writes++;
    } catch {
      // A read-only or full disk: go on without caching.
      this.writable = false;
    }
  }
}
