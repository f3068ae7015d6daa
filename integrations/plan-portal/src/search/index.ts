import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  openEntry,
  removeQuietly,
  replaceDirAtomic,
  sealEntry,
  sweepTemps,
  tempPath,
} from "../cache/atomic.ts";
import { cacheRoot, PLUGIN_VERSION, sha1, warnUnwritable } from "../cache/disk-cache.ts";
import { PagefindFailed, PagefindMissing } from "../errors.ts";
import { astroError } from "../options-errors.ts";
import { htmlFiles } from "../util/html-files.ts";
import { PORTAL_DASHBOARDS } from "../vocabulary.ts";
import { DOCS_FILE, findDocs, markedForSearch, type DocsIndexRef } from "./docs.ts";

const require = createRequire(import.meta.url);

export interface SearchIndexResult {
  pages: number;
  /** Bytes written for the index (all files under pagefind/). */
  bytes: number;
  ms: number;
  /** Indexes built now and copied from the cache (the dashboards' index plus the page shards). */
  shards: { built: number; cached: number };
}

export interface SearchIndexOptions {
  /**
   * Relative paths (with `/`) of the dashboards: indexed on their own, as they change with every
   * plan. Default: the portal's dashboards (PORTAL_DASHBOARDS, the plan index among them).
   */
  isDashboard?: (relativePath: string) => boolean;
  /** Pages per shard (default 400); fewer shards than that are never made. */
  shardPages?: number;
  /** At most this many shards (default 16): the browser loads one small index per shard. */
  maxShards?: number;
  /** Where built shards are kept for the next build; null: no cache. Default: `<cache>/search`. */
  cacheDir?: string | null;
  /**
   * The built site around the portal, whose onboarding docs (search/docs.ts) get an index of their
   * own that the search dialog merges, with the site's base (`/`) in front of their URLs.
   */
  docs?: { siteDir: string; baseUrl: string };
}

/** Pagefind ships its indexer as a platform binary package; a failed load says which part broke. */
async function loadPagefind(): Promise<Pagefind> {
  try {
    return await import("pagefind");
  } catch (error) {
    throw astroError(PagefindMissing, (error as Error).message);
  }
}

/** The list of shard folders below `pagefind/` that the search dialog merges into the main index. */
export const SHARDS_FILE = "shards.json";

function size(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? size(p) : statSync(p).size;
  }
  return total;
}

const DASHBOARDS = new Set(
  PORTAL_DASHBOARDS.flatMap((n) =>
    n.path ? [`${n.path}/index.html`, `${n.path}.html`] : ["index.html"],
  ),
);

/** The portal's own dashboards (index, questions, risks, …) below the portal folder. */
export const isPortalDashboard = (relativePath: string): boolean => DASHBOARDS.has(relativePath);

function pagefindVersion(): string {
  try {
    return (require("pagefind/package.json") as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** Which shard a page belongs to: by a hash of its path, so a page stays in its shard across builds. */
function shardOf(relativePath: string, shards: number): number {
  return parseInt(sha1(relativePath).slice(0, 8), 16) % shards;
}

/**
 * The file in a cached index folder that lists its files with their SHA-1s, itself a sealed entry
 * (length and checksum in a header, see cache/atomic.ts). It is written last into a temporary
 * folder that is then renamed into place, so a folder without a valid one is incomplete or foreign.
 */
const MANIFEST = "plan-portal-manifest";

/** Relative paths (with `/`) and SHA-1s of a cached index folder's files. */
type Manifest = [string, string][];

function isManifest(value: unknown): value is Manifest {
  return (
    Array.isArray(value) &&
    value.every(
      (e) =>
        Array.isArray(e) &&
        e.length === 2 &&
        typeof e[0] === "string" &&
        typeof e[1] === "string" &&
        !e[0].split("/").includes(".."),
    )
  );
}

function readManifest(entry: string): Manifest | undefined {
  try {
    const body = openEntry(readFileSync(path.join(entry, MANIFEST)));
    const value: unknown = body ? JSON.parse(body.toString("utf8")) : undefined;
    return isManifest(value) ? value : undefined;
  } catch {
    return undefined; // absent (not cached yet) or unreadable: a miss, indexed and rewritten
  }
}

/**
 * Copy a cached index folder to `out` when its manifest holds and every file matches its
 * checksum; false (nothing written) when not: the shard is then indexed and its entry replaced.
 */
function restoreIndex(entry: string, out: string): boolean {
  const manifest = readManifest(entry);
  if (!manifest) return false;
  const files: [string, Buffer][] = [];
  for (const [name, sum] of manifest) {
    let data: Buffer;
    try {
      data = readFileSync(path.join(entry, name));
    } catch {
      return false;
    }
    if (sha1(data) !== sum) return false;
    files.push([name, data]);
  }
  // Verified in full before the first write: a bad entry leaves nothing behind in `out`.
  for (const [name, data] of files) {
    mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
    writeFileSync(path.join(out, name), data);
  }
  try {
    const now = new Date();
    utimesSync(entry, now, now);
  } catch {
    // A read-only cache: the time only orders pruning, which such a cache never does.
  }
  return true;
}

/** Files below `dir` as relative paths with `/`, leaving out the folders `skip` names. */
function filesBelow(dir: string, skip: (relative: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((f) => !skip(f))
    .sort();
}

/**
 * Keep the index just written to `out` as the cache entry `entry`: copied into a temporary
 * folder, manifest last, then renamed into place (replacing an entry that failed its check).
 */
function storeIndex(out: string, entry: string): void {
  const temp = tempPath(entry);
  try {
    // The main index's folder holds the shards; those are cached on their own.
    const names = filesBelow(out, (f) => f.startsWith("shard-"));
    const manifest: Manifest = [];
    mkdirSync(temp, { recursive: true });
    for (const name of names) {
      const data = readFileSync(path.join(out, name));
      mkdirSync(path.dirname(path.join(temp, name)), { recursive: true });
      writeFileSync(path.join(temp, name), data);
      manifest.push([name, sha1(data)]);
    }
    writeFileSync(path.join(temp, MANIFEST), sealEntry(JSON.stringify(manifest)));
    replaceDirAtomic(temp, entry);
  } catch (error) {
    // No cache this time (read-only or full disk); the index itself is written.
    removeQuietly(temp);
    warnUnwritable(path.dirname(entry), error as Error);
  }
}

/**
 * Drop cached shards this build did not use once there are many (least recently used first), and
 * only those unused for an hour: another build sharing the cache may be copying one right now.
 * Temporary folders of killed builds go after an hour too.
 */
function prune(dir: string, used: Set<string>, keep: number): void {
  sweepTemps(dir, 0);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.includes("."));
  } catch {
    return;
  }
  if (names.length <= keep) return;
  const hourAgo = Date.now() - 3_600_000;
  const old = names
    .filter((n) => !used.has(n))
    .map((n) => {
      try {
        return { n, t: statSync(path.join(dir, n)).mtimeMs };
      } catch {
        return { n, t: Infinity };
      }
    })
    .filter((e) => e.t < hourAgo)
    .sort((a, b) => a.t - b.t);
  for (const { n } of old.slice(0, names.length - keep)) removeQuietly(path.join(dir, n));
}

/**
 * The portal's pages below `portalDir` (relative, with `/`) that Pagefind would index, and every
 * page's hash for the shard cache. Pagefind indexes only pages with data-pagefind-body once any
 * page has one, and shards must agree; each page is read once for both.
 */
function readPages(portalDir: string): { files: string[]; hashes: Map<string, string> } {
  const ownIndex = path.join(portalDir, "pagefind");
  const files = htmlFiles(portalDir, (folder) => folder === ownIndex)
    .map((f) => path.relative(portalDir, f).split(path.sep).join("/"))
    .sort();
  const hashes = new Map<string, string>();
  const marked: string[] = [];
  for (const f of files) {
    const content = readFileSync(path.join(portalDir, f));
    hashes.set(f, sha1(content));
    if (content.includes("data-pagefind-body")) marked.push(f);
  }
  return { files: marked.length ? marked : files, hashes };
}

/** Pages (dashboards left out) in shards by a hash of their path: as many as the options allow. */
function shardGroups(pages: string[], options: SearchIndexOptions): string[][] {
  const count = Math.min(
    options.maxShards ?? 16,
    Math.max(1, Math.ceil(pages.length / (options.shardPages ?? 400))),
  );
  const groups: string[][] = Array.from({ length: count }, () => []);
  for (const f of pages) groups[shardOf(f, count)]!.push(f);
  return groups;
}

/**
 * A folder (in `portalDir`) of hard links to the job's pages (the same relative paths, so the same
 * URLs): Pagefind reads it much faster than it takes each page's HTML over its API. Docs are
 * copied, marked for search where their layout does not mark them.
 */
function stagePages(portalDir: string, job: IndexJob): string {
  const stage = path.join(portalDir, `.pagefind-stage-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  for (const f of job.group) {
    const from = path.join(job.source, f);
    const to = path.join(stage, f);
    mkdirSync(path.dirname(to), { recursive: true });
    if (job.docs) {
      writeFileSync(to, markedForSearch(readFileSync(from, "utf8")));
      continue;
    }
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
  return stage;
}

type Pagefind = typeof import("pagefind");

/** Index one group of pages with Pagefind into `out`; the number of pages it indexed. */
async function indexGroup(pagefind: Pagefind, portalDir: string, job: IndexJob): Promise<number> {
  const { group, out } = job;
  const stage = stagePages(portalDir, job);
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw astroError(PagefindFailed, "start", errors.join("; "));
  let indexed = 0;
  try {
    if (group.length) {
      const added = await index.addDirectory({ path: stage, glob: "**/*.html" });
      if (added.errors.length)
        throw astroError(PagefindFailed, `index ${portalDir}`, added.errors.join("; "));
      indexed = added.page_count;
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length)
    throw astroError(PagefindFailed, `write ${out}`, written.errors.join("; "));
  await index.deleteIndex();
  return indexed;
}

/** One index to make: its pages and where it goes (the main index's folder, or a shard's). */
interface IndexJob {
  /** The pages, relative to `source` with `/`. */
  group: string[];
  /** The folder the pages are in: the portal's, or the site's for the docs. */
  source: string;
  /** Each page's content hash (for the cache). */
  hashes: Map<string, string>;
  out: string;
  /** The site's docs (see search/docs.ts). */
  docs?: boolean;
}

/**
 * Each job's index copied from the cache when its pages are the cached ones, else indexed (and
 * cached). Counts what was built and copied, and the cache entries used (kept by pruning).
 */
async function runJobs(
  jobs: IndexJob[],
  portalDir: string,
  outputRoot: string,
  cacheDir: string | null,
): Promise<{ built: number; cached: number; indexed: number; used: Set<string> }> {
  const version = `${PLUGIN_VERSION}\0${pagefindVersion()}`;
  const totals = { built: 0, cached: 0, indexed: 0, used: new Set<string>() };
  const pagefind = await loadPagefind();
  try {
    for (const job of jobs) {
      const { group, out, hashes } = job;
      if (group.length === 0 && out !== outputRoot) continue;
      const pages = group.map((f) => `${f}\0${hashes.get(f)}`);
      const hash = sha1([version, job.docs ? "docs" : "portal", ...pages].join("\0"));
      totals.used.add(hash);
      const hit = cacheDir ? path.join(cacheDir, hash) : null;
      if (hit && restoreIndex(hit, out)) {
        totals.cached++;
        totals.indexed += group.length;
        continue;
      }
      totals.indexed += await indexGroup(pagefind, portalDir, job);
      if (out !== outputRoot) {
        // A merged shard needs its index files only; the scripts and styles come from the main one.
        for (const name of readdirSync(out))
          if (/\.(js|css)$/.test(name)) rmSync(path.join(out, name), { force: true });
      }
      totals.built++;
      if (hit) storeIndex(out, hit);
    }
  } finally {
    await pagefind.close();
  }
  return totals;
}

/**
 * The docs' index folder below `pagefind/`; named like a shard, so the main index's cache entry
 * leaves it out as it does the shards.
 */
const DOCS_INDEX = "shard-docs";

/** The job indexing the site's docs outside the portal; null when the site has none. */
function docsJob(
  docs: NonNullable<SearchIndexOptions["docs"]>,
  portalDir: string,
  outputRoot: string,
): IndexJob | null {
  const group = findDocs(docs.siteDir, portalDir);
  if (!group.length) return null;
  const hashes = new Map(
    group.map((f) => [f, sha1(readFileSync(path.join(docs.siteDir, f)))] as const),
  );
  return {
    group,
    source: docs.siteDir,
    hashes,
    out: path.join(outputRoot, DOCS_INDEX),
    docs: true,
  };
}

/**
 * Pagefind index of the built portal (`portalDir`: the output folder of the portal's routes),
 * written to `portalDir/pagefind/`. Only elements inside `data-pagefind-body` are indexed, and only
 * pages that have one: plan pages, their sibling documents and the dashboards.
 *
 * The pages are indexed in shards: the dashboards (which change with every plan) form the main
 * index, every other page goes to one of N shard indexes by a hash of its path, and the search
 * dialog merges the shards into the main index (Pagefind's `mergeIndex`). A shard whose pages are
 * byte for byte those of a cached shard is copied instead of indexed, so after editing one plan a
 * rebuild indexes the dashboards and one shard. Shards also bound Pagefind's memory, which grows
 * with the text of one index (about 0.6 MB per plan page).
 */
export async function buildSearchIndex(
  portalDir: string,
  options: SearchIndexOptions = {},
): Promise<SearchIndexResult> {
  const start = performance.now();
  const isDashboard = options.isDashboard ?? isPortalDashboard;
  const { files, hashes } = readPages(portalDir);
  const groups = shardGroups(
    files.filter((f) => !isDashboard(f)),
    options,
  );
  const cacheDir =
    options.cacheDir === undefined ? path.join(cacheRoot(), "search") : options.cacheDir;
  const outputRoot = path.join(portalDir, "pagefind");
  rmSync(outputRoot, { recursive: true, force: true });
  const docs = options.docs ? docsJob(options.docs, portalDir, outputRoot) : null;
  // Shards first (their folders sit inside the main index's folder, written last).
  const jobs: IndexJob[] = [
    ...groups.map((group, i) => ({
      group,
      source: portalDir,
      hashes,
      out: path.join(outputRoot, `shard-${i}`),
    })),
    ...(docs ? [docs] : []),
    { group: files.filter(isDashboard), source: portalDir, hashes, out: outputRoot },
  ];
  const { built, cached, indexed, used } = await runJobs(jobs, portalDir, outputRoot, cacheDir);
  const shardDirs = groups.flatMap((g, i) => (g.length ? [`shard-${i}/`] : []));
  writeFileSync(path.join(outputRoot, SHARDS_FILE), JSON.stringify(shardDirs));
  // Always written (null: no docs), so the dialog's request for it never fails.
  const ref: DocsIndexRef | null =
    docs && options.docs ? { index: `${DOCS_INDEX}/`, baseUrl: options.docs.baseUrl } : null;
  writeFileSync(path.join(outputRoot, DOCS_FILE), JSON.stringify(ref));
  if (cacheDir) prune(cacheDir, used, Math.max(64, used.size * 4));
  return {
    pages: indexed,
    bytes: size(outputRoot),
    ms: performance.now() - start,
    shards: { built, cached },
  };
}
