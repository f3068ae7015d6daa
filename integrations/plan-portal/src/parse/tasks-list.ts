import type { ListItemBlock } from "./markdown.ts";
import { plainText, scanMarkdown } from "./markdown.ts";
import { findDisables, proseLines } from "./markers.ts";
import { findRequirementRefs, findStoryLabels } from "./requirement-ids.ts";
import { buildSections, sectionAt } from "./sections.ts";
import type { Located, Section, Task, TaskList } from "./types.ts";

/**
 * tasks.md → every checkbox task, in the template's shape `- [ ] T012 [P] [US1] Create X in
 * src/models/x.py` and the variations ../shared/corpus shows (6,438 checkbox lines in 93 files:
 * `[X]`, bold or code ids, `T012a`, tags in any order, `[US1, US2]`). Pure and total.
 */
export function parseTaskList(text: string, path: string): TaskList {
  const { lines, blocks } = scanMarkdown(text);
  const sections = buildSections(blocks, lines.length);
  const tasks: Task[] = [];
  for (const b of blocks) {
    if (b.kind !== "list-item") continue;
    if (b.checked !== null) tasks.push(taskOf(b, lines, sections, false));
    // `- [-] T051 …` (45 in ../shared/corpus): a task the author marked skipped or deferred.
    else if (SKIPPED.test(b.raw))
      tasks.push(taskOf({ ...b, raw: b.raw.replace(SKIPPED, "") }, lines, sections, true));
  }
  return {
    path,
    tasks,
    references: proseLines(blocks, lines).flatMap((l) => findRequirementRefs(l.text, l.line)),
    coversFeatures: coveredFeatures(lines.slice(0, (tasks[0]?.line ?? lines.length + 1) - 1)),
    disables: findDisables(blocks, lines),
    lineCount: text === "" ? 0 : lines.length,
  };
}

const TASK_ID =
  /^\s*(?:\*\*|__|`)?\s*(T\d{1,5}[A-Za-z]?)(?![A-Za-z0-9])\s*(?:\*\*|__|`)?\s*[:.)]?\s*/;
const TAG = /^\s*\[([^\]\n]{1,40})\]\s*/;

const SKIPPED = /^\[[-~]\]\s+(?=\S)/;

function taskOf(b: ListItemBlock, lines: string[], sections: Section[], skipped: boolean): Task {
  const source = lines[b.line - 1] ?? "";
  const start = Math.max(0, source.indexOf(b.raw));
  const id = TASK_ID.exec(b.raw);
  let rest = id ? b.raw.slice(id[0].length) : b.raw;
  let parallel = false;
  for (let tag = TAG.exec(rest); tag; tag = TAG.exec(rest)) {
    if (/^P$/i.test(tag[1]!.trim())) parallel = true;
    rest = rest.slice(tag[0].length);
  }
  const itemLines = [
    { text: source, line: b.line },
    ...b.more.map((m) => ({ text: lines[m.line - 1] ?? m.text, line: m.line })),
  ];
  return {
    id: id ? id[1]!.toUpperCase() : null,
    done: b.checked === true,
    skipped,
    parallel,
    stories: findStoryLabels(b.raw, b.line, start),
    requirements: itemLines.flatMap((l) => findRequirementRefs(l.text, l.line)),
    paths: itemLines.flatMap((l) => findPaths(l.text, l.line)),
    text: plainText([rest, ...b.more.map((m) => m.text.trim())].join(" ")),
    phase: phaseOf(sections, b.line),
    line: b.line,
    column: start + 1,
    endLine: b.endLine,
  };
}

/** The task's phase: its enclosing level-2 heading (`## Phase 3: User Story 1`), else the nearest. */
function phaseOf(sections: Section[], line: number): (Located & { title: string }) | null {
  let s = sectionAt(sections, line);
  if (!s) return null;
  const nearest = s;
  while (s && s.level > 2 && s.parent >= 0) s = sections[s.parent];
  const phase = s && s.level <= 2 ? s : nearest;
  return { title: phase.title, line: phase.line, column: phase.column };
}

/** Extensions a bare word must end with to count as a file (`user.py`, `README.md`). */
const EXTENSIONS =
  "ts|tsx|js|jsx|mjs|cjs|mts|cts|json|jsonc|ya?ml|toml|md|mdx|py|pyi|rb|go|rs|java|kt|kts|scala|swift|m|mm|c|h|cc|cpp|hpp|cs|fs|vb|php|sql|sh|bash|zsh|ps1|astro|vue|svelte|html|css|scss|sass|less|xml|gradle|properties|ini|cfg|conf|env|lock|txt|csv|proto|graphql|gql|tf|dart|ex|exs|erl|clj|lua|r|ipynb|dockerfile|prisma|razor|cshtml|csproj|sln";
const FILE_NAME = new RegExp(`^[\\w@.+-]+\\.(?:${EXTENSIONS})$`, "i");
const SPECIAL_FILES = /^(?:Dockerfile|Makefile|Procfile|Gemfile|Rakefile|Justfile)$/;
/** A slash path: segments of path characters, ending in a file name or a trailing `/`. */
const SLASH_PATH = /^(?:\.{1,2}\/)?(?:[\w@.+-]+\/)+(?:[\w@.+-]+)?$/;
const BARE_PATH =
  /(?<![\w/.@`-])((?:\.{1,2}\/)?(?:[\w@.+-]+\/)+[\w@.+-]+\.[A-Za-z][\w]{0,9})(?![\w/])/g;

/**
 * Route folders of file-based routers, `(shop)/`, `[id]/`, `[...slug]/`, `[[...slug]]/` (Next.js,
 * SvelteKit, Nuxt): a whole segment in brackets is a folder name, not prose punctuation.
 */
const ROUTE_SEGMENT = /(^|\/)(?:\(\w[\w-]*\)|\[{1,2}(?:\.\.\.)?\w[\w-]*\]{1,2})(?=\/|\.\w+$)/g;

/** Whether a code span's content names a file or folder in the repository. */
export function looksLikePath(candidate: string): boolean {
  const c = candidate.trim().replace(ROUTE_SEGMENT, "$1route");
  if (c === "" || c.length > 300 || c.includes("...") || /\s|:\/\/|[(){}<>*?"'$=,;|\\]/.test(c))
    return false;
  if (c.startsWith("/") || c.startsWith("-") || (c.startsWith("@") && !c.includes("/")))
    return false;
  if (SLASH_PATH.test(c)) {
    const last = c.replace(/\/$/, "").split("/").pop() ?? "";
    // `GET /api/x` is excluded above; `a/b` without an extension is a folder only with a trailing
    // slash or a file-like last segment (otherwise `and/or`, `read/write`, `US1/US2`).
    return c.endsWith("/") || FILE_NAME.test(last) || SPECIAL_FILES.test(last);
  }
  return FILE_NAME.test(c) && !/^\d+(\.\d+)+$/.test(c) && !/^v?\d/.test(c);
}

/** File paths a task names: in code spans, or bare words with a slash and an extension. */
function findPaths(text: string, line: number): (Located & { path: string })[] {
  // Both kinds need a backtick or a slash; most task lines have neither (bench:check profile).
  if (!text.includes("`") && !text.includes("/")) return [];
  const out: (Located & { path: string })[] = [];
  const spans = /(`+)((?:(?!\1)[^`])+)\1/g;
  const masked = text.replace(spans, (m) => " ".repeat(m.length));
  for (let m = spans.exec(text); m; m = spans.exec(text)) {
    const inner = m[2]!.trim();
    // `path/x.ts:12`, `path/x.ts#L10`: the file, without the position.
    const candidate = inner.replace(/(?::\d+(?:[-:]\d+)*|#L\d+(?:-L?\d+)?)$/, "");
    if (looksLikePath(candidate)) {
      out.push({
        path: candidate,
        line,
        column: m.index + m[1]!.length + m[2]!.indexOf(inner) + 1,
      });
    }
  }
  BARE_PATH.lastIndex = 0;
  for (let m = BARE_PATH.exec(masked); m; m = BARE_PATH.exec(masked)) {
    const candidate = m[1]!.replace(/[.,;:]+$/, "");
    if (looksLikePath(candidate)) out.push({ path: candidate, line, column: m.index + 1 });
  }
  return out.sort((a, b) => a.column - b.column);
}

/** `001-core user story`, `from the 001-core spec`, `requirements of 002-auth`. */
const COVERS =
  /\b(\d{3}-[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\b[^.\n]{0,12}?\b(?:spec|user stor|stor|requirement)|\b(?:spec|stories|requirements)\b[^.\n]{0,12}?\b(\d{3}-[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\b/gi;

function coveredFeatures(preamble: string[]): string[] {
  const found = new Set<string>();
  for (const line of preamble) {
    if (!/\d{3}-/.test(line)) continue;
    for (const m of line.matchAll(COVERS)) found.add((m[1] ?? m[2]!).toLowerCase());
  }
  return [...found];
}
