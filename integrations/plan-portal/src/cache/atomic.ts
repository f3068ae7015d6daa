import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";

/**
 * The write discipline of every plan-portal cache: an entry is written under a temporary name and
 * renamed into place, so a reader (or the next build after a SIGKILL) sees the old entry, the new
 * one or none, never half of one. Each entry file also starts with a header holding its length and
 * SHA-1: a rename can reach the disk before the data does (power loss without fsync), and a
 * truncated or zero-filled entry then fails the check and counts as a miss instead of being served.
 */

/** Header of a sealed entry: `plan-portal-cache/1 <bytes> <sha1>\n`, then the bytes. */
const MAGIC = "plan-portal-cache/1";
const HEADER = /^plan-portal-cache\/1 (\d+) ([0-9a-f]{40})$/;

/** Stray temporaries are only removed after this long: another build may be writing one now. */
export const STALE_TEMP_MS = 3_600_000;

/** `name.<pid>-<thread>-<n>.tmp` (and the older `name.<pid>.tmp`): never read as an entry. */
const TEMP_NAME = /\.\d+(-\d+-\d+)?\.tmp$/;

let sequence = 0;

/** A temporary name beside `target`, unique across processes, worker threads and calls. */
export function tempPath(target: string): string {
  return `${target}.${process.pid}-${threadId}-${sequence++}.tmp`;
}

export const isTempName = (name: string): boolean => TEMP_NAME.test(name);

const sha1Hex = (data: Uint8Array) => createHash("sha1").update(data).digest("hex");

/** The bytes of an entry file: the header, then `body`. */
export function sealEntry(body: string | Uint8Array): Buffer {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  return Buffer.concat([Buffer.from(`${MAGIC} ${bytes.length} ${sha1Hex(bytes)}\n`), bytes]);
}

/** The body of an entry file, or undefined when the header is missing or does not match it. */
export function openEntry(data: Buffer): Buffer | undefined {
  const newline = data.indexOf(0x0a);
  // The header is about 65 bytes; a longer first line is a foreign file.
  if (newline < 0 || newline > 100) return undefined;
  const header = HEADER.exec(data.subarray(0, newline).toString("latin1"));
  if (!header) return undefined;
  const body = data.subarray(newline + 1);
  if (body.length !== Number(header[1]) || sha1Hex(body) !== header[2]) return undefined;
  return body;
}

/** Write `data` to `file` through a temporary name and a rename. Throws (temp removed) on failure. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempPath(file);
  try {
    writeFileSync(temp, data, { flag: "wx" });
    renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/**
 * Remove a temporary after a failed write, or an entry being pruned. Where that fails (the folder
 * is a file, the cache is read-only) nothing was written there either, and a build must not fail
 * over its cache; a stale temporary is swept by a later build that can write.
 */
export function removeQuietly(temp: string): void {
  try {
    rmSync(temp, { recursive: true, force: true });
  } catch {
    // See above: the cache stays as it is.
  }
}

/**
 * Move the finished folder `temp` to `target`, replacing an older `target` (an entry that failed
 * validation, or one another build wrote meanwhile). The old folder is first renamed to a
 * temporary name, so a build killed between the two renames leaves a stray temporary (swept
 * later), never a mix of two entries. Returns false, `temp` removed, when `target` could not be
 * replaced (another build renamed its own copy in between: that one is as good).
 */
export function replaceDirAtomic(temp: string, target: string): boolean {
  try {
    renameSync(temp, target);
    return true;
  } catch {
    // target exists (ENOTEMPTY/EEXIST/EPERM by platform): move it aside and retry once.
  }
  const old = tempPath(target);
  try {
    renameSync(target, old);
    renameSync(temp, target);
    return true;
  } catch {
    return false;
  } finally {
    removeQuietly(old);
    removeQuietly(temp);
  }
}

/**
 * Remove temporaries older than `STALE_TEMP_MS` in `dir` and, with `depth` 1, in its
 * subfolders: what builds killed between write and rename left. Returns how many went.
 */
export function sweepTemps(dir: string, depth = 1, now = Date.now()): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no folder yet: nothing to sweep
  }
  let removed = 0;
  for (const name of names) {
    const p = path.join(dir, name);
    if (isTempName(name)) removed += removeIfStale(p, now);
    else if (depth > 0) removed += sweepTemps(p, depth - 1, now);
  }
  return removed;
}

function removeIfStale(p: string, now: number): number {
  try {
    if (now - statSync(p).mtimeMs < STALE_TEMP_MS) return 0;
    rmSync(p, { recursive: true, force: true });
    return 1;
  } catch {
    // Gone already (another build swept it) or not ours to remove: either way not an entry.
    return 0;
  }
}
