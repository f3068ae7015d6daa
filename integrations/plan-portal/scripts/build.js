// Builds the published package: `tsc` emits ESM JavaScript and declarations into dist/, then the
// .astro components and CSS are copied beside them as sources (Astro compiles those in the
// user's site), their relative `.ts` imports pointed at the emitted `.js`. The browser scripts in
// src/render/client/ (JavaScript already, type-checked through `// @ts-check`) are minified with
// esbuild on the way: components import their text (`?raw`) and inline it into every page, where
// the search dialog's readable source alone was 9 KB of each plan page; minified it is 6 KB less.
// Template literals are lowered to concatenation so no literal spans lines (inlining trims lines).
// tsc over tsdown/tsup: dist/ mirrors src/ file for file, so every `new URL("./x", import.meta.url)`
// (injected pages, the mermaid worker, templates, docs) resolves the same from both; a full
// emit takes about 6 s on the CI machine.
import { execFileSync } from "node:child_process";
import { transformSync } from "esbuild";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(pkg, "src");
const dist = path.join(pkg, "dist");

rmSync(dist, { recursive: true, force: true });
const tsc = path.join(pkg, "..", "..", "node_modules", "typescript", "bin", "tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(pkg, "tsconfig.build.json")], {
  stdio: "inherit",
});

/** `from "../x.ts"` / `import "../x.ts"` in a component's frontmatter or script → `.js`. */
const relativeTsImport = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+)\.ts(["'])/g;

const clientScripts = path.join(src, "render", "client");

for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const clientScript = entry.parentPath === clientScripts && entry.name.endsWith(".js");
  if (!clientScript && !/\.(astro|css)$/.test(entry.name)) continue;
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(dist, path.relative(src, from));
  cpSync(from, to);
  if (clientScript) writeFileSync(to, minifiedScript(readFileSync(from, "utf8")));
  if (entry.name.endsWith(".astro")) {
    writeFileSync(to, readFileSync(to, "utf8").replace(relativeTsImport, "$1$2.js$3"));
  }
}

/** @param {string} source a classic browser script (no modules: the page inlines it) */
function minifiedScript(source) {
  return transformSync(source, {
    minify: true,
    target: "es2022",
    supported: { "template-literal": false },
  }).code;
}
