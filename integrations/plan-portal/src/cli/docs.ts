import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import type { Dirent, Stats } from "node:fs";
import path from "node:path";
import type { CheckedPlan } from "../check/index.ts";
import type { DiscoveryNotice } from "../discover/index.ts";
import { checkDoc, DOC_RULE, type DocFinding } from "../directives/check-docs.ts";
import { ownsFile, type DocsSite } from "../directives/resolve.ts";
import type { JsonDoc } from "../contract/json.ts";
import { catalogError, DocsFolderNotFound, DocsOptionsConflict } from "../errors.ts";

const CONFIGS = ["mjs", "ts", "js", "mts", "cjs", "cts"].map((ext) => `astro.config.${ext}`);
const DOC_FILE = /\.(?:md|markdown|mdx)$/i;
const SKIP = new Set(["node_modules", "dist", ".astro"]);

/** The Astro project `check` runs in: the current directory, else the folder above the first specs root. */
export function astroProject(cwd: string, roots: string[]): string | null {
  const candidates = [cwd, ...(roots[0] ? [path.dirname(roots[0])] : [])];
  return candidates.find((dir) => CONFIGS.some((c) => existsSync(path.join(dir, c)))) ?? null;
}

export interface DocsArgs {
  docs: string[];
  noDocs: boolean;
}

/** The folders (or files) whose docs are checked; none when --no-docs or no Astro project is found. */
export function docTargets(args: DocsArgs, cwd: string, roots: string[]): string[] {
  if (args.noDocs && args.docs.length) {
    throw catalogError(DocsOptionsConflict);
  }
  if (args.noDocs) return [];
  if (args.docs.length) return args.docs.map((d) => existing(d, cwd));
  const project = astroProject(cwd, roots);
  if (!project) return [];
  return ["src/pages", "src/content"]
    .map((d) => path.join(project, d))
    .filter((d) => existsSync(d) && statSync(d).isDirectory());
}

function existing(arg: string, cwd: string): string {
  const abs = path.resolve(cwd, arg);
  if (!existsSync(abs)) {
    throw catalogError(DocsFolderNotFound, arg, abs);
  }
  return abs;
}

export interface DocFiles {
  files: string[];
  /** Folders that could not be read: a notice each, never a silent gap. */
  notices: DiscoveryNotice[];
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return code ?? String(error);
}

function sortedEntries(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The .md/.mdx files below each target (or the target itself), sorted, each once; plans are not docs. */
export function docFiles(targets: string[], site: DocsSite): DocFiles {
  const found = new Set<string>();
  const notices: DiscoveryNotice[] = [];
  const seen = new Set<string>();
  const skipped = (p: string, error: unknown) =>
    notices.push({
      path: p,
      message: `Not checked for plan directives: ${errorText(error)}.`,
      hint: "Fix or remove it, or pass the docs folders you mean with --docs.",
    });
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      const real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      entries = sortedEntries(dir);
    } catch (error) {
      return void skipped(dir, error);
    }
    for (const entry of entries) {
      const p = path.join(dir, entry.name);
      if (entry.name.startsWith(".") || SKIP.has(entry.name)) continue;
      let stat: Stats | Dirent = entry;
      try {
        if (entry.isSymbolicLink()) stat = statSync(p);
      } catch (error) {
        skipped(p, error);
        continue;
      }
      if (stat.isDirectory()) walk(p);
      else if (stat.isFile() && DOC_FILE.test(entry.name)) found.add(p);
    }
  };
  for (const target of targets) {
    if (statSync(target).isDirectory()) walk(target);
    else found.add(target);
  }
  return { files: [...found].filter((f) => ownsFile(site, f)), notices };
}

function unreadable(file: string, error: unknown): DocFinding {
  return {
    ruleId: DOC_RULE.id,
    severity: DOC_RULE.severity,
    message: `The doc could not be read (${errorText(error)}).`,
    hint: "Make it readable, or leave its folder out of --docs.",
    line: 1,
    column: 1,
    file,
  };
}

/** Every doc's directives against the checked plans; paths relative to `site.root` (the current directory). */
export function checkDocs(files: string[], site: DocsSite, checked: CheckedPlan[]): JsonDoc[] {
  const plans = checked.map((c) => ({ id: c.plan.id, checked: c }));
  const catalog = { plans, byId: new Map(plans.map((p) => [p.id, p])) };
  return files.map((file) => {
    const rel = path.relative(site.root, file).split(path.sep).join("/");
    let source: string;
    try {
      source = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    } catch (error) {
      return { path: rel, directives: 0, findings: [unreadable(rel, error)] };
    }
    return { path: rel, ...checkDoc(source, file, site, catalog) };
  });
}
