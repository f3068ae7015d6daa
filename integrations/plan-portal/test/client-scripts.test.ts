import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { inlineScript } from "../src/render/inline-script.ts";

const clientDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "src",
  "render",
  "client",
);
const scripts = readdirSync(clientDir)
  .filter((name) => name.endsWith(".js"))
  .map((name) => ({ name, source: readFileSync(path.join(clientDir, name), "utf8") }));

describe("inlineScript", () => {
  it("drops whole-line comments, JSDoc blocks, indentation and blank lines", () => {
    const source = [
      "// @ts-check",
      "/**",
      " * A typedef.",
      " * @typedef {{ a: number }} A",
      " */",
      "",
      "(() => {",
      "  /** @param {number} n */",
      "  const double = (n) =>",
      "    n * 2;",
      "  /* one-line block */ const x = double(2); // stays: code before it",
      "})();",
      "",
    ].join("\n");
    expect(inlineScript(source)).toBe(
      [
        "(() => {",
        "const double = (n) =>",
        "n * 2;",
        "const x = double(2); // stays: code before it",
        "})();",
      ].join("\n"),
    );
  });

  it("keeps code after a block comment that ends on a later line", () => {
    expect(inlineScript("a();\n/* one\n   two */ b();\nc();")).toBe("a();\nb();\nc();");
  });

  it("leaves strings that only look like comments alone", () => {
    expect(inlineScript('const url = "//cdn" + "/* x */";')).toBe(
      'const url = "//cdn" + "/* x */";',
    );
  });
});

describe("the browser scripts in src/render/client", () => {
  it("are all there", () => {
    expect(scripts.map((s) => s.name).sort()).toEqual([
      "mermaid-draw.js",
      "org-search.js",
      "plan-filters.js",
      "plan-graph.js",
      "restore-theme.js",
      "risk-filters.js",
      "row-filters.js",
      "search.js",
      "theme-switch.js",
      "toc-spy.js",
    ]);
  });

  for (const { name, source } of scripts) {
    it(`${name}: type-checked, and no literal spans lines (so inlining may trim them)`, () => {
      expect(source.startsWith("// @ts-check\n")).toBe(true);
      const lines = source.split("\n");
      // A template literal spanning lines leaves an odd number of backticks on its first line.
      expect(lines.filter((l) => (l.match(/`/g)?.length ?? 0) % 2 === 1)).toEqual([]);
      // A string continued with a backslash at the end of a line.
      expect(lines.filter((l) => /\\$/.test(l))).toEqual([]);
    });

    it(`${name}: inlined, still parses and cannot end its <script> element`, () => {
      const inlined = inlineScript(source);
      expect(() => new Script(inlined, { filename: name })).not.toThrow();
      expect(inlined).not.toMatch(/<\/script|<!--/i);
      expect(inlined).not.toMatch(/^\s|^\/\/|^\/\*|^\s*\*/m);
      expect(inlined.length).toBeLessThan(source.length);
    });
  }
});
