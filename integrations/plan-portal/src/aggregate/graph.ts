import path from "node:path";
import type { CheckedPlan } from "../check/index.ts";
import { relatedTexts } from "../parse/frontmatter.ts";
import { dependencyStatements, statesDependency } from "./dependency-statements.ts";
import type { GraphEdge, PortalAggregates } from "./types.ts";

/*
 * Plans mention each other by folder name (`003-checkout-flow`), by path or link
 * (`../003-checkout-flow/plan.md`, `apps/billing/specs/001-mvp`), or in front matter
 * (`related: [003-checkout-flow]`). A monorepo has many specs roots, each numbering its own plans,
 * so two roots may both hold `001-mvp`. A bare folder name therefore resolves within the plan's own
 * specs root (the folder holding its plan folder) and never across roots: a plan that means another
 * root's plan says so with a path (`../../billing/specs/001-mvp`, `billing/specs/001-mvp`), its id
 * (`billing/001-mvp`) or `repo:plan-id`. A path that matches several plans resolves to the one in
 * the plan's own root, or to none.
 */

// Hyphenated words of a line (`003-checkout-flow`, `payments_v2`), the candidates for a mention.
const WORD = /(?<![\w-])[\p{L}\p{N}_]+(?:[-_.][\p{L}\p{N}_]+)+/gu;
/** The path written right before a folder name: `../../apps/x/specs/` in `(../../apps/x/specs/001-a/plan.md)`. */
const QUALIFIER = /[^\s`'"()[\]<>|,;*{}]*$/;

/** A plan with the folders the graph resolves against (paths relative to the current directory). */
interface Node {
  c: CheckedPlan;
  /** The plan's folder: `specs/003-checkout`. */
  dir: string;
  /** Its specs root, the folder holding its plan folder: `specs`. */
  root: string;
}

interface Index {
  byFolder: Map<string, Node[]>;
  /** Folder names specific enough to count as a bare mention (numbered, or longer than a word). */
  mentionable: Set<string>;
}

function nodeOf(c: CheckedPlan): Node {
  const dir = path.posix.dirname(c.plan.path);
  return { c, dir, root: path.posix.dirname(dir) };
}

function indexOf(nodes: Node[]): Index {
  const byFolder = new Map<string, Node[]>();
  const mentionable = new Set<string>();
  for (const n of nodes) {
    const f = n.c.plan.folder;
    byFolder.set(f, [...(byFolder.get(f) ?? []), n]);
    if (/^\d+[-_]/.test(f) || f.length > 6) mentionable.add(f);
  }
  return { byFolder, mentionable };
}

/** One plan of `matches`: the only one, or the only one in `from`'s own root. */
function pick(matches: Node[], from: Node): Node | null {
  if (matches.length === 1) return matches[0]!;
  const own = matches.filter((n) => n.root === from.root);
  return own.length === 1 ? own[0]! : null;
}

/** Plans whose folder is `written` (a path ending in the folder name), read from `from`'s folder. */
function byPath(written: string, candidates: Node[], from: Node): Node | null {
  if (written.includes("://")) return null; // another repository or branch on the web
  if (/^\.\.?\//.test(written)) {
    const full = path.posix.normalize(path.posix.join(from.dir, written));
    return pick(
      candidates.filter((n) => n.dir === full),
      from,
    );
  }
  const tail = written.replace(/^\/+/, "");
  return pick(
    candidates.filter((n) => n.dir === tail || n.dir.endsWith(`/${tail}`)),
    from,
  );
}

/**
 * `repo:plan-id`: plans of the source named `repo` (several repositories, `sources`), else plans
 * below a folder named after the repository; then by path or id.
 */
function byRepository(repo: string, rest: string, candidates: Node[], from: Node): Node | null {
  const named = candidates.filter((n) => n.c.plan.repository?.name === repo);
  const inRepo = named.length
    ? named
    : candidates.filter((n) => !n.c.plan.repository && n.dir.split("/").includes(repo));
  return rest === "" ? pick(inRepo, from) : byPath(rest, inRepo, from);
}

/** The plan a mention of `folder`, written after `qualifier`, refers to; null when none or unclear. */
function resolveMention(folder: string, qualifier: string, from: Node, index: Index): Node | null {
  const candidates = (index.byFolder.get(folder) ?? []).filter((n) => n !== from);
  if (candidates.length === 0) return null;
  const repo = /^([\w.-]+):(?!\/\/)(.*)$/.exec(qualifier);
  if (repo) return byRepository(repo[1]!, repo[2]! + folder, candidates, from);
  if (qualifier.endsWith("/")) return byPath(qualifier + folder, candidates, from);
  // A bare name: only the plan of that name in the same specs root.
  if (!index.mentionable.has(folder)) return null;
  return candidates.find((n) => n.root === from.root) ?? null;
}

/** The plan a `related:` entry names: a folder name, a path to a folder, or to a file in it. */
function relatedTarget(entry: string, from: Node, index: Index): Node | null {
  const parts = entry.trim().replace(/\/+$/, "").split("/");
  for (let i = parts.length - 1; i >= 0; i--) {
    const folder = parts[i]!;
    if (!index.byFolder.has(folder)) continue;
    const qualifier = i > 0 ? parts.slice(0, i).join("/") + "/" : "";
    const target = resolveMention(folder, qualifier, from, {
      ...index,
      // Named on purpose in front matter: short names count too.
      mentionable: new Set([...index.mentionable, folder]),
    });
    if (target) return target;
  }
  return null;
}

/** Lines of one plan mentioning each other plan, looked up word by word: linear in the text. */
function mentions(from: Node, index: Index): GraphEdge[] {
  const hits = new Map<string, { lines: number[]; dependency: boolean }>();
  const add = (to: Node | null, line: number, dependency: boolean) => {
    if (!to || to === from) return;
    const hit = hits.get(to.c.plan.id) ?? { lines: [], dependency: false };
    if (hit.lines[hit.lines.length - 1] !== line) hit.lines.push(line);
    hit.dependency ||= dependency;
    hits.set(to.c.plan.id, hit);
  };
  const statements = dependencyStatements(from.c.plan);
  from.c.plan.lines.forEach((text, i) => {
    if (!text.includes("-") && !text.includes("_")) return;
    const found: { word: string; qualifier: string; at: number }[] = [];
    for (const m of text.matchAll(WORD)) {
      const word = index.byFolder.has(m[0]) ? m[0] : m[0].replace(/[.]+$/, "");
      if (!index.byFolder.has(word)) continue;
      const qualifier = QUALIFIER.exec(text.slice(0, m.index))?.[0] ?? "";
      found.push({ word, qualifier, at: m.index - qualifier.length });
    }
    // `[001-mvp](../../billing/specs/001-mvp/plan.md)`: the path says which 001-mvp the name is.
    const qualified = new Set(found.filter((f) => f.qualifier !== "").map((f) => f.word));
    for (const { word, qualifier, at } of found) {
      if (qualifier === "" && qualified.has(word)) continue;
      const declared = statesDependency(statements, i + 1, at);
      add(resolveMention(word, qualifier, from, index), i + 1, declared);
    }
  });
  for (const entry of relatedTexts(from.c.plan.frontmatter)) {
    const line = from.c.plan.lines.findIndex((l) => l.includes(entry));
    // Named on purpose in front matter: a declared relation.
    add(relatedTarget(entry, from, index), line + 1 || 1, true);
  }
  return [...hits].map(([to, { lines, dependency }]) => ({
    from: from.c.plan.id,
    to,
    lines: [...new Set(lines)].sort((a, b) => a - b),
    dependency,
  }));
}

/**
 * Plans mention each other by folder name (`003-checkout-flow`) or link
 * (`../003-checkout-flow/plan.md`); the mentions that state a dependency (dependency-statements.ts)
 * are the plan's dependencies.
 */
export function referenceGraph(plans: CheckedPlan[]): PortalAggregates["graph"] {
  const nodes = plans.map(nodeOf);
  const index = indexOf(nodes);
  const edges = index.byFolder.size ? nodes.flatMap((n) => mentions(n, index)) : [];
  const references: Record<string, string[]> = {};
  const referencedBy: Record<string, string[]> = {};
  const dependsOn: Record<string, string[]> = {};
  const neededBy: Record<string, string[]> = {};
  for (const e of edges) {
    (references[e.from] ??= []).push(e.to);
    (referencedBy[e.to] ??= []).push(e.from);
    if (!e.dependency) continue;
    (dependsOn[e.from] ??= []).push(e.to);
    (neededBy[e.to] ??= []).push(e.from);
  }
  return { edges, references, referencedBy, dependsOn, neededBy };
}
