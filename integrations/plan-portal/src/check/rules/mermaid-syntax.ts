import { validateMermaid } from "../../diagrams/validate.ts";
import type { PlanRule } from "../types.ts";

export default {
  id: "mermaid-syntax",
  description: "Every mermaid block parses; the error points at the line inside plan.md.",
  severity: "error",
  applies: ({ plan }) => plan.diagrams.length > 0,
  check({ plan }, report) {
    for (const diagram of plan.diagrams) {
      for (const problem of validateMermaid(diagram.source)) {
        report({
          message: `Mermaid ${diagram.kind || "diagram"}: ${problem.message}`,
          hint: problem.hint,
          line: diagram.sourceLine + problem.line - 1,
          column: diagram.sourceColumn + problem.column - 1,
        });
      }
    }
  },
} satisfies PlanRule;
