import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sha1 } from "../cache/disk-cache.ts";
import type { ErrorData } from "../errors.ts";
import { SourceGitMissing, SourceNotGit, SourceRefUnknown, SourceUnreachable } from "./errors.ts";

/** How one git command went. */
export interface GitRun {
  ok: boolean;
  stdout: string;
  /** stderr, or why git could not start. */
  stderr: string;
  /** git itself could not run (not installed, not on PATH). */
  missing?: boolean;
}

export type Git = (args: string[], cwd: string) => GitRun;

/** Git without a terminal: a source that needs a password fails now instead of waiting forever. */
export const spawnGit: Git = (args, cwd) => {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0" };
  env["GIT_SSH_COMMAND"] ??= "ssh -o BatchMode=yes";
  const run = spawnSync("git", args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  if (run.error) return { ok: false, stdout: "", stderr: run.error.message, missing: true };
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr };
};

/** What a git source turned into: the checkout (null when there is none yet) and what to tell. */
export interface GitCheckout {
  dir: string | null;
  commit: string | null;
  problem: { entry: ErrorData; details: unknown[] } | null;
}

export interface GitSourceRequest {
  name: string;
  /** An URL, or an absolute local path. */
  remote: string;
  ref: string | undefined;
  specs: string[];
}

export const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/|^[\w.-]+@[\w.-]+:/i;

/** Local repositories are fetched through file:// so that `--depth 1` applies to them too. */
function fetchUrl(remote: string): string {
  return URL_LIKE.test(remote) ? remote : pathToFileURL(remote).href;
}

/** The first line of git's complaint, without its `fatal: ` prefix. */
function why(run: GitRun): string {
  const line =
    run.stderr.split("\n").find((l) => /fatal|error/i.test(l)) ?? run.stderr.split("\n")[0] ?? "";
  return line.replace(/^(fatal|error):\s*/i, "").trim() || "git failed";
}

/** Why a fetch failed, as the catalogue entry that tells the user what to do. */
function fetchProblem(req: GitSourceRequest, run: GitRun, kept: boolean): GitCheckout["problem"] {
  const text = run.stderr;
  if (/couldn't find remote ref|not our ref|invalid refspec|unadvertised object/i.test(text)) {
    return { entry: SourceRefUnknown, details: [req.name, req.ref ?? "HEAD", kept] };
  }
  if (/does not appear to be a git repository|not a git repository/i.test(text)) {
    return { entry: SourceNotGit, details: [req.name, req.remote, why(run)] };
  }
  return { entry: SourceUnreachable, details: [req.name, req.remote, why(run), kept] };
}

/** The source's folder in the cache: one per remote, so two sources never share a checkout. */
export function checkoutDir(
  cacheRoot: string,
  req: Pick<GitSourceRequest, "name" | "remote">,
): string {
  return path.join(cacheRoot, "sources", `${req.name}-${sha1(req.remote).slice(0, 10)}`);
}

function headCommit(git: Git, dir: string): string | null {
  const run = git(["rev-parse", "--verify", "--quiet", "HEAD"], dir);
  return run.ok ? run.stdout.trim() : null;
}

/** A fresh repository that fetches `remote` and checks out only the specs folders (sparse, cone). */
function initCheckout(git: Git, dir: string, req: GitSourceRequest): GitRun {
  mkdirSync(dir, { recursive: true });
  for (const args of [
    ["init", "--quiet"],
    ["remote", "add", "origin", fetchUrl(req.remote)],
  ]) {
    const run = git(args, dir);
    if (!run.ok) return run;
  }
  return { ok: true, stdout: "", stderr: "" };
}

/**
 * Clone (shallow, sparse) or update one git source in the cache. A fetch that fails keeps the
 * last good checkout and says why; only a source never fetched has no plans. A local path that
 * is not a repository is said so before anything is fetched.
 */
export function materializeGit(git: Git, cacheRoot: string, req: GitSourceRequest): GitCheckout {
  const dir = checkoutDir(cacheRoot, req);
  const hasCheckout = existsSync(path.join(dir, ".git"));
  const kept = hasCheckout ? headCommit(git, dir) : null;
  const fail = (entry: ErrorData, ...details: unknown[]): GitCheckout => ({
    dir: kept ? dir : null,
    commit: kept,
    problem: { entry, details },
  });
  const probe = localProblem(git, req, kept !== null);
  if (probe) return fail(probe.entry, ...probe.details);
  if (!hasCheckout) {
    const init = initCheckout(git, dir, req);
    if (init.missing) return fail(SourceGitMissing, req.name, init.stderr);
    if (!init.ok) return fail(SourceUnreachable, req.name, req.remote, why(init), false);
  }
  const fetch = git(
    // `--`: the ref is never read as an option, whatever reached here (the schema refuses "-…").
    ["fetch", "--quiet", "--depth", "1", "--no-tags", "origin", "--", req.ref ?? "HEAD"],
    dir,
  );
  if (fetch.missing) return fail(SourceGitMissing, req.name, fetch.stderr);
  if (!fetch.ok) {
    const { entry, details } = fetchProblem(req, fetch, kept !== null)!;
    return fail(entry, ...details);
  }
  const sparse = git(["sparse-checkout", "set", "--cone", "--", ...req.specs], dir);
  const checkout = sparse.ok
    ? git(["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], dir)
    : sparse;
  if (!checkout.ok)
    return fail(SourceUnreachable, req.name, req.remote, why(checkout), kept !== null);
  return { dir, commit: headCommit(git, dir), problem: null };
}

/**
 * A local path is checked before fetching, to say which of two things is wrong: it is gone (the
 * last good copy serves), or it is a folder but no repository (use `path` for a plain folder).
 */
function localProblem(git: Git, req: GitSourceRequest, kept: boolean): GitCheckout["problem"] {
  if (URL_LIKE.test(req.remote)) return null;
  if (!existsSync(req.remote)) {
    return { entry: SourceUnreachable, details: [req.name, req.remote, "no such folder", kept] };
  }
  const probe = git(["rev-parse", "--git-dir"], req.remote);
  if (probe.missing) return { entry: SourceGitMissing, details: [req.name, probe.stderr] };
  return probe.ok ? null : { entry: SourceNotGit, details: [req.name, req.remote, why(probe)] };
}
