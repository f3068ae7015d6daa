import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDocLedger } from "../src/directives/content-layer.ts";
import type { DirectiveCall } from "../src/directives/spec.ts";
import { bodyStart } from "../src/directives/source-lines.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project with one stored doc (src/content/docs/a.md) and one page (src/pages/p.md). */
function project() {
  const root = mkdtempSync(path.join(tmpdir(), "plan-portal-ledger-"));
  dirs.push(root);
  mkdirSync(path.join(root, "src/content/docs"), { recursive: true });
  mkdirSync(path.join(root, "src/pages"), { recursive: true });
  writeFileSync(path.join(root, "src/content/docs/a.md"), "---\ntitle: A\n---\n\n:plan[01-x]\n");
  writeFileSync(path.join(root, "src/pages/p.md"), ":plan[01-x]\n");
  const open = () =>
    openDocLedger({
      cacheDir: path.join(root, "cache"),
      root,
      pagesDir: path.join(root, "src/pages"),
      version: "test",
    });
  return { root, open };
}

const call = (file: string, line = 5): DirectiveCall => ({
  name: "plan",
  kind: "text",
  label: "01-x",
  attributes: {},
  file,
  line,
  column: 1,
});
const DOC = "src/content/docs/a.md";

describe("the ledger of directives in docs Astro's content layer stores", () => {
  it("keeps its key while every recorded directive renders the same", async () => {
    const { open } = project();
    const ledger = open();
    ledger.record(call(DOC), { html: "<a>X</a>" });
    const key = ledger.key.docs;
    expect(await ledger.replay(async () => "<a>X</a>")).toEqual([]);
    expect(ledger.key.docs).toBe(key);
  });

  it("changes its key, and forgets the docs (they render again), when one renders differently", async () => {
    const { open } = project();
    const ledger = open();
    ledger.record(call(DOC), { html: "<a>X</a>" });
    const key = ledger.key.docs;
    expect(await ledger.replay(async () => "<a>X v2</a>")).toEqual([DOC]);
    expect(ledger.key.docs).not.toBe(key);
    expect(ledger.hasDocs()).toBe(false);
  });

  it("counts a directive that fails now, or failed when recorded, as changed", async () => {
    const { open } = project();
    const ledger = open();
    ledger.record(call(DOC), { error: new Error('no plan "01-x"') });
    expect(ledger.failures()).toEqual(['no plan "01-x"']);
    const fails = async (): Promise<string> => {
      throw new Error('no plan "01-x"');
    };
    expect(await ledger.replay(fails)).toEqual([DOC]);
    ledger.record(call(DOC), { html: "<a>X</a>" });
    expect(await ledger.replay(fails)).toEqual([DOC]);
  });

  it("drops a doc whose text changed (Astro renders that one again itself)", async () => {
    const { root, open } = project();
    const ledger = open();
    ledger.record(call(DOC), { html: "<a>X</a>" });
    writeFileSync(path.join(root, DOC), "---\ntitle: A\n---\n\nNo directive now.\n");
    expect(await ledger.replay(async () => "<a>X v2</a>")).toEqual([]);
    expect(ledger.hasDocs()).toBe(false);
  });

  it("records neither pages nor MDX (both render on every build, never from the store)", () => {
    const { root, open } = project();
    writeFileSync(path.join(root, "src/content/docs/b.mdx"), ":plan[01-x]\n");
    const ledger = open();
    ledger.record(call("src/pages/p.md", 1), { html: "<a>X</a>" });
    ledger.record(call("src/content/docs/b.mdx", 1), { html: "<a>X</a>" });
    expect(ledger.hasDocs()).toBe(false);
  });

  it("survives the process: a saved ledger is read back with its key", async () => {
    const { open } = project();
    const first = open();
    first.record(call(DOC), { html: "<a>X</a>" });
    first.save();
    const second = open();
    expect(second.key.docs).toBe(first.key.docs);
    expect(await second.replay(async () => "<a>X v2</a>")).toEqual([DOC]);
    // Without a ledger the store's content is unknown: a fresh key each time.
    const other = project();
    expect(other.open().key.docs).not.toBe(other.open().key.docs);
  });
});

describe("bodyStart: where a collection entry's body sits in its file", () => {
  it("is after the frontmatter and the blank lines Astro trims", () => {
    const { root } = project();
    const file = path.join(root, DOC);
    expect(bodyStart(file, ":plan[01-x]")).toEqual({ lines: 4, columns: 0 });
    // A page's markdown is the whole file: no shift.
    const page = path.join(root, "src/pages/p.md");
    expect(bodyStart(page, ":plan[01-x]\n")).toEqual({ lines: 0, columns: 0 });
  });
});
