import path from "node:path";
import { DiskCache, sha1 } from "../cache/disk-cache.ts";
import { type GitRunner, type Repository } from "./git.ts";
import { logArgs, parseLog, type RawCommit } from "./log.ts";
import { parseBlame, type BlameLine } from "./blame.ts";
import type { ChangelogEntry } from "./types.ts";

/** What the history cache holds: the parsed log up to `head`, or one file's blame. */
export type CacheEntry =
  | { kind: "log"; head: string; commits: RawCommit[] }
  | { kind: "blame"; lines: [number, BlameLine][] }
  | { kind: "code"; head: string; commits: { hash: string; date: string; files: string[] }[] }
  | { kind: "changelog"; entries: ChangelogEntry[] };

function isEntry(value: unknown): value is CacheEntry {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === "log" || kind === "blame" || kind === "code" || kind === "changelog";
}

export function historyCache(root: string | undefined): DiskCache<CacheEntry> {
  return new DiskCache<CacheEntry>("history", {
    fingerprint: "history-v1",
    valid: isEntry,
    ...(root ? { root } : {}),
  });
}

/** One repository's readers: git (counted) and the cache, keyed by what the answer depends on. */
export interface Reader {
  repo: Repository;
  head: string;
  git: GitRunner;
  cache: DiskCache<CacheEntry>;
}

/**
 * Commits touching `roots` (paths from the top), newest first. Cached per HEAD; on a new HEAD
 * that descends from the last one read, only the commits between them are read (`old..new`).
 */
export function readLog(reader: Reader, roots: string[]): RawCommit[] {
  const { repo, head, git, cache } = reader;
  const scope = sha1(`${repo.commonDir}\0${roots.join("\0")}`);
  const key = sha1(`log\0${scope}\0${head}`);
  const hit = cache.get(key);
  if (hit?.kind === "log") return hit.commits;
  const latest = cache.get(sha1(`log-latest\0${scope}`));
  let commits: RawCommit[];
  if (latest?.kind === "log" && descends(reader, latest.head)) {
    const added = parseLog(git(repo.top, logArgs(`${latest.head}..${head}`, roots)));
    commits = [...added, ...latest.commits];
  } else {
    commits = parseLog(git(repo.top, logArgs(null, roots)));
  }
  const entry: CacheEntry = { kind: "log", head, commits };
  cache.set(key, entry);
  cache.set(sha1(`log-latest\0${scope}`), entry);
  return commits;
}

function descends(reader: Reader, old: string): boolean {
  try {
    reader.git(reader.repo.top, ["merge-base", "--is-ancestor", old, reader.head]);
    return true;
  } catch {
    return false; // not an ancestor (history rewritten) or unknown: read everything again
  }
}

/**
 * `git blame` of one file (path from the top), cached by what it depends on: the file's text and
 * the last commit that touched it. A file git does not track blames as all uncommitted.
 */
export function readBlame(
  reader: Reader,
  file: string,
  text: string,
  lastCommit: string | null,
): Map<number, BlameLine> {
  const key = sha1(`blame\0${reader.repo.commonDir}\0${file}\0${lastCommit}\0${sha1(text)}`);
  const hit = reader.cache.get(key);
  if (hit?.kind === "blame") return new Map(hit.lines);
  let lines: Map<number, BlameLine>;
  if (lastCommit === null) lines = new Map();
  else lines = parseBlame(reader.git(reader.repo.top, ["blame", "--porcelain", "--", file]));
  reader.cache.set(key, { kind: "blame", lines: [...lines] });
  return lines;
}

/**
 * Commits since `since` (YYYY-MM-DD) that touched any of `paths` (from the top), newest first,
 * with the files each touched: what staleness compares a plan's last change against.
 */
export function readCodeLog(
  reader: Reader,
  paths: string[],
  since: string,
): { hash: string; date: string; files: string[] }[] {
  if (paths.length === 0) return [];
  const key = sha1(`code\0${reader.repo.commonDir}\0${reader.head}\0${since}\0${paths.join("\0")}`);
  const hit = reader.cache.get(key);
  if (hit?.kind === "code") return hit.commits;
  const text = reader.git(reader.repo.top, [
    "log",
    "--format=%x00%H%x1f%aI",
    "--name-only",
    `--since=${since}T00:00:00Z`,
    "--",
    ...paths,
  ]);
  const commits = text
    .split("\0")
    .slice(1)
    .map((block) => {
      const [head = "", ...files] = block.split("\n");
      const [hash = "", date = ""] = head.split("\x1f");
      return { hash, date, files: files.filter(Boolean) };
    });
  reader.cache.set(key, { kind: "code", head: reader.head, commits });
  return commits;
}

/** `p` (absolute) relative to the repository's top, with `/`. */
export function fromTop(repo: Repository, p: string): string {
  return path.relative(repo.top, p).split(path.sep).join("/");
}
