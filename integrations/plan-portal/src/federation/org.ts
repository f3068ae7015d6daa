import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { catalogError } from "../errors.ts";
import { FragmentFileClash, FragmentInvalid, FragmentNameTwice } from "./errors.ts";
import { FRAGMENT_VERSION, type Fragment } from "./fragment.ts";
import { orgPages, type OrgIndex, type OrgRepository } from "./page.ts";

/** Where a fragment's portal is served from in the organisation portal: copied, or its own URL. */
function portalUrl(f: Fragment): string {
  return f.url === null ? f.manifest.portal : new URL(f.manifest.portal.slice(1), f.url).href;
}

function repositoryOf(f: Fragment): OrgRepository {
  const portal = portalUrl(f);
  return {
    name: f.manifest.name,
    title: f.manifest.title,
    generated: f.manifest.generated,
    url: portal,
    plans: f.plans.map((p) => ({
      ...p,
      repository: f.manifest.name,
      url: `${portal}${p.id.split("/").map(encodeURIComponent).join("/")}/`,
    })),
  };
}

/** Names unique, and one Pagefind version: indexes of two versions do not merge. */
function checkFragments(fragments: readonly Fragment[]): void {
  const seen = new Map<string, Fragment>();
  for (const f of fragments) {
    const first = seen.get(f.manifest.name);
    if (first) throw catalogError(FragmentNameTwice, f.manifest.name, first.where, f.where);
    seen.set(f.manifest.name, f);
  }
  const versions = [...new Set(fragments.flatMap((f) => f.manifest.pagefind ?? []))];
  if (versions.length > 1) {
    const odd = fragments.find(
      (f) => f.manifest.pagefind !== null && f.manifest.pagefind !== versions[0],
    )!;
    throw catalogError(
      FragmentInvalid,
      odd.where,
      `its search index is Pagefind ${odd.manifest.pagefind}, the others' ${versions[0]}; Pagefind merges indexes of one version only`,
    );
  }
}

/** Every file below `dir`, relative, with `/`. */
function filesBelow(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory()
      ? filesBelow(p, base)
      : [path.relative(base, p).split(path.sep).join("/")];
  });
}

/**
 * A folder fragment's portal pages (below `/<name>/`) and Astro's hashed assets (`_astro/`), copied
 * into the organisation portal. Assets are named by content, so a name two fragments share holds
 * the same bytes; a clash of different bytes is an error, never a silent overwrite.
 */
function copyFragment(
  f: Fragment & { dir: string },
  outDir: string,
  owners: Map<string, string>,
): void {
  for (const part of [f.manifest.portal.slice(1), "_astro/"]) {
    const from = path.join(f.dir, part);
    if (!existsSync(from)) continue;
    for (const rel of filesBelow(from)) {
      const file = `${part}${rel}`;
      const target = path.join(outDir, file);
      const owner = owners.get(file);
      if (owner !== undefined) {
        if (!readFileSync(target).equals(readFileSync(path.join(from, rel))))
          throw catalogError(FragmentFileClash, file, owner, f.manifest.name);
        continue;
      }
      owners.set(file, f.manifest.name);
    }
    cpSync(from, path.join(outDir, part), { recursive: true, force: false, errorOnExist: false });
  }
}

export interface FederationResult {
  repositories: number;
  plans: number;
  /** Fragments copied in, and fragments linked at their own URL. */
  copied: number;
  linked: number;
}

/**
 * The organisation portal: every fragment's portal (copied, or linked at its URL), an index of the
 * repositories and a page of each one's plans built from their plans.json, one plans.json of all,
 * and one search merging their Pagefind indexes in the browser. No plan is parsed again.
 */
export function federate(
  fragments: readonly Fragment[],
  outDir: string,
  title: string,
): FederationResult {
  checkFragments(fragments);
  mkdirSync(outDir, { recursive: true });
  const owners = new Map<string, string>();
  for (const f of fragments) if (f.dir !== null) copyFragment({ ...f, dir: f.dir }, outDir, owners);
  const repos = fragments.map(repositoryOf);
  const indexes: OrgIndex[] = fragments
    .filter((f) => f.manifest.pagefind !== null)
    .map((f) => ({
      name: f.manifest.name,
      bundle: `${portalUrl(f)}pagefind/`,
      baseUrl: portalUrl(f),
    }));
  for (const [file, text] of orgPages(title, repos, indexes)) {
    mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
    writeFileSync(path.join(outDir, file), text);
  }
  const plans = repos.flatMap((r) => r.plans.map((p) => ({ ...p, id: `${r.name}/${p.id}` })));
  const body = {
    version: 1,
    federation: {
      fragment: FRAGMENT_VERSION,
      repositories: repos.map(({ name, title: t, generated, url }) => ({
        name,
        title: t,
        generated,
        url,
      })),
    },
    summary: { plans: plans.length, repositories: repos.length },
    plans,
  };
  writeFileSync(path.join(outDir, "plans.json"), JSON.stringify(body, null, 2) + "\n");
  const copied = fragments.filter((f) => f.dir !== null).length;
  return {
    repositories: repos.length,
    plans: plans.length,
    copied,
    linked: fragments.length - copied,
  };
}

/** Whether `dir` is a folder (a fragment given by path rather than URL). */
export function isFolder(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}
