import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { buildSearchIndex, SHARDS_FILE } from "../src/search/index.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "plan-portal-search-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function page(site: string, rel: string, words: string): void {
  const file = path.join(site, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `<!doctype html><html lang="en"><head><title>${rel}</title></head><body><main data-pagefind-body><h1>${rel}</h1><p>${words}</p></main><footer>not indexed</footer></body></html>`,
  );
}

function site(name: string, edit = ""): string {
  const dir = path.join(work, name);
  page(dir, "index.html", "plans dashboard");
  page(dir, "questions/index.html", "open questions dashboard");
  for (let i = 0; i < 12; i++)
    page(dir, `00${i}-plan/index.html`, `plan number ${i} ${i === 3 ? edit : ""}`);
  page(dir, "notes.html", "");
  writeFileSync(path.join(dir, "notes.html"), "<html><body>no body marker</body></html>");
  return dir;
}

/** URLs of the pages in one index folder (its fragments are gzipped JSON). */
function urls(dir: string): string[] {
  const fragments = path.join(dir, "fragment");
  return readdirSync(fragments).map(
    (f) =>
      (
        JSON.parse(
          gunzipSync(readFileSync(path.join(fragments, f)))
            .toString("utf8")
            .replace(/^pagefind_dcd/, ""),
        ) as { url: string }
      ).url,
  );
}

describe("the search index in shards", () => {
  const cacheDir = path.join(work, "cache");

  it("puts the dashboards in the main index and the other pages in shards", async () => {
    const dir = site("a");
    const result = await buildSearchIndex(dir, { shardPages: 5, cacheDir });
    expect(result.pages).toBe(14);
    expect(result.shards).toEqual({ built: 4, cached: 0 });
    const root = path.join(dir, "pagefind");
    const shards = JSON.parse(readFileSync(path.join(root, SHARDS_FILE), "utf8")) as string[];
    expect(shards).toHaveLength(3);
    expect(urls(root).sort()).toEqual(["/", "/questions/"]);
    const inShards = shards.flatMap((s) => urls(path.join(root, s)));
    expect(inShards).toHaveLength(12);
    expect(inShards).not.toContain("/notes.html");
    // Shards hold index files only; the scripts come from the main index.
    for (const s of shards)
      expect(readdirSync(path.join(root, s)).some((f) => f.endsWith(".js"))).toBe(false);
    expect(readdirSync(root)).toContain("pagefind.js");
  });

  it("reuses unchanged shards and re-indexes the one whose page changed", async () => {
    const same = await buildSearchIndex(site("b"), { shardPages: 5, cacheDir });
    expect(same.shards).toEqual({ built: 0, cached: 4 });
    const edited = await buildSearchIndex(site("c", "zebra"), { shardPages: 5, cacheDir });
    expect(edited.shards).toEqual({ built: 1, cached: 3 });
    expect(edited.pages).toBe(14);
  });

  it("indexes everything without a cache", async () => {
    const result = await buildSearchIndex(site("d"), { cacheDir: null });
    expect(result.shards).toEqual({ built: 2, cached: 0 });
  });
});

/** Every file below `dir` with a SHA-1 of its bytes, to compare two builds' indexes. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    out[path.relative(dir, p)] = createHash("sha1").update(readFileSync(p)).digest("hex");
  }
  return out;
}

/** The cache's entries (folders named by a 40-hex hash). */
const cacheEntries = (cacheDir: string) =>
  readdirSync(cacheDir).filter((n) => /^[0-9a-f]{40}$/.test(n));

describe("the shard cache's write discipline", () => {
  it("indexes a shard again when a file of its cached copy is cut short, and repairs the entry", async () => {
    const cacheDir = path.join(work, "cache-damaged");
    const clean = site("damaged-1");
    await buildSearchIndex(clean, { shardPages: 5, cacheDir });
    const entry = path.join(cacheDir, cacheEntries(cacheDir).sort()[0]!);
    const fragment = path.join(entry, "fragment", readdirSync(path.join(entry, "fragment"))[0]!);
    writeFileSync(fragment, readFileSync(fragment).subarray(0, 10));
    const again = site("damaged-2");
    const repaired = await buildSearchIndex(again, { shardPages: 5, cacheDir });
    expect(repaired.shards).toEqual({ built: 1, cached: 3 });
    expect(tree(path.join(again, "pagefind"))).toEqual(tree(path.join(clean, "pagefind")));
    const third = await buildSearchIndex(site("damaged-3"), { shardPages: 5, cacheDir });
    expect(third.shards).toEqual({ built: 0, cached: 4 });
  });

  it("does not use a cached folder without its manifest (cut short, or an older plan-portal's)", async () => {
    const cacheDir = path.join(work, "cache-manifest");
    await buildSearchIndex(site("manifest-1"), { shardPages: 5, cacheDir });
    for (const name of cacheEntries(cacheDir))
      rmSync(path.join(cacheDir, name, "plan-portal-manifest"));
    const rebuilt = await buildSearchIndex(site("manifest-2"), { shardPages: 5, cacheDir });
    expect(rebuilt.shards).toEqual({ built: 4, cached: 0 });
    for (const name of cacheEntries(cacheDir))
      expect(existsSync(path.join(cacheDir, name, "plan-portal-manifest"))).toBe(true);
  });

  it("builds the index anyway when the cache cannot be written (its folder is a file)", async () => {
    const cacheDir = path.join(work, "cache-is-a-file");
    writeFileSync(cacheDir, "");
    const result = await buildSearchIndex(site("unwritable"), { shardPages: 5, cacheDir });
    expect(result).toMatchObject({ pages: 14, shards: { built: 4, cached: 0 } });
  });

  it("sweeps temporary folders of killed builds after an hour, and leaves newer ones", async () => {
    const cacheDir = path.join(work, "cache-temps");
    const stale = path.join(cacheDir, `${"a".repeat(40)}.111-0-0.tmp`);
    const fresh = path.join(cacheDir, `${"b".repeat(40)}.222-0-0.tmp`);
    for (const temp of [stale, fresh]) {
      mkdirSync(temp, { recursive: true });
      writeFileSync(path.join(temp, "pagefind-entry.json"), "{");
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    const result = await buildSearchIndex(site("temps"), { shardPages: 5, cacheDir });
    expect(result.shards).toEqual({ built: 4, cached: 0 });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(cacheEntries(cacheDir)).toHaveLength(4);
  });
});
