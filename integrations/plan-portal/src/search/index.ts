import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export interface SearchIndexResult {
  pages: number;
  /** Bytes written for the index (all files under pagefind/). */
  bytes: number;
  ms: number;
}

function size(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? size(p) : statSync(p).size;
  }
  return total;
}

/**
 * Pagefind index of the built portal (`portalDir`: the output folder of the portal's routes),
 * written to `portalDir/pagefind/`. Only elements inside `data-pagefind-body` are indexed, and
 * only pages that have one: plan pages, their sibling documents and the dashboards.
 */
export async function buildSearchIndex(portalDir: string): Promise<SearchIndexResult> {
  const start = performance.now();
  const pagefind = await import("pagefind");
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: portalDir, glob: "**/*.html" });
    if (added.errors.length)
      throw new Error(`Pagefind could not index ${portalDir}: ${added.errors.join("; ")}`);
    const outputPath = path.join(portalDir, "pagefind");
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length)
      throw new Error(`Pagefind could not write ${outputPath}: ${written.errors.join("; ")}`);
    return { pages: added.page_count, bytes: size(outputPath), ms: performance.now() - start };
  } finally {
    await pagefind.close();
  }
}
