import { blocksOf, type Block } from "../../parse/markdown.ts";
import { headingKey } from "../../parse/sections.ts";
import type { Section } from "../../parse/types.ts";
import type { PlanRule } from "../types.ts";

/** What is left of a line once markdown punctuation, placeholders and comments are removed. */
function substance(text: string): string {
  return (
    text
      .replace(/<!--.*?(-->|$)/g, "")
      .replace(/\[[^\]]*\](?!\()/g, "")
      .replace(/<<[^>]*>>/g, "")
      .replace(/^\s*([-*+]|\d+[.)])\s+/, "")
      // Labels without a value ("**Storage**:") are template scaffolding; a bold sentence is content.
      .replace(/\*\*[^*]+?(\*\*\s*[:：]|[:：]\*\*)/g, "")
      .replace(/[|:\-*_#>`\s]/g, "")
  );
}

/** Lines of code blocks that are the template's own: its option labels and example diagram. */
const TEMPLATE_CODE = /\[REMOVE IF UNUSED\]|Option \d+:|%%\s*Example/;

/** The text of a block as the scanner read it, one string per source line. */
function textOf(block: Block): string[] {
  switch (block.kind) {
    case "paragraph":
      return block.lines.map((l) => l.text);
    case "list-item":
      return [block.raw, ...block.more.map((l) => l.text)];
    case "table":
      return [block.header, ...block.rows].map((row) => row.map((c) => c.raw).join(" | "));
    case "html":
      return block.text.split("\n");
    default:
      return [];
  }
}

/** Whether a block says something of its own: headings, comments and template text do not. */
function hasContent(block: Block): boolean {
  if (block.kind === "fence")
    return block.content.split("\n").some((l) => l.trim() !== "" && !TEMPLATE_CODE.test(l));
  if (block.kind === "html" && block.comment) return false;
  return textOf(block).some((text) => substance(text) !== "");
}

/** Whether any block below the heading of `section`, sub-sections included, has content. */
function sectionHasContent(blocks: Block[], section: Section): boolean {
  // Blocks are in line order: find the first one below the heading, then read to the section's end.
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.line <= section.line) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < blocks.length && blocks[i]!.line <= section.endLine; i++)
    if (hasContent(blocks[i]!)) return true;
  return false;
}

/**
 * A heading that carries its own message after the section's name, such as
 * "Constitution Check (Post-Design): all 6 principles ✅", is not empty even with nothing below.
 */
function headingSaysIt(title: string): boolean {
  const said = /[:：]\s*(.+)$|\s[—–]\s+(.+)$/.exec(headingKey(title));
  const text = (said?.[1] ?? said?.[2] ?? "").trim();
  return text !== "" && !/^\[.*\]$|^(tbd|todo|n\/a|tba)\.?$/i.test(text);
}

export default {
  id: "empty-section",
  description:
    "A template section that is present has real content, not only template text or placeholders.",
  severity: "warning",
  check({ plan }, report) {
    const blocks = blocksOf(plan.lines);
    const reportedUpTo = { line: 0 };
    for (const section of plan.sections) {
      // Only the template's sections: a free-form heading may carry its whole message itself.
      if (section.line <= reportedUpTo.line || section.level === 1 || section.kind === "other")
        continue;
      if (headingSaysIt(section.title)) continue;
      if (sectionHasContent(blocks, section)) continue;
      reportedUpTo.line = section.endLine;
      report({
        message: `Section "${section.title}" has no content of its own yet (only headings, comments or template text).`,
        hint: "Fill it in, or delete it if the template marks it as conditional and it does not apply.",
        line: section.line,
        column: section.column,
      });
    }
  },
} satisfies PlanRule;
