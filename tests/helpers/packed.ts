import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../browser/preview.ts";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The workspace's own Node 22 (the `node` devDependency): a user's Node, not ours to assume. */
const node22 = path.join(repo, "node_modules", "node", "bin");
/** One npm cache for every packed-install run, so a rerun installs from disk, not the registry. */
const npmCache = path.join(repo, ".cache", "npm-install-test");

/** A fresh folder outside the workspace: no symlinked package, no workspace node_modules above it. */
export function freshFolder(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `plan-portal-install-${name}-`));
  if (!path.relative(repo, dir).startsWith("..")) throw new Error(`${dir} is inside ${repo}`);
  return dir;
}

/**
 * The environment a user's shell has: PATH with Node 22 first and none of the workspace's
 * node_modules/.bin, no npm_* variables of the test run's own npm, a local npm cache.
 */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_OPTIONS|NODE_PATH|INIT_CWD)/i.test(key)) continue;
    env[key] = value;
  }
  const outside = (process.env["PATH"] ?? "")
    .split(path.delimiter)
    .filter((p) => p && path.relative(repo, p).startsWith(".."));
  env["PATH"] = [node22, ...outside].join(path.delimiter);
  mkdirSync(npmCache, { recursive: true });
  Object.assign(env, {
    npm_config_cache: npmCache,
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  });
  return env;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one README command line (split on spaces; the README's commands have no quoting). */
export function sh(line: string, cwd: string, tarball: string): Ran {
  const words = line
    .split(/\s+/)
    .map((w) => (w === "plan-portal" && isInstall(line) ? tarball : w));
  const [command, ...args] = words;
  const result = spawnSync(command!, args, {
    cwd,
    env: userEnv(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function isInstall(line: string): boolean {
  return /^npm (install|i|add)\b/.test(line);
}

/** Starts a serving command (preview, dev) on a free port; resolves once `url` answers 200. */
export async function serve(
  line: string,
  cwd: string,
  urlPath: string,
): Promise<{ body: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const [command, ...args] = `${line} --port ${port} --host 127.0.0.1`.split(/\s+/);
  const child: ChildProcess = spawn(command!, args, {
    cwd,
    env: userEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  };
  const url = `http://127.0.0.1:${port}${urlPath}`;
  const start = Date.now();
  for (;;) {
    const response = await fetch(url).catch(() => null);
    if (response?.status === 200) return { body: await response.text(), stop };
    if (child.exitCode !== null || Date.now() - start > 90_000) {
      await stop();
      throw new Error(`${line} did not serve ${url} (status ${response?.status}):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The section of the README's "Install in your repository" under `### heading`. */
function readmePart(heading: string): string {
  const readme = readFileSync(path.join(repo, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Install in your repository"));
  if (!section) throw new Error('README.md has no "## Install in your repository" section');
  const part = section.split(/^### /m).find((s) => s.startsWith(heading));
  if (!part) throw new Error(`README.md has no "### ${heading}" under Install in your repository`);
  return part;
}

/** The code blocks of one language in a README part, in order. */
export function readmeBlocks(heading: string, language: string): string[] {
  const fence = new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g");
  return [...readmePart(heading).matchAll(fence)].map((m) => m[1]!);
}

/**
 * The shell commands of one "Install in your repository" part of the README, in order: the
 * test runs exactly what users are told to run.
 */
export function readmeCommands(heading: string): string[] {
  return readmeBlocks(heading, "sh")
    .join("\n")
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l && !l.startsWith("#"));
}
