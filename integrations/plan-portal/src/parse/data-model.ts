import type { Block, HeadingBlock, ListItemBlock } from "./markdown.ts";
import { plainText, scanMarkdown } from "./markdown.ts";
import { findDisables } from "./markers.ts";
import { buildSections } from "./sections.ts";
import type { DataModel, NamedItem, Section } from "./types.ts";

/**
 * data-model.md → the entities it defines, each where its name is written. Shapes read in
 * ../shared/corpus (67 files): `### Order` or `### 1. ShellSession (…)` under `## Entities` /
 * `## Domain Model`; `## Entity: Order`, `### Table: \`orders\``; a heading naming one code-like
 * identifier anywhere (`### \`AccountStatus\` — one new value`, `## 2. TaxpayerIssuer (detail)`);
 * `- **Order**: …` directly under an entities heading. Headings about the model rather than a
 * thing in it (Relationships, Validation Rules, State Transitions …) are not entities. Pure and
 * total: any text gives a model, never a throw.
 */
export function parseDataModel(text: string, path: string): DataModel {
  const { lines, blocks } = scanMarkdown(text);
  const sections = buildSections(blocks, lines.length);
  const entities: NamedItem[] = [];
  const seen = new Set<string>();
  const add = (e: NamedItem | null): void => {
    const key = e?.name.toLowerCase();
    if (!e || key === undefined || seen.has(key)) return;
    seen.add(key);
    entities.push(e);
  };
  const groups = sections.filter((s) => s.level >= 2 && ENTITY_GROUP.test(s.title));
  // Bold items name entities only directly under an entities heading, not under an entity's own.
  let inGroup = false;
  for (const b of blocks) {
    if (b.kind === "heading") {
      inGroup = b.level >= 2 && ENTITY_GROUP.test(plainText(b.raw));
      add(headingEntity(b, lines, groups));
    } else if (b.kind === "list-item" && inGroup) add(listEntity(b, blocks, lines));
  }
  return {
    path,
    entities,
    text,
    disables: findDisables(blocks, lines),
    lineCount: text === "" ? 0 : lines.length,
  };
}

/**
 * Headings (level 2 and below) that group entities: `## Entities`, `## Core Entities`, `## 2. Domain
 * Model`, `## Tables (new)`. Only the heading's whole title counts: `# Data Model: Export` is the
 * document's title, not a group.
 */
const ENTITY_GROUP =
  /^(?:\d{1,2}[.)]?\s*)?(?:(?:core|key|domain|new|main|primary|persisted|persistent|client-side|server-side|database|data)\s+)?(?:entit(?:y|ies)|models?|domain\s+models?|aggregates?|tables?|エンティティ|实体|實體|엔티티|entitäten|entidades)\s*(?:[(（][^)）]*[)）])?\s*$/i;

/** `Entity: Order`, `Entity 2 – Order`, `Table: orders`, `Aggregate Root: User`. */
const ENTITY_PREFIX =
  /^(?:(?:new|core|domain)\s+)?(?:entity|table|aggregate(?:\s+root)?|model|value\s+object|enum)\s*\d*\s*[:：\-–—]\s*/i;

/** `1.`, `2)`, `A.`, `E1:` before a name. */
const NUMBERING = /^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[A-Z][.)]|E\d{1,3}[.:)]?)\s+/;

/**
 * Words that title a part of a model, not a thing in it; a heading made only of these is no
 * entity (`Validation Rules`, `State Transitions`, `Overview`).
 */
const GENERIC = new Set(
  (
    "overview summary introduction scope purpose context notes note relationships relationship relations " +
    "diagram diagrams erd validation validations rules rule state states transitions transition lifecycle " +
    "description attributes attribute fields field properties columns keys indexes index constraints " +
    "invariants migration migrations schema schemas storage persistence mapping mappings examples example " +
    "types type enums enumerations values value objects events interfaces props classes changes " +
    "additions unchanged reused existing new entities entity model models data domain table tables queries " +
    "api apis contracts dependencies references glossary terminology considerations open questions " +
    "performance security access control flow flows format formats layout structure strategy " +
    "estimates volume sql ddl dao service interface definition definitions enum extension behavior " +
    "behaviour reload changeset changesets liquibase flyway jpa before after seeding retention " +
    "navigation coverage checklist steps next records consumed referenced impact hierarchy params " +
    "toggle lifecycle indexing and or of the"
  ).split(" "),
);

/** A heading's title without numbering, `Entity:` prefixes, and trailing `(…)` / ` — …` notes. */
export function entityName(title: string): string {
  let name = plainText(title).trim().replace(NUMBERING, "");
  name = name.replace(ENTITY_PREFIX, "");
  name = name.replace(/\s*[（(][^)）]*[)）]?\s*$/, "");
  name = name.split(/\s+[-–—:：]\s+|[:：]\s*$|（/)[0]!;
  name = name.replace(/[`*]/g, "").trim();
  // `WorkLogEntry Aggregate`, `Order entity`: the kind is not part of the name.
  return name.replace(/\s+(?:aggregate(?:\s+root)?|entity|table|enum|value\s+object)$/i, "");
}

/** One identifier; a dotted name (`Sale.total`, `Repo.update`) is a member, not an entity. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$/;
/**
 * `ShellSession`, `user_profile`, `product`: one code-like token (an inner capital, `_`, or all
 * lowercase, as table names are; a heading in prose starts with a capital).
 */
const CODE_LIKE = /^(?:[A-Z][a-z0-9]+){2,}[A-Za-z0-9]*$|^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/**
 * A name made of generic words (`Overview`), or several words one of which is generic
 * (`TwoModeLayout State`, `Database Indexes`): a part of the document, not an entity.
 */
function isGeneric(name: string): boolean {
  const spaced = name.split(/\s+/);
  const words = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_]+/);
  return spaced.length > 1
    ? spaced.some((w) => GENERIC.has(w.toLowerCase()))
    : words.every((w) => GENERIC.has(w));
}

function headingEntity(h: HeadingBlock, lines: string[], groups: Section[]): NamedItem | null {
  if (h.level < 2) return null;
  const raw = plainText(h.raw).trim();
  const name = entityName(raw);
  // `Sale.total` is a member, `PagedResult<T>` a generic, `Cities/Countries` two things.
  if (name === "" || name.length > 60 || /[.<>/]/.test(name) || isGeneric(name)) return null;
  if (/<[^>]*>|&lt;/.test(h.raw)) return null;
  const words = name.split(/\s+/);
  const prefixed = ENTITY_PREFIX.test(raw.replace(NUMBERING, ""));
  const underGroup = groups.some(
    (g) => h.line > g.line && h.line <= g.endLine && h.level > g.level,
  );
  const titled = words.length <= 3 && words.every((w) => /^[A-Z\p{Lo}]/u.test(w));
  const coded = /`[^`]+`/.test(h.raw) && IDENTIFIER.test(name);
  const ok = prefixed
    ? words.length <= 4
    : (underGroup && titled) || coded || (words.length === 1 && CODE_LIKE.test(name));
  if (!ok) return null;
  const column = (lines[h.line - 1] ?? "").indexOf(name);
  return { name, description: "", line: h.line, column: column < 0 ? h.column : column + 1 };
}

/** `- **Order**: what it is`, a top-level item directly under an entities heading. */
function listEntity(b: ListItemBlock, blocks: Block[], lines: string[]): NamedItem | null {
  if (b.parent >= 0 && blocks[b.parent]?.kind === "list-item") return null;
  const bold = /^\s*(?:\*\*|__)([^*_]{1,60}?)(?:\*\*|__)\s*[:：\-–—(]/.exec(b.raw);
  if (!bold) return null;
  const name = entityName(bold[1]!);
  if (name === "" || isGeneric(name) || name.split(/\s+/).length > 4) return null;
  const column = (lines[b.line - 1] ?? "").indexOf(name);
  const description = plainText(b.raw.slice(bold[0].length));
  return { name, description, line: b.line, column: column < 0 ? b.column : column + 1 };
}
