import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pageWeights } from "../bench/gen/page-weights.ts";

const dist = mkdtempSync(path.join(os.tmpdir(), "page-weights-test-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function page(rel: string, bytes: number): void {
  const file = path.join(dist, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "x".repeat(bytes));
}

describe("pageWeights", () => {
  page("index.html", 100);
  page("404.html", 7);
  page("risks/index.html", 300);
  page("risks/cell/low-high/index.html", 50);
  page("001-a/index.html", 40);
  page("002-b/index.html", 90);
  page("002-b/tasks/index.html", 20);
  page("pagefind/fragment.html", 5000);
  page("_astro/x.html", 5000);
  page("risks/data.json", 9000);

  it("keeps the heaviest page per kind, counts pages, ignores search and asset files", () => {
    const weights = pageWeights(dist, new Set(["001-a", "002-b"]));
    expect(weights).toEqual([
      { kind: "risks", page: "risks/index.html", bytes: 300, pages: 2 },
      { kind: "index", page: "index.html", bytes: 100, pages: 1 },
      { kind: "plan pages", page: "002-b/index.html", bytes: 90, pages: 2 },
      { kind: "plan sub-pages", page: "002-b/tasks/index.html", bytes: 20, pages: 1 },
      { kind: "404", page: "404.html", bytes: 7, pages: 1 },
    ]);
  });
});
