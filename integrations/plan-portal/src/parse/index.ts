import { parseArchitecture } from "./architecture.ts";
import { splitClarifications } from "./clarifications.ts";
import {
  frontmatterHeader,
  readFrontmatter,
  withFrontmatterHeader,
  type FrontmatterResult,
} from "./frontmatter.ts";
import { parseHeader } from "./header.ts";
import { scanMarkdown } from "./markdown.ts";
import {
  findActionRequired,
  findCodePlaceholders,
  findDisables,
  findLinks,
  findNeedsClarification,
  openMarkers,
  findPlaceholders,
  findStructuralIssues,
  proseLines,
} from "./markers.ts";
import { parseDiagrams } from "./mermaid.ts";
import { parseQuestions } from "./questions.ts";
import { parseRisks } from "./risks.ts";
import { buildSections } from "./sections.ts";
import { parseChecklist } from "./checklists.ts";
import { parseDataModel } from "./data-model.ts";
import { parseSpec } from "./spec.ts";
import { parseTaskList } from "./tasks-list.ts";
import { parseTasksProgress } from "./tasks.ts";
import { parseTechnicalContext } from "./technical-context.ts";
import type { PlanSource } from "../discover/types.ts";
import type { FeatureDocs, Plan } from "./types.ts";

export type * from "./types.ts";
export type { PlanSource } from "../discover/types.ts";

/**
 * What parse reads: the loaded plan, and spec.md's text when the loader read it (its H1 names the
 * feature when the plan's H1 is still the template's `[FEATURE]`).
 */
export type ParseInput = PlanSource & { specText?: string | null };

export interface ParseOptions {
  /** Bracketed template phrases (normalised) that count as leftover placeholders. */
  templatePhrases: ReadonlySet<string>;
}

/** plan.md text → typed model. Pure: never throws on any input text, never touches the disk. */
export function parsePlan(source: ParseInput, options: ParseOptions): Plan {
  const text = source.text ?? "";
  const { lines, blocks } = scanMarkdown(text);
  const front: FrontmatterResult =
    blocks[0]?.kind === "frontmatter" ? readFrontmatter(blocks[0]) : { data: null, issue: null };
  const fm = front.data;
  const sections = buildSections(blocks, lines.length);
  const prose = proseLines(blocks, lines);
  const header = withFrontmatterHeader(
    parseHeader(blocks, lines, source.folder, fm, source.specText),
    blocks[0]?.kind === "frontmatter" ? frontmatterHeader(blocks[0], fm) : {},
  );
  const clarifications = splitClarifications(
    openMarkers(findNeedsClarification(prose), lines),
    lines,
    sections,
  );
  const architecture = parseArchitecture(blocks, lines, sections);
  const risks = parseRisks(blocks, lines, sections);
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
    needsClarification: clarifications.open,
    resolvedClarifications: clarifications.resolved,
    placeholders,
    links: findLinks(prose),
    disables: findDisables(blocks, lines),
    structure: front.issue
      ? [front.issue, ...findStructuralIssues(blocks, lines)]
      : findStructuralIssues(blocks, lines),
    problems: source.problems,
    siblings: source.siblings,
    progress: source.tasksText === null ? null : parseTasksProgress(source.tasksText),
    feature: parseFeature(source),
    lineCount: text === "" ? 0 : lines.length,
    lines,
  };
}

/** spec.md, tasks.md and checklists/*.md beside the plan; paths are plan.md's folder + the name. */
function parseFeature(source: ParseInput): FeatureDocs {
  const slash = source.path.lastIndexOf("/");
  const dir = slash < 0 ? "" : source.path.slice(0, slash + 1);
  const spec = source.specText ?? null;
  return {
    spec: spec === null ? null : parseSpec(spec, `${dir}spec.md`),
    tasks: source.tasksText === null ? null : parseTaskList(source.tasksText, `${dir}tasks.md`),
    checklists: (source.checklistTexts ?? []).map((c) =>
      parseChecklist(c.name, c.text, `${dir}checklists/${c.name}.md`),
    ),
    dataModel: source.dataModelText
      ? parseDataModel(source.dataModelText, `${dir}data-model.md`)
      : null,
  };
}
