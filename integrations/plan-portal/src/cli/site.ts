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
import { parseArgs } from "node:util";
import { DIAGRAM_MODES, type DiagramMode } from "../vocabulary.ts";
import { checkTodayOption, UsageError } from "./usage.ts";

export const SITE_HELP = `Usage:
  plan-portal build [dir ...] [--out DIR] [--title T] [--today YYYY-MM-DD] [--diagrams auto|svg|client|off]
  plan-portal dev [dir ...] [--port N] [--host H] [--diagrams auto|svg|client|off]
  plan-portal preview [--out DIR] [--port N] [--host H]

Run the portal for one or more folders of specs (default: specs) without an Astro site of your own.
build writes a static site to --out (default: plan-portal-dist); preview serves it.
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
      throw new UsageError(
        `${command} runs Astro, which is not installed in this project.`,
        "Install it beside plan-portal: npm install --save-dev astro (plan-portal check works without it).",
      );
    }
    throw error;
  }
}

export async function runSite(
  command: "build" | "dev" | "preview",
  argv: string[],
  cwd: string,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "plan-portal-dist" },
      title: { type: "string", default: "Plan Portal" },
      today: { type: "string" },
      diagrams: { type: "string", default: "auto" },
      port: { type: "string" },
      host: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(SITE_HELP);
    return 0;
  }
  // Several specs folders (a monorepo's apps/*/specs) make one portal.
  const dirs = positionals.length ? positionals : ["specs"];
  const specsDirs = dirs.map((d) => path.resolve(cwd, d));
  const outDir = path.resolve(cwd, values.out!);
  if (command !== "preview") {
    specsDirs.forEach((specs, i) => {
      if (!existsSync(specs) || !statSync(specs).isDirectory())
        throw new UsageError(
          `No folder "${dirs[i]}" (looked in ${specs}).`,
          "Pass the folder that holds your feature folders, e.g. plan-portal build path/to/specs.",
        );
    });
  }
  const specs = specsDirs[0]!;
  if (command === "preview" && !existsSync(outDir)) {
    throw new UsageError(
      `Nothing to preview: ${outDir} does not exist.`,
      "Run plan-portal build first (or pass --out DIR).",
    );
  }
  const diagrams = values.diagrams as DiagramMode;
  if (!DIAGRAM_MODES.includes(diagrams)) {
    throw new UsageError(
      `--diagrams takes auto, svg, client or off, not "${values.diagrams}".`,
      "auto draws SVG at build when Chromium is found, else in the browser.",
    );
  }
  if (values.today !== undefined) checkTodayOption(values.today);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new UsageError(
      `--port takes a port number, not "${values.port}".`,
      "For example: --port 4321",
    );

  const astro = await loadAstro(command);
  const planPortal = (await import("../index.ts")).default;
  const root = scratchRoot(specsDirs.join("\0"));
  // Astro imports its prerender bundle from outDir, so it must sit inside the project root; the
  // result is copied to --out afterwards.
  const config = {
    root,
    configFile: false as const,
    outDir: command === "preview" ? outDir : path.join(root, "dist"),
    logLevel: "info" as const,
    server: { ...(port ? { port } : {}), ...(values.host ? { host: values.host } : {}) },
    integrations: [
      planPortal({
        specsDir: specsDirs.length === 1 ? specs : specsDirs,
        base: "/",
        title: values.title!,
        diagrams: { mode: diagrams },
        ...(values.today ? { today: values.today } : {}),
      }),
    ],
    // Pages are written while others render (the pages are mostly waiting on disk writes).
    build: { concurrency: 4 },
    vite: { server: { fs: { allow: [root, packageDir, ...specsDirs, cwd] } } },
  };
  if (command === "build") {
    if (
      existsSync(outDir) &&
      readdirSync(outDir).length > 0 &&
      !existsSync(path.join(outDir, MARKER))
    ) {
      throw new UsageError(
        `${outDir} exists and was not written by plan-portal; it was left alone.`,
        "Pass an empty or new folder with --out.",
      );
    }
    // Astro writes some of its prerender files relative to the working directory.
    const previous = process.cwd();
    process.chdir(root);
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
    process.stdout.write(
      `\nPortal written to ${path.relative(cwd, outDir) || "."}/ — run \`plan-portal preview${values.out === "plan-portal-dist" ? "" : ` --out ${values.out}`}\` to serve it.\n`,
    );
    return 0;
  }
  const server = command === "dev" ? await astro.dev(config) : await astro.preview(config);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.stop();
  return 0;
}
