import { isUtf8 } from "node:buffer";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { PlanSource, ReadProblem, Siblings } from "./types.ts";
import type { DiscoveredPlan } from "./index.ts";
import { PlanBinary, PlanEmpty, PlanNotUtf8, PlanTooLarge, PlanUnreadable } from "../errors.ts";
import { catalogProblem } from "./notice.ts";

/** Plans larger than this are not parsed (a generated or vendored file, not a plan someone reads). */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, like every other position (a multi-byte "€" is one column).
  return {
    line,
    column: Buffer.from(bytes.subarray(lineStart, offset)).toString("utf8").length + 1,
  };
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b < 0xe0
          ? 1
          : b >= 0xe0 && b < 0xf0
            ? 2
            : b >= 0xf0 && b < 0xf5
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

/** Decode plan.md; every way it can be unreadable becomes a problem with a position and a hint. */
export function decodePlan(bytes: Uint8Array): { text: string | null; problems: ReadProblem[] } {
  const problems: ReadProblem[] = [];
  if (bytes.length === 0) {
    problems.push(catalogProblem(PlanEmpty, { line: 1, column: 1 }));
    return { text: "", problems };
  }
  const nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul >= 0) {
    const at = position(bytes, nul);
    problems.push(catalogProblem(PlanBinary, at));
    return { text: null, problems };
  }
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const at = position(bytes, bad);
    problems.push(catalogProblem(PlanNotUtf8, at, bytes[bad]!, at.line, at.column));
  }
  // Drop a leading BOM; CRLF and CR are handled by the scanner. Buffer decoding is the fast path.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, problems };
}

function readSiblings(dir: string): Siblings {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir));
  } catch {
    names = new Set();
  }
  return {
    spec: names.has("spec.md"),
    tasks: names.has("tasks.md"),
    research: names.has("research.md"),
    dataModel: names.has("data-model.md"),
    quickstart: names.has("quickstart.md"),
    contracts: names.has("contracts") && existsSync(path.join(dir, "contracts")),
  };
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a folder, not a file";
  if (code === "ELOOP") return "it is a symbolic link loop";
  if (code === "ENOENT") return "it no longer exists (or is a broken link)";
  return code ?? String(error);
}

/** Read one discovered plan (and its tasks.md) into the parser's input. Never throws. */
export function loadPlan(plan: DiscoveredPlan, cwd: string): PlanSource {
  const dir = path.dirname(plan.file);
  const rel = path.relative(cwd, plan.file).split(path.sep).join("/");
  const siblings = readSiblings(dir);
  const base = {
    id: plan.id,
    folder: plan.folder,
    number: plan.number,
    path: rel,
    group: plan.group,
    siblings,
  };
  let text: string | null = null;
  let problems: ReadProblem[] = [];
  try {
    const size = statSync(plan.file).size;
    if (size > MAX_PLAN_BYTES) {
      problems.push(catalogProblem(PlanTooLarge, { line: 1, column: 1 }, size, MAX_PLAN_BYTES));
    } else {
      ({ text, problems } = decodePlan(readFileSync(plan.file)));
    }
  } catch (error) {
    problems.push(catalogProblem(PlanUnreadable, { line: 1, column: 1 }, describe(error)));
  }
  // An unreadable sibling is reported where its page is rendered (render/siblings readSibling);
  // here it only means no tasks progress and no title fallback.
  const sibling = (present: boolean, name: string): string | null => {
    if (!present) return null;
    try {
      return readFileSync(path.join(dir, name), "utf8");
    } catch {
      return null;
    }
  };
  const tasksText = sibling(siblings.tasks, "tasks.md");
  const specText = sibling(siblings.spec, "spec.md");
  const checklistTexts = readChecklists(path.join(dir, "checklists"));
  const dataModelText = sibling(siblings.dataModel, "data-model.md");
  return { ...base, text, problems, tasksText, specText, checklistTexts, dataModelText };
}

/** Checklists larger than this are skipped (a generated file, not a list someone ticks). */
const MAX_CHECKLIST_BYTES = 4 * 1024 * 1024;

/** `checklists/*.md`, sorted by name; a missing folder is none, an unreadable file is skipped. */
function readChecklists(dir: string): { name: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith(".md"));
  } catch {
    return [];
  }
  const out: { name: string; text: string }[] = [];
  for (const name of names.sort()) {
    try {
      const file = path.join(dir, name);
      const stat = statSync(file);
      if (!stat.isFile() || stat.size > MAX_CHECKLIST_BYTES) continue;
      out.push({ name: name.slice(0, -3), text: readFileSync(file, "utf8") });
    } catch {
      continue;
    }
  }
  return out;
}
