import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import {
  BrokenSymlink,
  FeatureWithoutPlan,
  FolderUnlistable,
  FolderUnresolvable,
  SymlinkLoop,
} from "../errors.ts";
import { catalogNotice } from "./notice.ts";
import type { DiscoveryNotice } from "./types.ts";

export type { DiscoveryNotice } from "./types.ts";

/** A plan folder found on disk, before anything is read. */
export interface DiscoveredPlan {
  id: string;
  folder: string;
  number: number | null;
  /** plan.md as an absolute path. */
  file: string;
  /** The folder holding the plan folder, relative to its root (`` for direct children). */
  group: string;
  root: string;
}

export interface Discovery {
  plans: DiscoveredPlan[];
  notices: DiscoveryNotice[];
}

const SKIP = new Set(["node_modules", "dist", "build", "out", "coverage", ".astro"]);
const FEATURE_FILES = ["spec.md", "tasks.md", "research.md", "data-model.md"];

/** `003-checkout` → 3. Timestamp ids (`20260719-143022-x`) and names without a number have none. */
export function planNumber(folder: string): number | null {
  const m = /^(\d{1,6})(?:[-_.]|$)/.exec(folder);
  return m ? Number(m[1]) : null;
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "too many levels of symbolic links";
  return code ?? String(error);
}

/** What one walk below a root collects: the plans found and the notices on the way. */
interface Walk {
  root: string;
  found: DiscoveredPlan[];
  notices: DiscoveryNotice[];
}

/** The folder's real path, or null (with a notice) when it cannot be resolved or loops back. */
function resolveFolder(w: Walk, dir: string, ancestry: Set<string>): string | null {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (error) {
    w.notices.push(catalogNotice(FolderUnresolvable, dir, errorText(error)));
    return null;
  }
  if (ancestry.has(real)) {
    w.notices.push(catalogNotice(SymlinkLoop, dir));
    return null;
  }
  return real;
}

/** The folder as a plan when it holds plan.md; a notice when it holds a feature without one. */
function visitFolder(w: Walk, dir: string, names: Set<string>): void {
  if (names.has("plan.md")) {
    const folder = path.basename(dir);
    const rel = path.relative(w.root, path.dirname(dir)).split(path.sep).join("/");
    w.found.push({
      id: folder,
      folder,
      number: planNumber(folder),
      file: path.join(dir, "plan.md"),
      group: rel === "" ? "" : rel,
      root: w.root,
    });
  } else if (dir !== w.root && FEATURE_FILES.some((f) => names.has(f))) {
    w.notices.push(catalogNotice(FeatureWithoutPlan, dir));
  }
}

/**
 * The entries to walk into: folders (symlinked ones followed), minus dot-folders and SKIP. A
 * generator, so a broken link is reported in walk order (after the folders listed before it).
 */
function* childFolders(w: Walk, dir: string, entries: Dirent[]): Generator<string> {
  for (const entry of entries) {
    if (entry.name.startsWith(".") || SKIP.has(entry.name)) continue;
    const child = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync(child).isDirectory();
      } catch (error) {
        w.notices.push(catalogNotice(BrokenSymlink, child, errorText(error)));
        continue;
      }
    }
    if (isDir) yield child;
  }
}

function walk(w: Walk, dir: string, ancestry: Set<string>): void {
  const real = resolveFolder(w, dir, ancestry);
  if (real === null) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    w.notices.push(catalogNotice(FolderUnlistable, dir, errorText(error)));
    return;
  }
  visitFolder(w, dir, new Set(entries.map((e) => e.name)));
  const next = new Set(ancestry).add(real);
  for (const child of childFolders(w, dir, entries)) walk(w, child, next);
}

/**
 * Every plan.md below each root at any depth, skipping dot-folders, node_modules and build output.
 * Symlinked folders are followed once; a link back into its own ancestry is reported, not walked.
 */
export function discoverPlans(roots: string[]): Discovery {
  const found: DiscoveredPlan[] = [];
  const notices: DiscoveryNotice[] = [];
  for (const rootArg of roots) {
    walk({ root: path.resolve(rootArg), found, notices }, path.resolve(rootArg), new Set());
  }
  found.sort((a, b) =>
    (a.root + a.group + "/" + a.folder).localeCompare(b.root + b.group + "/" + b.folder, "en"),
  );
  assignUniqueIds(found, roots.length > 1);
  return { plans: found, notices };
}

/** Plans sharing a folder name are told apart by their path below the root (and the root's name). */
function assignUniqueIds(plans: DiscoveredPlan[], manyRoots: boolean): void {
  const byFolder = new Map<string, DiscoveredPlan[]>();
  for (const p of plans) byFolder.set(p.folder, [...(byFolder.get(p.folder) ?? []), p]);
  for (const group of byFolder.values()) {
    if (group.length < 2) continue;
    for (const p of group) {
      const below = p.group ? `${p.group}/${p.folder}` : p.folder;
      p.id = manyRoots ? `${path.basename(p.root)}/${below}` : below;
    }
  }
}
