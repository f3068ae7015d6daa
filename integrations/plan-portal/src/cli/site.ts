import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { DIAGRAM_MODES, type DiagramMode } from "../vocabulary.ts";
import {
  AstroNotInstalled,
  catalogError,
  DiagramModeUnknown,
  InvalidArguments,
  NothingToPreview,
  OutDirNotOurs,
  PortNotANumber,
  SpecsFolderNotFound,
} from "../errors.ts";
import { checkTodayOption } from "./usage.ts";
import { sourcesConfig } from "./sources.ts";
import { sourceFolders } from "../sources/resolve.ts";
import type { Source } from "../sources/schema.ts";
import { cacheRoot } from "../cache/disk-cache.ts";
import { writeFragmentManifest } from "../federation/fragment.ts";

export const SITE_HELP = `Usage:
  plan-portal build [dir ...] [--config FILE] [--out DIR] [--title T] [--today YYYY-MM-DD] [--diagrams auto|svg|client|off]
  plan-portal dev [dir ...] [--config FILE] [--port N] [--host H] [--diagrams auto|svg|client|off]
  plan-portal preview [--out DIR] [--port N] [--host H]

Run the portal for one or more folders of specs (default: specs) without an Astro site of your own.
build writes a static site to --out (default: plan-portal-dist); preview serves it.
--fragment NAME builds the portal below /NAME/ and writes plan-portal-fragment.json beside it: a
fragment that plan-portal federate merges into an organisation portal.
Several repositories: list them as sources in plan-portal.config.json or .mjs (read from the
current folder when no dir is given, or named with --config).
`;

/** Marks an output folder as ours, so a rebuild may replace it. */
const MARKER = ".plan-portal-build";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * An empty Astro project for the portal, apart from the user's own files (a `src/pages` of another
 * framework, a tsconfig) so none are picked up. It lives in the `node_modules/.cache` that holds
 * Astro, because Astro resolves its runtime from the project root. One per specs folder.
 */
function scratchRoot(specs: string): string {
  const id = createHash("sha1").update(specs).digest("hex").slice(0, 12);
  let base: string;
  try {
    const astroPkg = fileURLToPath(import.meta.resolve("astro/package.json"));
    base = path.join(path.dirname(path.dirname(astroPkg)), ".cache", "plan-portal");
  } catch {
    base = path.join(os.tmpdir(), "plan-portal");
  }
  const root = path.join(base, `site-${id}`);
  mkdirSync(path.join(root, "src"), { recursive: true });
  return root;
}

/** Astro is a peer dependency: `check` runs without it, the site commands need it. */
async function loadAstro(command: string): Promise<typeof import("astro")> {
  try {
    return await import("astro");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" && /['"]astro['"]/.test((error as Error).message)) {
      throw catalogError(AstroNotInstalled, command);
    }
    throw error;
  }
}

const SITE_OPTIONS = {
  out: { type: "string", default: "plan-portal-dist" },
  title: { type: "string" },
  config: { type: "string" },
  fragment: { type: "string" },
  today: { type: "string" },
  diagrams: { type: "string", default: "auto" },
  port: { type: "string" },
  host: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} satisfies ParseArgsOptionsConfig;

type SiteCommand = "build" | "dev" | "preview";

/** What a site command was asked to do, checked. */
interface SiteRequest {
  command: SiteCommand;
  /** Every specs folder, absolute (several make one portal: a monorepo's apps/x/specs). */
  specsDirs: string[];
  outDir: string;
  /** `--out` as given, to repeat in the preview hint. */
  out: string;
  title: string;
  /** The repositories of plan-portal.config.{json,mjs}, paths absolute; null: the specs folders. */
  sources: Source[] | null;
  /** `--fragment NAME`: the portal below /NAME/, published with a fragment manifest. */
  fragment: string | null;
  today: string | undefined;
  diagrams: DiagramMode;
  port: number | undefined;
  host: string | undefined;
}

/** The specs folders exist (build and dev read them), or the built site does (preview serves it). */
function checkFolders(command: SiteCommand, dirs: string[], specsDirs: string[], outDir: string) {
  if (command !== "preview") {
    specsDirs.forEach((specs, i) => {
      if (!existsSync(specs) || !statSync(specs).isDirectory())
        throw catalogError(SpecsFolderNotFound, dirs[i]!, specs, "site");
    });
  } else if (!existsSync(outDir)) {
    throw catalogError(NothingToPreview, outDir);
  }
}

/** `--fragment NAME`: a name that can be a path segment and a repository name in the org portal. */
function fragmentName(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
    throw catalogError(
      InvalidArguments,
      `--fragment "${value}" is not a repository name: use letters, digits, ".", "-" or "_", e.g. --fragment billing`,
    );
  }
  return value;
}

function diagramMode(value: string): DiagramMode {
  if (!(DIAGRAM_MODES as readonly string[]).includes(value)) {
    throw catalogError(DiagramModeUnknown, value);
  }
  return value as DiagramMode;
}

function portNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!(Number.isInteger(port) && port > 0 && port < 65536))
    throw catalogError(PortNotANumber, value);
  return port;
}

/** The command line of a site command, checked in the order a user reads it; null for --help. */
async function siteRequest(
  command: SiteCommand,
  argv: string[],
  cwd: string,
): Promise<SiteRequest | null> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: SITE_OPTIONS,
  });
  if (values.help) return null;
  const config =
    command === "preview" ? null : await sourcesConfig(values.config, positionals, cwd);
  const dirs = positionals.length ? positionals : ["specs"];
  const specsDirs = config
    ? sourceFolders(config.sources, cwd, cacheRoot())
    : dirs.map((d) => path.resolve(cwd, d));
  const outDir = path.resolve(cwd, values.out);
  if (!config) checkFolders(command, dirs, specsDirs, outDir);
  const diagrams = diagramMode(values.diagrams);
  if (values.today !== undefined) checkTodayOption(values.today);
  return {
    command,
    specsDirs,
    outDir,
    out: values.out,
    title: values.title ?? config?.title ?? "Plan Portal",
    sources: config?.sources ?? null,
    fragment: fragmentName(values.fragment),
    today: values.today,
    diagrams,
    port: portNumber(values.port),
    host: values.host,
  };
}

type PlanPortal = (typeof import("../index.ts"))["default"];

/** The Astro inline config: a scratch project holding only the portal integration. */
function astroConfig(request: SiteRequest, root: string, planPortal: PlanPortal, cwd: string) {
  const { command, specsDirs, outDir, port, host, today } = request;
  return {
    root,
    configFile: false as const,
    // Astro imports its prerender bundle from outDir, so it must sit inside the project root; the
    // result is copied to --out afterwards.
    outDir: command === "preview" ? outDir : path.join(root, "dist"),
    logLevel: "info" as const,
    server: { ...(port ? { port } : {}), ...(host ? { host } : {}) },
    integrations: [
      planPortal({
        ...(request.sources
          ? { sources: request.sources }
          : { specsDir: specsDirs.length === 1 ? specsDirs[0]! : specsDirs }),
        base: request.fragment ? `/${request.fragment}` : "/",
        title: request.title,
        diagrams: { mode: request.diagrams },
        ...(today ? { today } : {}),
        // The portal is the whole site: every page gets the search shortcuts (/, Ctrl+K) and the
        // theme switch, as in an Astro site that sets it.
        planPageScripts: true,
      }),
    ],
    // Pages are written while others render (the pages are mostly waiting on disk writes).
    build: { concurrency: 4 },
    vite: { server: { fs: { allow: [root, packageDir, ...specsDirs, cwd] } } },
  };
}

type AstroConfig = ReturnType<typeof astroConfig>;

/** Build in the scratch project, then move the result to --out (only over a folder we wrote). */
async function buildSite(
  astro: typeof import("astro"),
  config: AstroConfig,
  request: SiteRequest,
  cwd: string,
): Promise<number> {
  const { outDir, out } = request;
  if (
    existsSync(outDir) &&
    readdirSync(outDir).length > 0 &&
    !existsSync(path.join(outDir, MARKER))
  ) {
    throw catalogError(OutDirNotOurs, outDir);
  }
  // Astro writes some of its prerender files relative to the working directory.
  const previous = process.cwd();
  process.chdir(config.root);
  try {
    await astro.build(config);
  } finally {
    process.chdir(previous);
  }
  rmSync(outDir, { recursive: true, force: true });
  try {
    // Moving the built folder is instant; copying 1,000 plans' pages took seconds.
    mkdirSync(path.dirname(outDir), { recursive: true });
    renameSync(config.outDir, outDir);
  } catch {
    cpSync(config.outDir, outDir, { recursive: true });
  }
  writeFileSync(
    path.join(outDir, MARKER),
    "Written by plan-portal build; the next build replaces this folder.\n",
  );
  if (request.fragment) {
    const today = request.today ?? new Date().toISOString().slice(0, 10);
    writeFragmentManifest(outDir, {
      name: request.fragment,
      title: request.title,
      today,
      search: true,
    });
  }
  process.stdout.write(
    `\nPortal written to ${path.relative(cwd, outDir) || "."}/ — run \`plan-portal preview${out === "plan-portal-dist" ? "" : ` --out ${out}`}\` to serve it.\n`,
  );
  return 0;
}

/** Serve until Ctrl+C (or SIGTERM), then stop the server. */
async function serveSite(
  astro: typeof import("astro"),
  config: AstroConfig,
  command: "dev" | "preview",
): Promise<number> {
  const server = command === "dev" ? await astro.dev(config) : await astro.preview(config);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.stop();
  return 0;
}

export async function runSite(command: SiteCommand, argv: string[], cwd: string): Promise<number> {
  const request = await siteRequest(command, argv, cwd);
  if (request === null) {
    process.stdout.write(SITE_HELP);
    return 0;
  }
  const astro = await loadAstro(command);
  const planPortal = (await import("../index.ts")).default;
  const config = astroConfig(request, scratchRoot(request.specsDirs.join("\0")), planPortal, cwd);
  return command === "build"
    ? buildSite(astro, config, request, cwd)
    : serveSite(astro, config, command);
}
