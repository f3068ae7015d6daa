import { validateMermaid } from "../../diagrams/validate.ts";
import type { PlanRule } from "../types.ts";

export default {
  id: "mermaid-syntax",
  description: "Every mermaid block parses; the error points at the line inside plan.md.",
  severity: "error",
  applies: ({ plan }) => plan.diagrams.length > 0,
  check({ plan }, report) {
    for (const diagram of plan.diagrams) {
      // mermaid's own parser decides whether a diagram is valid. When it is not, the structural
      // check usually names the mistake more plainly ("[" is never closed, at the bracket), so its
      // message wins; otherwise mermaid's. Without the parser, the structural check alone.
      const v = diagram.validation;
      const structural = v?.ok ? [] : validateMermaid(diagram.source);
      const problems =
        !v || v.ok || structural.length
          ? structural
          : [
              {
                message: v.message,
                hint: "Fix the diagram so mermaid can draw it (mermaid.live shows the same error).",
                line: v.line,
                column: v.column,
              },
            ];
      for (const problem of problems) {
        report({
          message: `Mermaid ${diagram.kind || "diagram"}: ${problem.message}`,
          // The figure on the plan page shows the problem without the "Mermaid <kind>:" lead.
          messageId: "invalid-diagram",
          data: { problem: problem.message },
          hint: problem.hint,
          // An empty or unclosed block at the end of the file has no source line: point at its fence.
          ...(diagram.sourceLine + problem.line - 1 > plan.lineCount
            ? { line: diagram.line, column: diagram.column }
            : {
                line: diagram.sourceLine + problem.line - 1,
                column: diagram.sourceColumn + problem.column - 1,
              }),
        });
      }
    }
  },
} satisfies PlanRule;
