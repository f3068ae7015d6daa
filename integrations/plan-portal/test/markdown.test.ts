import { describe, expect, it } from "vitest";
import { blocksOf, maskInline, plainText, scanMarkdown, splitRow } from "../src/parse/markdown.ts";

describe("scanMarkdown", () => {
  it("keeps headings inside code fences out of the heading list", () => {
    const { blocks } = scanMarkdown("# Title\n\n```bash\n# not a heading\n```\n\n## Real\n");
    const headings = blocks
      .filter((b) => b.kind === "heading")
      .map((b) => b.kind === "heading" && [b.level, b.raw, b.line]);
    expect(headings).toEqual([
      [1, "Title", 1],
      [2, "Real", 7],
    ]);
  });

  it("runs an unclosed fence to the end of the file", () => {
    const { blocks } = scanMarkdown("## A\n\n```mermaid\ngraph TB\n## B\n");
    const fence = blocks.find((b) => b.kind === "fence");
    expect(fence).toMatchObject({
      kind: "fence",
      lang: "mermaid",
      closed: false,
      line: 3,
      endLine: 5,
    });
    expect(blocks.filter((b) => b.kind === "heading")).toHaveLength(1);
  });

  it("treats an unclosed `---` on line 1 as a thematic break, not front matter", () => {
    const { blocks } = scanMarkdown("---\n# Plan: X\n\ntext\n");
    expect(blocks[0]).toMatchObject({ kind: "break", line: 1 });
    expect(blocks[1]).toMatchObject({ kind: "heading", level: 1, raw: "Plan: X", line: 2 });
  });

  it("reads closed front matter", () => {
    const { blocks } = scanMarkdown("---\ntitle: Hello\n---\n# H\n");
    expect(blocks[0]).toMatchObject({ kind: "frontmatter", raw: "title: Hello", endLine: 3 });
  });

  it("handles CRLF line endings and no final newline", () => {
    const { blocks } = scanMarkdown("# T\r\n\r\n## S\r\ntext");
    expect(blocks.map((b) => [b.kind, b.line])).toEqual([
      ["heading", 1],
      ["heading", 3],
      ["paragraph", 4],
    ]);
  });

  it("does not read an escaped \\# as a heading", () => {
    const { blocks } = scanMarkdown("\\# Implementation Plan: X\n");
    expect(blocks[0]?.kind).toBe("paragraph");
  });

  it("nests list items by indentation and keeps checkboxes", () => {
    const { blocks } = scanMarkdown("1. **Q1**: Which?\n    - **Owner**: @a\n- [x] done\n");
    expect(blocks[0]).toMatchObject({
      kind: "list-item",
      ordered: true,
      parent: -1,
      raw: "**Q1**: Which?",
    });
    expect(blocks[1]).toMatchObject({
      kind: "list-item",
      parent: 0,
      raw: "**Owner**: @a",
      column: 7,
    });
    expect(blocks[2]).toMatchObject({ kind: "list-item", checked: true, raw: "done", parent: -1 });
  });

  it("reads tables with cell columns and escaped pipes in code", () => {
    const { blocks } = scanMarkdown("| Risk | Impact |\n|---|---|\n| `a \\| b` | High |\n");
    const table = blocks[0];
    expect(table?.kind).toBe("table");
    if (table?.kind !== "table") return;
    expect(table.header.map((c) => c.raw)).toEqual(["Risk", "Impact"]);
    expect(table.rows[0]).toEqual([
      { raw: "`a \\| b`", line: 3, column: 3 },
      { raw: "High", line: 3, column: 14 },
    ]);
  });

  it("reads a multi-line HTML comment as one block", () => {
    const { blocks } = scanMarkdown("<!--\n  ACTION REQUIRED\n-->\n## S\n");
    expect(blocks[0]).toMatchObject({ kind: "html", comment: true, closed: true, endLine: 3 });
    expect(blocks[1]).toMatchObject({ kind: "heading", line: 4 });
  });
});

describe("blocksOf", () => {
  const text = "## Summary\n\n````markdown\n```\n| --- |\n```\n````\n\n<!--\nnote\n-->\n";

  it("gives a rule the blocks the scanner found for a plan's lines", () => {
    const scanned = scanMarkdown(text);
    expect(blocksOf(scanned.lines)).toBe(scanned.blocks);
    // One fence holding the inner ``` lines, then one comment: not fences opened and closed.
    expect(scanned.blocks.map((b) => [b.kind, b.line, b.endLine])).toEqual([
      ["heading", 1, 1],
      ["fence", 3, 7],
      ["html", 9, 11],
    ]);
  });

  it("scans lines from elsewhere afresh, with the same result", () => {
    const scanned = scanMarkdown(text);
    expect(blocksOf([...scanned.lines])).toEqual(scanned.blocks);
    const unclosed = scanMarkdown("```\ncode\n\n");
    expect(blocksOf([...unclosed.lines])).toEqual(unclosed.blocks);
  });
});

describe("inline helpers", () => {
  it("masks inline code and comments without moving columns", () => {
    const text = "a `NEEDS CLARIFICATION` b <!-- x --> c";
    const masked = maskInline(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).not.toContain("NEEDS");
    expect(masked.indexOf("c", 30)).toBe(text.indexOf("c", 30));
  });

  it("turns inline markdown into plain text", () => {
    expect(plainText("**Bold** [link](x.md) `code` \\# ~~gone~~")).toBe("Bold link code # gone");
  });

  it("splits rows without a leading pipe", () => {
    expect(splitRow("a | b", 1).map((c) => [c.raw, c.column])).toEqual([
      ["a", 1],
      ["b", 5],
    ]);
  });
});
