import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
