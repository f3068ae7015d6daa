import { load as loadYaml } from "js-yaml";
import { parseArchitecture } from "./architecture.ts";
import { parseHeader } from "./header.ts";
import { scanMarkdown } from "./markdown.ts";
import {
  findActionRequired,
  findCodePlaceholders,
  findDisables,
  findLinks,
  findNeedsClarification,
  findPlaceholders,
  findStructuralIssues,
  proseLines,
} from "./markers.ts";
import { parseDiagrams } from "./mermaid.ts";
import { parseQuestions } from "./questions.ts";
import { parseRisks } from "./risks.ts";
import { buildSections } from "./sections.ts";
import { parseTasksProgress } from "./tasks.ts";
import { parseTechnicalContext } from "./technical-context.ts";
import type { Plan, ReadProblem, Siblings } from "./types.ts";

export type * from "./types.ts";

/** What the load stage hands to the parser: identity, text (null when unreadable) and siblings. */
export interface PlanSource {
  id: string;
  folder: string;
  number: number | null;
  path: string;
  group: string;
  text: string | null;
  problems: ReadProblem[];
  siblings: Siblings;
  tasksText: string | null;
}

export interface ParseOptions {
  /** Bracketed template phrases (normalised) that count as leftover placeholders. */
  templatePhrases: ReadonlySet<string>;
}

function readFrontmatter(raw: string): Record<string, unknown> | null {
  try {
    const data = loadYaml(raw);
    return data && typeof data === "object" && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** plan.md text → typed model. Pure: never throws on any input text, never touches the disk. */
export function parsePlan(source: PlanSource, options: ParseOptions): Plan {
  const text = source.text ?? "";
  const { lines, blocks } = scanMarkdown(text);
  const fm = blocks[0]?.kind === "frontmatter" ? readFrontmatter(blocks[0].raw) : null;
  const sections = buildSections(blocks, lines.length);
  const prose = proseLines(blocks, lines);
  const header = parseHeader(blocks, lines, source.folder, fm);
  const architecture = parseArchitecture(blocks, lines, sections);
  const risks = parseRisks(blocks, sections);
  const placeholders = [
    ...findPlaceholders(prose, options.templatePhrases),
    ...findCodePlaceholders(blocks),
    ...findActionRequired(blocks),
  ].sort((a, b) => a.line - b.line || a.column - b.column);

  return {
    id: source.id,
    folder: source.folder,
    number: source.number,
    path: source.path,
    group: source.group,
    ...header,
    frontmatter: fm,
    sections,
    technicalContext: parseTechnicalContext(blocks, lines, sections),
    ...architecture,
    ...risks,
    questions: parseQuestions(blocks, lines, sections),
    diagrams: parseDiagrams(blocks, sections),
    needsClarification: findNeedsClarification(prose),
    placeholders,
    links: findLinks(prose),
    disabled: findDisables(blocks, lines),
    structure: findStructuralIssues(blocks, lines),
    problems: source.problems,
    siblings: source.siblings,
    progress: source.tasksText === null ? null : parseTasksProgress(source.tasksText),
    lineCount: text === "" ? 0 : lines.length,
    lines,
  };
}
