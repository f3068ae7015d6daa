/**
 * Page weights of a built portal: the HTML size of each kind of page (the index, each dashboard,
 * the heaviest plan page), so the bench can hold every page to the 300 KB budget. A kind is
 * the page's first path segment — `risks/` and `risks/cell/…` are both "risks" — except plan pages
 * (one folder per plan id, told apart by the plan ids the caller passes).
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export interface PageWeight {
  /** "index", a dashboard's folder name, or "plan pages" / "plan sub-pages". */
  kind: string;
  /** The heaviest page of that kind, relative to the output folder. */
  page: string;
  bytes: number;
  pages: number;
}

export function pageWeights(dist: string, planIds: ReadonlySet<string>): PageWeight[] {
  const byKind = new Map<string, PageWeight>();
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dist, file).split(path.sep).join("/");
    const kind = kindOf(rel, planIds);
    if (kind === null) continue;
    const bytes = statSync(file).size;
    const seen = byKind.get(kind);
    if (!seen) byKind.set(kind, { kind, page: rel, bytes, pages: 1 });
    else {
      seen.pages++;
      if (bytes > seen.bytes) Object.assign(seen, { page: rel, bytes });
    }
  }
  return [...byKind.values()].sort((a, b) => b.bytes - a.bytes);
}

function kindOf(rel: string, planIds: ReadonlySet<string>): string | null {
  const parts = rel.split("/");
  if (parts.length === 1) return rel === "index.html" ? "index" : parts[0]!.replace(/\.html$/, "");
  const first = parts[0]!;
  if (first === "pagefind" || first.startsWith("_")) return null;
  if (planIds.has(first)) return parts.length === 2 ? "plan pages" : "plan sub-pages";
  return first;
}
