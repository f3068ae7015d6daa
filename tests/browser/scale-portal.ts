import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = path.join(repo, "integrations", "plan-portal");

/** What the 1,000-plan portal is built with: `--today`, and the generator's seed. */
export const SCALE_TODAY = "2026-11-25";
const SEED = "plan-portal";
const PREFIX = "plan-portal-scale-portal-";

/** A hash of everything the build reads: the package's compiled code and the plan generator. */
function codeHash(): string {
  const hash = createHash("sha1");
  for (const dir of [path.join(pkg, "dist"), path.join(pkg, "bench", "gen")]) {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const f of files) hash.update(f).update(readFileSync(f));
  }
  return hash.digest("hex").slice(0, 12);
}

/**
 * The portal of 1,000 generated plans (npm run bench:gen's generator), built with the standalone
 * CLI, diagrams drawn in the browser: about a minute and a half on two cores. Test files share one
 * build: it sits in the temporary folder under a hash of the package's code, built by whichever
 * file asks first (the others wait on its lock) and reused until the code changes.
 * PLAN_PORTAL_SCALE_OUT=<dir> uses a portal built that way before (`plan-portal build <specs>
 * --out <dir> --today 2026-11-25 --diagrams client` of `npm run bench:gen -- --plans 1000 --seed
 * plan-portal`).
 */
export function scalePortal(): string {
  const prebuilt = process.env["PLAN_PORTAL_SCALE_OUT"];
  if (prebuilt) return prebuilt;
  const dir = path.join(tmpdir(), PREFIX + codeHash());
  const out = path.join(dir, "out");
  const done = path.join(dir, "built");
  const steps = [
    [
      process.execPath,
      path.join(pkg, "bench", "generate.ts"),
      "--plans",
      "1000",
      "--out",
      path.join(dir, "site"),
      "--seed",
      SEED,
    ],
    [
      process.execPath,
      path.join(pkg, "bin", "plan-portal.js"),
      "build",
      path.join(dir, "site", "specs"),
      "--out",
      out,
      "--today",
      SCALE_TODAY,
      "--diagrams",
      "client",
    ],
  ];
  // flock(1) serialises the files that ask at once; the first builds, the others find it built.
  const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;
  const command = (args: string[]) => args.map(quote).join(" ");
  const build = [
    `rm -rf ${quote(dir)} && mkdir -p ${quote(dir)}`,
    ...steps.map(command),
    `touch ${quote(done)}`,
  ].join(" && ");
  const shell = `[ -e ${quote(done)} ] || { ${build}; }`;
  const built = spawnSync("flock", [`${dir}.lock`, "sh", "-c", shell], {
    cwd: tmpdir(),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PLAN_PORTAL_CACHE_DIR: path.join(dir, "cache") },
  });
  if (built.status !== 0 || !existsSync(done))
    throw new Error(`1,000-plan portal build failed:\n${built.stderr}`);
  removeOtherBuilds(path.basename(dir));
  return out;
}

/** Builds of older code: a few hundred MB each, never read again. */
function removeOtherBuilds(keep: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX) || name === keep || name === `${keep}.lock`) continue;
    rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
  }
}
