import { readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

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

/** Something found while walking that is not a plan but deserves a message (never silent). */
export interface DiscoveryNotice {
  path: string;
  message: string;
  hint: string;
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

/**
 * Every plan.md below each root at any depth, skipping dot-folders, node_modules and build output.
 * Symlinked folders are followed once; a link back into its own ancestry is reported, not walked.
 */
export function discoverPlans(roots: string[]): Discovery {
  const found: DiscoveredPlan[] = [];
  const notices: DiscoveryNotice[] = [];

  for (const rootArg of roots) {
    const root = path.resolve(rootArg);
    const walk = (dir: string, ancestry: Set<string>) => {
      let real: string;
      try {
        real = realpathSync(dir);
      } catch (error) {
        notices.push({
          path: dir,
          message: `Cannot resolve this folder (${errorText(error)}); it was skipped.`,
          hint: "Fix or remove the broken symbolic link.",
        });
        return;
      }
      if (ancestry.has(real)) {
        notices.push({
          path: dir,
          message:
            "Symbolic link loop: this folder links back to one of its parents; it was not walked again.",
          hint: "Remove the link or point it outside the specs folder.",
        });
        return;
      }
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        notices.push({
          path: dir,
          message: `Cannot list this folder (${errorText(error)}); plans inside it are not checked.`,
          hint: "Give the user running the check read and execute permission on it.",
        });
        return;
      }
      const names = new Set(entries.map((e) => e.name));
      if (names.has("plan.md")) {
        const folder = path.basename(dir);
        const rel = path.relative(root, path.dirname(dir)).split(path.sep).join("/");
        found.push({
          id: folder,
          folder,
          number: planNumber(folder),
          file: path.join(dir, "plan.md"),
          group: rel === "" ? "" : rel,
          root,
        });
      } else if (dir !== root && FEATURE_FILES.some((f) => names.has(f))) {
        notices.push({
          path: dir,
          message: "This feature folder has no plan.md, so it has no plan page.",
          hint: "Run the plan command of Spec Kit for it, or move its files.",
        });
      }
      const next = new Set(ancestry).add(real);
      for (const entry of entries) {
        if (entry.name.startsWith(".") || SKIP.has(entry.name)) continue;
        const child = path.join(dir, entry.name);
        let isDir = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          try {
            isDir = statSync(child).isDirectory();
          } catch (error) {
            notices.push({
              path: child,
              message: `Broken symbolic link (${errorText(error)}); skipped.`,
              hint: "Fix or remove the link.",
            });
            continue;
          }
        }
        if (isDir) walk(child, next);
      }
    };
    walk(root, new Set());
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
