import { existsSync } from "node:fs";
import path from "node:path";
import { SIBLINGS } from "./siblings.ts";
import { href, type UrlSettings } from "./url.ts";

/**
 * Links between plan files become links between portal pages: `spec.md` → the sibling page,
 * `../003-x/plan.md` (or `../003-x/`) → that plan, `contracts/x.yaml` → the contracts page. A
 * relative link to anything else (or a root-absolute link to a repository's markdown file) is not
 * part of the portal and would 404, so it is unlinked (`null`); its target stays visible in the title.
 */
export function linkRewriter(
  settings: UrlSettings,
  planDir: string,
  folders: Map<string, string>,
): (target: string) => string | null {
  return (target) => {
    // `/QUICKSTART.md` means the repository's root on GitHub; no portal page serves it.
    if (/^\/[^/]/.test(target) && /\.md(#|$)/i.test(target)) return null;
    if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(target)) return target;
    const [file = "", fragment] = target.split("#");
    let abs: string;
    try {
      abs = path.resolve(planDir, decodeURIComponent(file));
    } catch {
      return null;
    }
    const suffix = fragment ? `#${fragment}` : "";
    const folderPlan = folders.get(abs);
    if (folderPlan) return href(settings, folderPlan) + suffix;
    const owner = folders.get(path.dirname(abs));
    const name = path.basename(abs);
    if (owner && name === "plan.md") return href(settings, owner) + suffix;
    const sibling = SIBLINGS.find((s) => s.file === name);
    if (owner && sibling && existsSync(abs)) return href(settings, owner, sibling.kind) + suffix;
    // contracts/<file> of some plan.
    const contractsOf = folders.get(path.dirname(abs).replace(/\/contracts(\/.*)?$/, ""));
    if (contractsOf && /\/contracts(\/|$)/.test(abs) && existsSync(abs)) {
      const rel = abs.slice(abs.indexOf("/contracts/") + "/contracts/".length);
      return href(settings, contractsOf, "contracts") + (rel ? `#${contractSlug(rel)}` : "");
    }
    return null;
  };
}

/** Anchor of one file on the contracts page (its heading is the file's path below contracts/). */
export function contractSlug(rel: string): string {
  return (
    "contract-" +
    rel
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
  );
}
