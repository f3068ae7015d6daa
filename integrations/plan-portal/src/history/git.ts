import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Runs git with `args` in `cwd` and returns its stdout; injected so tests can count spawns. With
 * `input` (fed to stdin, for `cat-file --batch`), stdout comes back as latin1: one character per
 * byte, so the byte sizes git prints can be counted in it.
 */
export type GitRunner = (cwd: string, args: string[], input?: string) => string;

/** git could not be started at all (not installed, not on PATH). */
export class GitMissing extends Error {}

/**
 * The real runner. `--literal-pathspecs`: paths come from plans (untrusted), so `:(glob)…` in a
 * task's path is a file name, never pathspec magic; they always follow `--` too.
 */
export const spawnGit: GitRunner = (cwd, args, input) => {
  try {
    return execFileSync("git", ["--literal-pathspecs", ...args], {
      cwd,
      encoding: input === undefined ? "utf8" : "latin1",
      ...(input === undefined ? {} : { input }),
      maxBuffer: 512 * 1024 * 1024,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") throw new GitMissing("git is not installed or not on PATH");
    const failure = new Error((e.stderr ?? "").trim().split("\n")[0] || e.message);
    throw Object.assign(failure, { command: args[0] });
  }
};

export interface Repository {
  /** The work tree's top folder. */
  top: string;
  /** The git directory (`.git`, or a worktree's own folder). */
  gitDir: string;
  /** The common git directory (refs, objects, `shallow`); equals gitDir outside worktrees. */
  commonDir: string;
}

/** The repository `from` is in, found by walking up to a `.git` folder or file; null if none. */
export function findRepository(from: string): Repository | null {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, ".git");
    const gitDir = gitDirAt(dotGit);
    if (gitDir) {
      const common = path.join(gitDir, "commondir");
      const commonDir = existsSync(common)
        ? path.resolve(gitDir, readFileSync(common, "utf8").trim())
        : gitDir;
      return { top: dir, gitDir, commonDir };
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** `.git` as a folder, or a `gitdir: …` file (worktrees, submodules). */
function gitDirAt(dotGit: string): string | null {
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const text = readFileSync(dotGit, "utf8");
    const m = /^gitdir:\s*(.+)$/m.exec(text);
    return m ? path.resolve(path.dirname(dotGit), m[1]!.trim()) : null;
  } catch {
    return null; // no .git here: keep walking up
  }
}

/**
 * HEAD's commit hash, read from the git directory's files (no spawn, so a rebuild on the same
 * commit starts nothing); null for a repository without commits or refs it cannot read.
 */
export function readHead(repo: Repository): string | null {
  let head: string;
  try {
    head = readFileSync(path.join(repo.gitDir, "HEAD"), "utf8").trim();
  } catch {
    return null;
  }
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return /^[0-9a-f]{40,64}$/.test(head) ? head : null;
  for (const dir of [repo.gitDir, repo.commonDir]) {
    try {
      return readFileSync(path.join(dir, ref), "utf8").trim();
    } catch {
      // not a loose ref here: packed-refs below
    }
  }
  try {
    const packed = readFileSync(path.join(repo.commonDir, "packed-refs"), "utf8");
    for (const line of packed.split("\n")) {
      const [hash, name] = line.split(" ");
      if (name === ref && hash) return hash;
    }
  } catch {
    // no packed-refs
  }
  return null;
}

/** A shallow clone has a `shallow` file listing its cut-off commits. */
export function isShallow(repo: Repository): boolean {
  return existsSync(path.join(repo.commonDir, "shallow"));
}
