import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiskCache, PLUGIN_VERSION, cacheRoot, stableStringify } from "../src/cache/disk-cache.ts";
import {
  clearRenderMemory,
  markdownFingerprint,
  renderDiskCache,
  renderMarkdown,
  type RenderCounts,
  type Renderer,
} from "../src/render/render-cache.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "plan-portal-cache-"));
  clearRenderMemory();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const isString = (v: unknown): v is string => typeof v === "string";

/** A renderer that counts its calls and writes every link it sees. */
function fakeRenderer(): Renderer & { calls: number } {
  const r = {
    calls: 0,
    async render(content: string) {
      r.calls++;
      const links = [...content.matchAll(/\]\(([^)]+)\)/g)].map((m) => `<a href="${m[1]}">x</a>`);
      return {
        code: `<h2 id="t">T</h2><p>${content.length}</p>${links.join("")}`,
        metadata: { headings: [{ depth: 2, slug: "t", text: "T" }] },
      };
    },
  };
  return r;
}

function counts(): RenderCounts {
  return { rendered: 0, fromDisk: 0, fromMemory: 0 };
}

/** Files (entries) below a cache folder. */
function entries(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(root);
  return out;
}

describe("DiskCache", () => {
  it("misses, then hits what was set", () => {
    const cache = new DiskCache("t", { root: dir, fingerprint: "a", valid: isString });
    expect(cache.get("k1")).toBeUndefined();
    cache.set("k1", "value");
    expect(cache.get("k1")).toBe("value");
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, writes: 1, corrupt: 0 });
  });

  it("starts empty when the plugin version or the options fingerprint changes", () => {
    new DiskCache("t", { root: dir, fingerprint: "a", valid: isString }).set("k", "v");
    expect(new DiskCache("t", { root: dir, fingerprint: "a", valid: isString }).get("k")).toBe("v");
    expect(
      new DiskCache("t", { root: dir, fingerprint: "b", valid: isString }).get("k"),
    ).toBeUndefined();
    expect(
      new DiskCache("t", {
        root: dir,
        fingerprint: "a",
        valid: isString,
        version: `${PLUGIN_VERSION}-next`,
      }).get("k"),
    ).toBeUndefined();
  });

  it("treats a corrupt or foreign entry as a miss and replaces it", () => {
    const cache = new DiskCache("t", { root: dir, fingerprint: "a", valid: isString });
    cache.set("k", "v");
    const [file] = entries(dir);
    writeFileSync(file!, '{"torn');
    expect(cache.get("k")).toBeUndefined();
    writeFileSync(file!, "42");
    expect(cache.get("k")).toBeUndefined();
    expect(cache.stats.corrupt).toBe(2);
    cache.set("k", "again");
    expect(cache.get("k")).toBe("again");
  });

  it.skipIf(process.getuid?.() === 0)("goes on without caching on a read-only disk", () => {
    chmodSync(dir, 0o500);
    try {
      const cache = new DiskCache("t", { root: dir, fingerprint: "a", valid: isString });
      expect(() => cache.set("k", "v")).not.toThrow();
      expect(cache.get("k")).toBeUndefined();
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it("never fails when the cache folder is a file", () => {
    const file = path.join(dir, "not-a-folder");
    writeFileSync(file, "");
    const cache = new DiskCache("t", { root: file, fingerprint: "a", valid: isString });
    expect(() => cache.set("k", "v")).not.toThrow();
    expect(cache.get("k")).toBeUndefined();
  });

  it("lives under PLAN_PORTAL_CACHE_DIR when set", () => {
    const before = process.env["PLAN_PORTAL_CACHE_DIR"];
    process.env["PLAN_PORTAL_CACHE_DIR"] = dir;
    try {
      expect(cacheRoot()).toBe(dir);
    } finally {
      if (before === undefined) delete process.env["PLAN_PORTAL_CACHE_DIR"];
      else process.env["PLAN_PORTAL_CACHE_DIR"] = before;
    }
  });
});

describe("stableStringify and the markdown fingerprint", () => {
  it("ignores key order and sees every option change, functions included", () => {
    expect(stableStringify({ a: 1, b: [2, { c: 3 }] })).toBe(
      stableStringify({ b: [2, { c: 3 }], a: 1 }),
    );
    const base = { shikiConfig: { theme: "github-dark" }, gfm: true };
    expect(markdownFingerprint(base)).toBe(
      markdownFingerprint({ gfm: true, shikiConfig: { theme: "github-dark" } }),
    );
    expect(markdownFingerprint(base)).not.toBe(
      markdownFingerprint({ ...base, shikiConfig: { theme: "nord" } }),
    );
    expect(markdownFingerprint({ plugins: [() => 1] })).not.toBe(
      markdownFingerprint({ plugins: [() => 2] }),
    );
  });

  it("copes with cycles", () => {
    const a: Record<string, unknown> = { x: 1 };
    a["self"] = a;
    expect(() => stableStringify(a)).not.toThrow();
  });
});

describe("renderMarkdown with the disk cache", () => {
  const same = (href: string) => `/plans/${href}`;

  it("renders once, then reads later builds from disk", async () => {
    const renderer = fakeRenderer();
    const text = "# Plan\n\nSee [spec](spec.md).\n";
    const c1 = counts();
    const first = await renderMarkdown(renderer, text, same, "001-a", {
      disk: renderDiskCache("md", { root: dir }),
      keepInMemory: false,
      counts: c1,
    });
    expect(first.html).toContain('href="/plans/spec.md"');
    expect(c1).toEqual({ rendered: 1, fromDisk: 0, fromMemory: 0 });
    // A new build (new process: nothing in memory) with the same inputs.
    const c2 = counts();
    const second = await renderMarkdown(renderer, text, same, "001-a", {
      disk: renderDiskCache("md", { root: dir }),
      keepInMemory: false,
      counts: c2,
    });
    expect(c2).toEqual({ rendered: 0, fromDisk: 1, fromMemory: 0 });
    expect(second.html).toBe(first.html);
    expect(second.headings).toEqual(first.headings);
    expect(renderer.calls).toBe(1);
  });

  it("re-renders when the text, the document, the markdown options or the version change", async () => {
    const renderer = fakeRenderer();
    const run = (text: string, key: string, fingerprint: string, version?: string) =>
      renderMarkdown(renderer, text, same, key, {
        disk: renderDiskCache(fingerprint, { root: dir, ...(version ? { version } : {}) }),
        keepInMemory: false,
      });
    await run("a", "001-a", "md");
    await run("a", "001-a", "md");
    expect(renderer.calls).toBe(1);
    await run("b", "001-a", "md");
    expect(renderer.calls).toBe(2);
    await run("a", "002-a", "md");
    expect(renderer.calls).toBe(3);
    await run("a", "001-a", markdownFingerprint({ smartypants: false }));
    expect(renderer.calls).toBe(4);
    await run("a", "001-a", "md", "99.0.0");
    expect(renderer.calls).toBe(5);
    await run("a", "001-a", "md");
    expect(renderer.calls).toBe(5);
  });

  it("re-renders when a link now resolves differently (a linked plan appeared)", async () => {
    const renderer = fakeRenderer();
    const text = "Builds on [payments](../004-payments/plan.md).";
    const cache = () => ({ disk: renderDiskCache("md", { root: dir }), keepInMemory: false });
    const missing = await renderMarkdown(renderer, text, () => null, "001-a", cache());
    expect(missing.html).toContain("unresolved-link");
    const present = await renderMarkdown(
      renderer,
      text,
      () => "/plans/004-payments/",
      "001-a",
      cache(),
    );
    expect(present.html).toContain('href="/plans/004-payments/"');
    expect(renderer.calls).toBe(2);
    await renderMarkdown(renderer, text, () => "/plans/004-payments/", "001-a", cache());
    expect(renderer.calls).toBe(2);
  });

  it("renders anyway when an entry is corrupt, and repairs it", async () => {
    const renderer = fakeRenderer();
    const cache = () => ({ disk: renderDiskCache("md", { root: dir }), keepInMemory: false });
    const first = await renderMarkdown(renderer, "text", same, "001-a", cache());
    for (const file of entries(dir)) writeFileSync(file, '{"html": 3}');
    const again = await renderMarkdown(renderer, "text", same, "001-a", cache());
    expect(again.html).toBe(first.html);
    expect(renderer.calls).toBe(2);
    await renderMarkdown(renderer, "text", same, "001-a", cache());
    expect(renderer.calls).toBe(2);
  });

  it("keeps documents in memory for dev rebuilds only when asked", async () => {
    const renderer = fakeRenderer();
    const c = counts();
    await renderMarkdown(renderer, "x", same, "001-a", {
      disk: null,
      keepInMemory: true,
      counts: c,
    });
    await renderMarkdown(renderer, "x", same, "001-a", {
      disk: null,
      keepInMemory: true,
      counts: c,
    });
    expect(c).toEqual({ rendered: 1, fromDisk: 0, fromMemory: 1 });
    clearRenderMemory();
    await renderMarkdown(renderer, "y", same, "001-a", { disk: null, keepInMemory: false });
    await renderMarkdown(renderer, "y", same, "001-a", { disk: null, keepInMemory: false });
    expect(renderer.calls).toBe(3);
  });
});

describe("documents with plan directives", () => {
  it("are not cached on disk (they show other plans' facts)", async () => {
    const renderer = fakeRenderer();
    const cache = () => ({ disk: renderDiskCache("md", { root: dir }), keepInMemory: false });
    const text = "Depends on :plan[003-checkout-flow] being ready.";
    await renderMarkdown(renderer, text, (h) => h, "001-a", cache());
    await renderMarkdown(renderer, text, (h) => h, "001-a", cache());
    expect(renderer.calls).toBe(2);
    await renderMarkdown(renderer, "A plain plan: 10:30.", (h) => h, "001-a", cache());
    await renderMarkdown(renderer, "A plain plan: 10:30.", (h) => h, "001-a", cache());
    expect(renderer.calls).toBe(3);
  });
});
