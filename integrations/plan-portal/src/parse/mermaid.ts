import type { Block } from "./markdown.ts";
import { sectionAt } from "./sections.ts";
import type { Diagram, Section } from "./types.ts";

export function parseDiagrams(blocks: Block[], sections: Section[]): Diagram[] {
  const diagrams: Diagram[] = [];
  for (const b of blocks) {
    if (b.kind !== "fence" || b.lang !== "mermaid") continue;
    // The kind is the first statement after init directives and comments.
    let body = b.content.split("\n").map((l) => l.trim());
    // Mermaid front matter (--- title: … ---) comes before the keyword.
    if (body[0] === "---") {
      const end = body.indexOf("---", 1);
      body = end > 0 ? body.slice(end + 1) : body;
    }
    const first = body.find((l) => l !== "" && !l.startsWith("%%"));
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
