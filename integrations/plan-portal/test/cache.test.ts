import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
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
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openEntry, sealEntry } from "../src/cache/atomic.ts";
import { DiskCache, PLUGIN_VERSION, cacheRoot, stableStringify } from "../src/cache/disk-cache.ts";
import { Lru } from "../src/cache/lru.ts";
import { svgCache } from "../src/diagrams/render-svg.ts";
import {
  boundRenderMemory,
  clearRenderMemory,
  markdownFingerprint,
  renderDiskCache,
  renderMarkdown,
  renderMemoryUse,
  type RenderCounts,
  type Renderer,
} from "../src/render/render-cache.ts";

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "plan-portal-cache-"));
  clearRenderMemory();
});
afterEach(() => {
  boundRenderMemory();
  rmSync(dir, { recursive: true, force: true });
});

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

  it("goes on without caching on a read-only disk", () => {
    // In a child process without rights to the folder: as root (CI) it drops to nobody, since
    // root writes anywhere and the case would never be exercised.
    chmodSync(dir, 0o555);
    const diskCache = pathToFileURL(path.join(src, "cache", "disk-cache.ts")).href;
    const script = [
      `import { DiskCache } from ${JSON.stringify(diskCache)};`,
      `const cache = new DiskCache("t", { root: ${JSON.stringify(dir)}, fingerprint: "a", valid: (v) => typeof v === "string" });`,
      `cache.set("k", "v");`,
      `process.stdout.write(JSON.stringify({ got: cache.get("k") ?? null, writeError: cache.writeError ?? null }));`,
    ].join("\n");
    try {
      const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
        encoding: "utf8",
        ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(result.status, result.stderr).toBe(0);
      const outcome = JSON.parse(result.stdout) as {
        got: string | null;
        writeError: string | null;
      };
      expect(outcome.got).toBeNull();
      expect(outcome.writeError).toMatch(/^EACCES/);
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
    // Kept for the caller, and said once on stderr (a PLAN_PORTAL_CACHE warning).
    expect(cache.writeError).toMatch(/^ENOTDIR/);
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

/** SHA-1 by node:crypto directly, not through the cache's code. */
const sha1Of = (text: string) => createHash("sha1").update(text).digest("hex");

/** The one entry file below `dir`, after the test wrote one key. */
function onlyEntry(): string {
  const files = entries(dir);
  expect(files).toHaveLength(1);
  return files[0]!;
}

describe("the entry format: length and checksum in a header", () => {
  it("seals a body behind `plan-portal-cache/1 <bytes> <sha1>`", () => {
    // SHA-1("abc") is the FIPS 180 test vector.
    expect(sealEntry("abc").toString("utf8")).toBe(
      "plan-portal-cache/1 3 a9993e364706816aba3e25717850c26c9cd0d89d\nabc",
    );
    expect(openEntry(Buffer.from(sealEntry("abc")))?.toString("utf8")).toBe("abc");
  });

  it("rejects a truncated, altered, empty or headerless file", () => {
    const sealed = "plan-portal-cache/1 3 a9993e364706816aba3e25717850c26c9cd0d89d\n";
    expect(openEntry(Buffer.from(`${sealed}ab`))).toBeUndefined();
    expect(openEntry(Buffer.from(`${sealed}abd`))).toBeUndefined();
    expect(openEntry(Buffer.from(""))).toBeUndefined();
    expect(openEntry(Buffer.from("abc"))).toBeUndefined();
  });
});

describe("DiskCache writes and reads", () => {
  const make = () => new DiskCache("t", { root: dir, fingerprint: "a", valid: isString });

  it("writes one sealed file per key, <2 hex>/<key>.json below the namespace", () => {
    const cache = make();
    cache.set("ab12", "value");
    const file = onlyEntry();
    expect(path.relative(cache.dir, file).split(path.sep)).toEqual(["ab", "ab12.json"]);
    // `"value"` is 7 bytes of JSON.
    expect(readFileSync(file, "utf8")).toBe(`plan-portal-cache/1 7 ${sha1Of('"value"')}\n"value"`);
  });

  it("never reads a temporary file (a build killed before its rename)", () => {
    const cache = make();
    cache.set("ab12", "value");
    const file = onlyEntry();
    rmSync(file);
    writeFileSync(`${file}.4242-0-7.tmp`, `plan-portal-cache/1 3 ${sha1Of('"x"')}\n"x"`);
    expect(cache.get("ab12")).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 0, misses: 1, corrupt: 0 });
  });

  it("treats a truncated or emptied entry as a miss and rewrites it whole", () => {
    const cache = make();
    cache.set("ab12", "value");
    const file = onlyEntry();
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length - 3));
    expect(cache.get("ab12")).toBeUndefined();
    writeFileSync(file, "");
    expect(cache.get("ab12")).toBeUndefined();
    expect(cache.stats).toMatchObject({ corrupt: 2, misses: 2 });
    cache.set("ab12", "value");
    expect(readFileSync(file)).toEqual(whole);
    expect(cache.get("ab12")).toBe("value");
  });

  it("treats an intact entry that fails the type check as a miss", () => {
    const cache = make();
    cache.set("ab12", "value");
    writeFileSync(onlyEntry(), `plan-portal-cache/1 2 ${sha1Of("42")}\n42`);
    expect(cache.get("ab12")).toBeUndefined();
    expect(cache.stats.corrupt).toBe(1);
  });

  it("sweeps temporaries older than an hour on its first write, and keeps newer ones", () => {
    const cache = make();
    const sub = path.join(cache.dir, "ab");
    mkdirSync(sub, { recursive: true });
    const stale = path.join(sub, "ab12.json.111-0-0.tmp");
    const fresh = path.join(sub, "ab12.json.222-0-0.tmp");
    writeFileSync(stale, "half");
    writeFileSync(fresh, "half");
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    cache.set("cd34", "v");
    expect(readdirSync(sub)).toEqual(["ab12.json.222-0-0.tmp"]);
  });

  it("keeps SVG entries only when they are whole SVG documents", () => {
    const cache = svgCache({ root: dir });
    const svg = '<svg id="a"><g></g></svg>';
    cache.set("cd34", svg);
    expect(cache.get("cd34")).toBe(svg);
    const file = onlyEntry();
    expect(file.endsWith(path.join("cd", "cd34.svg"))).toBe(true);
    // Intact checksum, cut-off markup: mermaid's output as a killed writer would have left it.
    const cut = '<svg id="a"><g>';
    writeFileSync(file, `plan-portal-cache/1 ${cut.length} ${sha1Of(cut)}\n${cut}`);
    expect(cache.get("cd34")).toBeUndefined();
    // The old layout's bare SVG file has no header: read as a miss, drawn again once.
    writeFileSync(file, svg);
    expect(cache.get("cd34")).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 1, corrupt: 2 });
  });
});

describe("Lru, the in-memory layer", () => {
  it("drops the least recently used entry beyond maxEntries", () => {
    const lru = new Lru<string, number>({ maxEntries: 2 });
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // a is now newer than b
    lru.set("c", 3);
    expect([lru.has("a"), lru.has("b"), lru.has("c")]).toEqual([true, false, true]);
  });

  it("keeps the total weight within maxWeight and refuses a value heavier than it", () => {
    const lru = new Lru<string, string>({ maxWeight: 10, weigh: (v) => v.length });
    lru.set("a", "aaaa");
    lru.set("b", "bbbbbb");
    expect(lru.weight).toBe(10);
    lru.set("c", "cc"); // 12 > 10: a (4) goes, 8 remain
    expect([lru.has("a"), lru.weight]).toEqual([false, 8]);
    lru.set("d", "x".repeat(11));
    expect([lru.has("d"), lru.size, lru.weight]).toEqual([false, 2, 8]);
    lru.set("b", "b"); // replacing an entry replaces its weight
    expect(lru.weight).toBe(3);
  });

  it("serves a DiskCache from memory within its bound", () => {
    const cache = new DiskCache("t", {
      root: dir,
      fingerprint: "a",
      valid: isString,
      memory: { maxEntries: 1 },
    });
    cache.set("ab12", "first");
    cache.set("cd34", "second");
    rmSync(path.join(dir, "t"), { recursive: true });
    expect(cache.get("cd34")).toBe("second");
    expect(cache.get("ab12")).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 1, fromMemory: 1, misses: 1 });
  });

  it("bounds the dev server's rendered documents", async () => {
    boundRenderMemory({ maxEntries: 2 });
    const renderer = fakeRenderer();
    const run = (text: string) =>
      renderMarkdown(renderer, text, (h) => h, "001-a", { disk: null, keepInMemory: true });
    await run("x");
    await run("y");
    await run("z");
    expect(renderMemoryUse().entries).toBe(2);
    await run("z"); // still held
    expect(renderer.calls).toBe(3);
    await run("x"); // the oldest, dropped when z came
    expect(renderer.calls).toBe(4);
    boundRenderMemory({ maxChars: 100 });
    await run("a");
    await run("b");
    expect(renderMemoryUse().chars).toBeLessThanOrEqual(100);
  });
});

/**
 * Run `script` as an ES module file in a child Node, which strips the types of the .ts it imports.
 * (A file, not `--eval`: the mermaid worker threads inherit the flags, and `--input-type` fails there.)
 */
async function child(script: string, args: string[], env: Record<string, string> = {}) {
  const folder = mkdtempSync(path.join(os.tmpdir(), "plan-portal-child-"));
  const file = path.join(folder, "child.mjs");
  writeFileSync(file, script);
  try {
    return await new Promise<number>((resolve, reject) => {
      const proc = spawn(process.execPath, [file, ...args], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "ignore", "inherit"],
      });
      proc.on("error", reject);
      proc.on("exit", (code) => resolve(code ?? -1));
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const moduleHref = (relative: string) => pathToFileURL(path.join(src, relative)).href;

describe("concurrent writers", () => {
  it("two processes rewriting one key never let a reader see a torn entry", async () => {
    const script = `
      const { DiskCache } = await import(${JSON.stringify(moduleHref("cache/disk-cache.ts"))});
      const [root, letter] = process.argv.slice(2);
      const cache = new DiskCache("t", { root, fingerprint: "a", valid: (v) => typeof v === "string" });
      for (let i = 0; i < 300; i++) cache.set("ab12", letter.repeat(100_000));
    `;
    const reader = new DiskCache("t", { root: dir, fingerprint: "a", valid: isString });
    const seen = new Set<string>();
    let running = 2;
    const done = Promise.all(
      ["A", "B"].map((letter) => child(script, [dir, letter]).finally(() => running--)),
    );
    while (running > 0) {
      const value = reader.get("ab12");
      if (value !== undefined) seen.add(`${value[0]}×${value.length}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await done).toEqual([0, 0]);
    expect(reader.stats.corrupt).toBe(0);
    for (const value of seen) expect(["A×100000", "B×100000"]).toContain(value);
    // Every temporary was renamed: the one entry is all that is left.
    expect(entries(dir)).toHaveLength(1);
  }, 60_000);

  it("two builds validating different diagrams keep each other's results", async () => {
    const script = `
      const m = await import(${JSON.stringify(moduleHref("diagrams/validate-mermaid.ts"))});
      const tag = process.argv[2];
      const diagrams = [0, 1, 2].map((i) => ({ source: "graph TB\\n  " + tag + i + " --> B" }));
      const result = await m.validateDiagrams(diagrams);
      await m.stopMermaidWorker();
      process.exitCode = result.run.validated === 3 && !result.run.error ? 0 : 1;
    `;
    const env = { PLAN_PORTAL_CACHE_DIR: dir };
    expect(await Promise.all([child(script, ["P"], env), child(script, ["Q"], env)])).toEqual([
      0, 0,
    ]);
    // Six diagrams, six entries, each a sealed `{"ok":true}` (11 bytes).
    const files = entries(path.join(dir, "mermaid-parse"));
    expect(files).toHaveLength(6);
    for (const file of files)
      expect(readFileSync(file, "utf8")).toBe(
        `plan-portal-cache/1 11 ${sha1Of('{"ok":true}')}\n{"ok":true}`,
      );
  }, 60_000);
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
