import type { Block } from "./markdown.ts";
import { sectionAt } from "./sections.ts";
import type { Diagram, Section } from "./types.ts";

export function parseDiagrams(blocks: Block[], sections: Section[]): Diagram[] {
  const diagrams: Diagram[] = [];
  for (const b of blocks) {
    if (b.kind !== "fence" || b.lang !== "mermaid") continue;
    // The kind is the first statement after init directives and comments.
    const first = b.content
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l !== "" && !l.startsWith("%%") && l !== "---");
    diagrams.push({
      kind: (first ?? "").split(/[\s;]/)[0] ?? "",
      source: b.content,
      line: b.line,
      column: b.column,
      sourceLine: b.contentLine,
      sourceColumn: b.contentColumn,
      section: sectionAt(sections, b.line)?.slug ?? "",
      closed: b.closed,
    });
  }
  return diagrams;
}
