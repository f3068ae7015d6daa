import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { DOCS_FILE } from "../src/search/docs.ts";
import { buildSearchIndex } from "../src/search/index.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "plan-portal-search-docs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(file: string, html: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html);
}

/** The records (url, filters) of one index folder; its fragments are gzipped JSON. */
function records(dir: string): { url: string; filters: Record<string, string[]> }[] {
  const fragments = path.join(dir, "fragment");
  return readdirSync(fragments)
    .map((f) =>
      JSON.parse(
        gunzipSync(readFileSync(path.join(fragments, f)))
          .toString("utf8")
          .replace(/^pagefind_dcd/, ""),
      ),
    )
    .sort((a, b) => a.url.localeCompare(b.url));
}

/** A built site: the portal below /plans/, docs beside it (on DocLayout, on their own layout), a page that is neither. */
function site(): string {
  const dir = path.join(work, "site");
  write(
    path.join(dir, "plans", "index.html"),
    "<html><body><main data-pagefind-body><h1>Plans</h1></main></body></html>",
  );
  write(
    path.join(dir, "docs", "start", "index.html"),
    '<html><body><nav>menu</nav><article data-pagefind-body><div hidden data-pagefind-ignore><span data-pagefind-filter="kind:doc"></span></div><h1>Start</h1><p>welcome aboard</p></article></body></html>',
  );
  write(
    path.join(dir, "team", "index.html"),
    '<html><body><h1>Team</h1><p>we own <span class="pp-ref"><a href="/plans/003/">Checkout</a></span></p></body></html>',
  );
  write(path.join(dir, "about", "index.html"), "<html><body><h1>About</h1></body></html>");
  return dir;
}

describe("the site's docs in the portal's search", () => {
  it("indexes docs outside the portal as kind doc, with the site's base in front", async () => {
    const dir = site();
    const portal = path.join(dir, "plans");
    await buildSearchIndex(portal, { cacheDir: null, docs: { siteDir: dir, baseUrl: "/" } });
    const ref = JSON.parse(readFileSync(path.join(portal, "pagefind", DOCS_FILE), "utf8"));
    expect(ref).toEqual({ index: "shard-docs/", baseUrl: "/" });
    const docs = records(path.join(portal, "pagefind", "shard-docs"));
    expect(docs.map((d) => [d.url, d.filters["kind"]])).toEqual([
      ["/docs/start/", ["doc"]],
      ["/team/", ["doc"]],
    ]);
    // The doc on DocLayout is indexed from its article only.
    const start = JSON.stringify(docs[0]);
    expect(start).toContain("welcome aboard");
    expect(start).not.toContain("menu");
    // The docs' index is not in the portal's own (the dashboards').
    expect(records(path.join(portal, "pagefind")).map((r) => r.url)).toEqual(["/"]);
  });

  it("writes null when the site has no docs", async () => {
    const dir = path.join(work, "bare");
    write(
      path.join(dir, "index.html"),
      "<html><body><main data-pagefind-body>Plans</main></body></html>",
    );
    await buildSearchIndex(dir, { cacheDir: null, docs: { siteDir: dir, baseUrl: "/" } });
    expect(readFileSync(path.join(dir, "pagefind", DOCS_FILE), "utf8")).toBe("null");
  });
});
