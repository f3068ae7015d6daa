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

export default {
  id: "empty-section",
  description:
    "A template section that is present has real content, not only template text or placeholders.",
  severity: "warning",
  check({ plan }, report) {
    const lines = plan.lines;
    const reportedUpTo = { line: 0 };
    for (const section of plan.sections) {
      // Only the template's sections: a free-form heading may carry its whole message itself.
      if (section.line <= reportedUpTo.line || section.level === 1 || section.kind === "other")
        continue;
      let inComment = false;
      let inFence = false;
      let content = false;
      for (let l = section.line + 1; l <= section.endLine && !content; l++) {
        const text = lines[l - 1] ?? "";
        if (inComment) {
          if (text.includes("-->")) inComment = false;
          continue;
        }
        if (/^\s*(```|~~~)/.test(text)) {
          inFence = !inFence;
          continue;
        }
        if (inFence) {
          if (!/\[REMOVE IF UNUSED\]|Option \d+:|%%\s*Example/.test(text) && text.trim() !== "")
            content = true;
          continue;
        }
        if (text.trimStart().startsWith("<!--")) {
          if (!text.includes("-->")) inComment = true;
          continue;
        }
        if (/^\s*#{1,6}\s/.test(text)) continue;
        if (substance(text) !== "") content = true;
      }
      if (content) continue;
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
