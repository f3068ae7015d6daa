import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { catalogNotice } from "../discover/notice.ts";
import type { DiscoveryNotice } from "../discover/types.ts";
import { SourceFolderMissing } from "./errors.ts";
import { checkoutDir, materializeGit, type Git, URL_LIKE } from "./git.ts";
import type { Source } from "./schema.ts";

/** A source ready to discover: its repository name, where it lies on disk, its specs folders. */
export interface ResolvedSource {
  name: string;
  kind: "folder" | "git";
  /** The folder or the checkout: plan paths inside the repository are relative to it. */
  base: string;
  /** The specs folders that exist, absolute. */
  roots: string[];
  editUrl?: string;
  /** The commit checked out (git sources). */
  commit?: string;
}

export interface SourceIo {
  /** Where git sources are cloned (the cache root). */
  cacheRoot: string;
  git: Git;
}

function isFolder(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/** The specs folders of a source that exist; each missing one is a notice. */
function specsRoots(source: Source, base: string, notices: DiscoveryNotice[]): string[] {
  return source.specs
    .map((s) => path.resolve(base, s))
    .filter((root) => {
      if (isFolder(root)) return true;
      notices.push(catalogNotice(SourceFolderMissing, root, source.name, root));
      return false;
    });
}

function resolveGit(
  source: Source & { git: string },
  from: string,
  io: SourceIo,
  notices: DiscoveryNotice[],
): ResolvedSource | null {
  const remote = URL_LIKE.test(source.git) ? source.git : path.resolve(from, source.git);
  const checkout = materializeGit(io.git, io.cacheRoot, {
    name: source.name,
    remote,
    ref: source.ref,
    specs: source.specs,
  });
  if (checkout.problem) {
    const { entry, details } = checkout.problem;
    notices.push(catalogNotice(entry, checkout.dir ?? from, ...(details as never[])));
  }
  if (checkout.dir === null) return null;
  return {
    name: source.name,
    kind: "git",
    base: checkout.dir,
    roots: specsRoots(source, checkout.dir, notices),
    ...(source.editUrl ? { editUrl: source.editUrl } : {}),
    ...(checkout.commit ? { commit: checkout.commit } : {}),
  };
}

/**
 * Every source on disk: folders as they are, git repositories cloned or fetched into the cache.
 * Paths are relative to `from` (the config file's folder, or the project root). Nothing here
 * fails the portal: a source that cannot be read is a notice, and the others are still built.
 */
export function resolveSources(
  sources: readonly Source[],
  from: string,
  io: SourceIo,
): { sources: ResolvedSource[]; notices: DiscoveryNotice[] } {
  const notices: DiscoveryNotice[] = [];
  const resolved: ResolvedSource[] = [];
  for (const source of sources) {
    if (source.git !== undefined) {
      const git = resolveGit({ ...source, git: source.git }, from, io, notices);
      if (git) resolved.push(git);
      continue;
    }
    const base = path.resolve(from, source.path ?? ".");
    if (!isFolder(base)) {
      notices.push(catalogNotice(SourceFolderMissing, base, source.name, base));
      continue;
    }
    resolved.push({
      name: source.name,
      kind: "folder",
      base,
      roots: specsRoots(source, base, notices),
      ...(source.editUrl ? { editUrl: source.editUrl } : {}),
    });
  }
  return { sources: resolved, notices };
}

/**
 * Where each source's specs folders are or will be, without fetching anything: what the dev
 * server watches and the directives resolve against before the first build has cloned.
 */
export function sourceFolders(
  sources: readonly Source[],
  from: string,
  cacheRoot: string,
): string[] {
  return sources.flatMap((source) => {
    const base =
      source.git !== undefined
        ? checkoutDir(cacheRoot, {
            name: source.name,
            remote: URL_LIKE.test(source.git) ? source.git : path.resolve(from, source.git),
          })
        : path.resolve(from, source.path ?? ".");
    return source.specs.map((s) => path.resolve(base, s));
  });
}
