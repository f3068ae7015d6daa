import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scanMarkdown } from "../parse/markdown.ts";
import { normalisePhrase } from "../parse/markers.ts";
import { classifySection } from "../parse/sections.ts";
import type { Plan, SectionKind } from "../parse/types.ts";

export type TemplateName = "speckitadv" | "spec-kit" | "repository" | "other";

export interface TemplateSection {
  title: string;
  kind: SectionKind;
  level: number;
  required: boolean;
  /** Title of the enclosing H2 for sub-sections. */
  parent: string | null;
  line: number;
}

export interface TemplateProfile {
  name: TemplateName;
  /** Where the profile came from (a path, or "bundled"). */
  source: string;
  sections: TemplateSection[];
  /** Bracketed template prose, normalised, that counts as a leftover placeholder in a plan. */
  phrases: Set<string>;
  /**
   * Whether the template plans work in phases P1–P4 (a Phase column in its tables, or P1–P4
   * classes or labels): only then must components name one (`component-table`).
   */
  phases: boolean;
}

/** A template that plans in phases: a `| Phase |` column, `classDef P1`, or P1 and P2 as labels. */
export function usesPhases(text: string): boolean {
  return (
    /^\s*\|.*\|\s*phase\s*\|/im.test(text) ||
    /classDef\s+P[1-4]\b/.test(text) ||
    (/\bP1\b/.test(text) && /\bP2\b/.test(text))
  );
}

const CONDITIONAL =
  /CONDITIONAL SECTION|DELETE this (entire )?(sub)?section|Fill ONLY if|if applicable|OPTIONAL/i;
const REQUIRED = /REQUIRED SECTION/i;

/**
 * Template markdown → profile. A section is required unless the comment or quote right below its
 * heading says it is conditional; sub-sections of a conditional section are never required.
 */
export function profileFromTemplate(
  text: string,
  name: TemplateName,
  source: string,
): TemplateProfile {
  const { blocks } = scanMarkdown(text);
  const sections: TemplateSection[] = [];
  const phrases = new Set<string>();
  let currentH2: TemplateSection | null = null;
  blocks.forEach((block, i) => {
    if (block.kind === "heading" && block.level >= 2 && block.level <= 3) {
      const next = blocks[i + 1];
      const note =
        next && (next.kind === "html" || (next.kind === "paragraph" && next.quoted))
          ? next.kind === "html"
            ? next.text
            : next.lines.map((l) => l.text).join(" ")
          : "";
      const title = block.raw.replace(/[*_`]/g, "").trim();
      const parentRequired = block.level === 2 || (currentH2?.required ?? false);
      const required =
        parentRequired &&
        (REQUIRED.test(note) || !CONDITIONAL.test(note)) &&
        !/\[.*\]|:\s*\[/.test(title);
      const section: TemplateSection = {
        title,
        kind: classifySection(title),
        level: block.level,
        required,
        parent: block.level === 2 ? null : (currentH2?.title ?? null),
        line: block.line,
      };
      if (block.level === 2) currentH2 = section;
      sections.push(section);
    }
  });
  for (const m of text.matchAll(/\[([^\]]{2,200})\](?!\()/g)) phrases.add(normalisePhrase(m[1]!));
  return { name, source, sections, phrases, phases: usesPhases(text) };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const BUNDLED = path.join(here, "..", "..", "templates", "speckitadv-plan-template.md");

/** Sections of GitHub Spec Kit's plain plan template (`/speckit.plan`). */
const PLAIN_SECTIONS: [string, number, boolean, string | null][] = [
  ["Summary", 2, true, null],
  ["Technical Context", 2, true, null],
  ["Constitution Check", 2, true, null],
  ["Project Structure", 2, true, null],
  ["Complexity Tracking", 2, false, null],
];

/** Bracketed prose of the plain Spec Kit template that the speckitadv template words differently. */
const PLAIN_PHRASES = [
  "FEATURE",
  "###-feature-name",
  "###-feature",
  "DATE",
  "link",
  "Extract from feature spec: primary requirement + technical approach from research",
  "Gates determined based on constitution file",
  "single/web/mobile - determines source structure",
  "Document the selected structure and reference the real directories captured above",
  "same as backend above",
  "platform-specific structure: feature modules, UI flows, platform tests",
  "current need",
  "why 3 projects insufficient",
  "specific problem",
  "why direct DB access insufficient",
];

let bundled: { extended: TemplateProfile; plain: TemplateProfile } | null = null;

export function bundledProfiles(): { extended: TemplateProfile; plain: TemplateProfile } {
  if (bundled) return bundled;
  const extended = profileFromTemplate(readFileSync(BUNDLED, "utf8"), "speckitadv", "bundled");
  for (const phrase of PLAIN_PHRASES) extended.phrases.add(normalisePhrase(phrase));
  const plain: TemplateProfile = {
    name: "spec-kit",
    source: "bundled",
    sections: PLAIN_SECTIONS.map(([title, level, required, parent], i) => ({
      title,
      kind: classifySection(title),
      level,
      required,
      parent,
      line: i + 1,
    })),
    phrases: extended.phrases,
    // The plain template has no component table and no phases.
    phases: false,
  };
  bundled = { extended, plain };
  return bundled;
}

/** The repository's own `.specify/templates/plan-template.md`, searched upwards from `start`. */
export function findRepositoryTemplate(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, ".specify", "templates", "plan-template.md");
    if (existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

export function loadRepositoryProfile(file: string): TemplateProfile {
  const profile = profileFromTemplate(readFileSync(file, "utf8"), "repository", file);
  const { extended } = bundledProfiles();
  profile.phrases = new Set([...profile.phrases, ...extended.phrases]);
  return profile;
}

const EXTENDED_KINDS: SectionKind[] = [
  "architecture",
  "cross-cutting",
  "data-architecture",
  "integration-architecture",
  "migration-rollout",
];

/**
 * Which template a plan follows: the repository's own when it has one; else the extended
 * speckitadv template when it has a section only that template has (High-Level Architecture,
 * Cross-Cutting Concerns, Data/Integration Architecture, Migration/Rollout Plan; many plain plans
 * add a Risk Assessment of their own, so that one does not count); else plain Spec Kit when it has Technical
 * Context or Constitution Check; else "other" (checked against plain Spec Kit's sections).
 */
export function chooseProfile(
  plan: Plan,
  repository: TemplateProfile | null,
): { name: TemplateName; profile: TemplateProfile } {
  if (repository) return { name: "repository", profile: repository };
  const { extended, plain } = bundledProfiles();
  const kinds = new Set(plan.sections.map((s) => s.kind));
  if (EXTENDED_KINDS.some((k) => kinds.has(k))) return { name: "speckitadv", profile: extended };
  if (kinds.has("technical-context") || kinds.has("constitution-check"))
    return { name: "spec-kit", profile: plain };
  return { name: "other", profile: plain };
}
