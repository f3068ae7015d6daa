import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The pipeline runs one way (DESIGN.md): a module may import its own room, shared modules and
 * earlier stages, never a later stage and never cli/. Rooms in order, by path below src/.
 */
const ROOMS: [room: string, prefixes: string[]][] = [
  ["shared", ["util/", "vocabulary.ts", "errors.ts", "cache/"]],
  ["discover", ["discover/"]],
  ["parse", ["parse/", "template/"]],
  // Sources (several repositories) wrap discovery and label the parsed plans with their repository.
  ["sources", ["sources/"]],
  // Git history of the parsed plans (issue 20): the stale-plan rule reads it, so before check.
  ["history", ["history/"]],
  ["diagrams", ["diagrams/"]],
  ["check", ["check/"]],
  // The portal at past commits (issue 20): parsed and checked again, so after check.
  ["trend", ["trend/"]],
  ["contract", ["contract/"]],
  // The integration's options name rules (severities per rule id), so they come after check.
  ["options", ["options.ts", "options-errors.ts"]],
  ["pipeline", ["pipeline.ts"]],
  ["aggregate", ["aggregate/"]],
  ["render", ["render/"]],
  ["search", ["search/", "security/"]],
  // The organisation portal reads built fragments (the JSON contract, render's assets).
  ["federation", ["federation/"]],
  ["directives", ["directives/"]],
  ["integration", ["index.ts", "starlight.ts", "dev/"]],
  ["api", ["api/"]],
  ["review", ["review/"]],
  ["mcp", ["mcp/"]],
  ["cli", ["cli/"]],
];

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "src");

function roomOf(file: string): number {
  const rel = path.relative(src, file).split(path.sep).join("/");
  const index = ROOMS.findIndex(([, prefixes]) =>
    prefixes.some((p) => (p.endsWith("/") ? rel.startsWith(p) : rel === p)),
  );
  if (index < 0) throw new Error(`src/${rel} belongs to no room: add it to ROOMS`);
  return index;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|astro)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Relative specifiers of static imports, re-exports and dynamic imports (comments stripped). */
export function relativeImports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found = code.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm,
  );
  return [...found].map((m) => m[1]!);
}

const edges = sources(src).flatMap((file) =>
  relativeImports(readFileSync(file, "utf8")).map((spec) => ({
    from: file,
    to: path.resolve(path.dirname(file), spec),
  })),
);

describe("the import graph", () => {
  it("reads imports of every kind (so the check below cannot pass by reading none)", () => {
    expect(
      relativeImports(
        'import a from "./a.ts";\nexport { b } from "../b.ts";\nimport "./c.css";\nconst d = await import("./d.ts");\n// import x from "./commented.ts";\nimport x from "pkg";',
      ),
    ).toEqual(["./a.ts", "../b.ts", "./c.css", "./d.ts"]);
    expect(edges.length).toBeGreaterThan(100);
  });

  it("has no edge into a later stage or into cli/", () => {
    const rel = (f: string) => path.relative(src, f).split(path.sep).join("/");
    const backwards = edges
      .filter(({ from, to }) => roomOf(to) > roomOf(from))
      .map(
        ({ from, to }) =>
          `${rel(from)} (${ROOMS[roomOf(from)]![0]}) imports ${rel(to)} (${ROOMS[roomOf(to)]![0]})`,
      );
    expect(backwards).toEqual([]);
  });

  it("knows the room of every source file", () => {
    for (const file of sources(src)) expect(() => roomOf(file)).not.toThrow();
  });
});
