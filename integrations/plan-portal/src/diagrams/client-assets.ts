import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Folder below the portal's base where mermaid's browser build is served when a page needs it. */
export const MERMAID_ASSETS = "_mermaid";
/** mermaid's ES module entry (it imports its diagram types lazily from ./chunks/mermaid.esm.min/). */
export const MERMAID_ENTRY = "mermaid.esm.min.mjs";
const CHUNKS = path.join("chunks", "mermaid.esm.min");

function mermaidDist(): string {
  return path.dirname(require.resolve("mermaid/package.json")) + path.sep + "dist";
}

/** True when some page draws mermaid in the browser (so the site must serve mermaid). */
export function needsClientMermaid(portal: {
  plans: { clientDiagrams: boolean; siblings: { clientDiagrams: boolean }[] }[];
  crossDiagrams: { components: { client: boolean } | null };
}): boolean {
  return (
    portal.plans.some((p) => p.clientDiagrams || p.siblings.some((s) => s.clientDiagrams)) ||
    !!portal.crossDiagrams.components?.client
  );
}

/**
 * Copy mermaid's prebuilt ES modules (about 5 MB, source maps left out) to `<portalDir>/_mermaid/`.
 * They are copied as they are rather than bundled by Vite: bundling mermaid cost every build
 * about 2.5 s and 600 MB of memory, also when no page draws diagrams in the browser.
 */
export function copyMermaidAssets(portalDir: string): number {
  const from = mermaidDist();
  const to = path.join(portalDir, MERMAID_ASSETS);
  mkdirSync(path.join(to, CHUNKS), { recursive: true });
  copyFileSync(path.join(from, MERMAID_ENTRY), path.join(to, MERMAID_ENTRY));
  let count = 1;
  for (const name of readdirSync(path.join(from, CHUNKS))) {
    if (!name.endsWith(".mjs")) continue;
    copyFileSync(path.join(from, CHUNKS, name), path.join(to, CHUNKS, name));
    count++;
  }
  return count;
}

/** Dev server middleware serving the same files from node_modules under `prefix` (`/plans/_mermaid/`). */
export function serveMermaidAssets(
  prefix: string,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const root = mermaidDist();
  return (req, res, next) => {
    const url = (req.url ?? "").split("?")[0]!;
    if (!url.startsWith(prefix)) return next();
    const rel = path.normalize(decodeURIComponent(url.slice(prefix.length)));
    const file = path.join(root, rel);
    const allowed =
      rel === MERMAID_ENTRY || (rel.startsWith(CHUNKS + path.sep) && rel.endsWith(".mjs"));
    if (!allowed || !existsSync(file)) return next();
    res.setHeader("Content-Type", "text/javascript; charset=utf-8");
    createReadStream(file).pipe(res);
  };
}
