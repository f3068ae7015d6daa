import { plainText, scanMarkdown } from "./markdown.ts";
import { findDisables } from "./markers.ts";
import type { Checklist } from "./types.ts";

/**
 * One `checklists/<name>.md` → its checkbox items (`- [x] CHK001 …` done, `- [ ] …` open), each
 * with its line; checkboxes in code fences are not items. Pure and total.
 */
export function parseChecklist(name: string, text: string, path: string): Checklist {
  const { lines, blocks } = scanMarkdown(text);
  const items: Checklist["items"] = [];
  for (const b of blocks) {
    if (b.kind !== "list-item" || b.checked === null) continue;
    const at = (lines[b.line - 1] ?? "").indexOf(b.raw);
    items.push({
      text: plainText([b.raw, ...b.more.map((m) => m.text.trim())].join(" ")),
      done: b.checked,
      line: b.line,
      column: at < 0 ? b.column : at + 1,
    });
  }
  return {
    name,
    path,
    items,
    disables: findDisables(blocks, lines),
    lineCount: text === "" ? 0 : lines.length,
  };
}
