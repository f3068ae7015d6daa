import type { PlanRule } from "../types.ts";

const EXAMPLE = /NEW_COMPONENT\[New Feature Component\]|%%\s*Example\s*-\s*Replace/;
const PHASE_CLASS = /:::\s*(P[1-4]|existing)\b|^\s*class\s+[^\n]+\s+(P[1-4]|existing)\s*;?\s*$/im;

export default {
  id: "architecture-diagram",
  description:
    "High-Level Architecture has its own component diagram that colours components by phase (P1–P4) or as existing.",
  severity: "error",
  applies: ({ template, plan }) =>
    template === "speckitadv" || plan.sections.some((s) => s.kind === "architecture"),
  check({ plan }, report) {
    const section = plan.sections.find((s) => s.kind === "architecture");
    if (!section) return; // required-section reports the missing section
    const diagrams = plan.diagrams.filter(
      (d) => d.line > section.line && d.line <= section.endLine,
    );
    if (diagrams.length === 0) {
      report({
        message: `"${section.title}" has no mermaid component diagram.`,
        hint: "Add a ```mermaid graph TB``` block showing how this feature's components fit the existing system.",
        line: section.line,
        column: section.column,
      });
      return;
    }
    const component = diagrams[0]!;
    if (EXAMPLE.test(component.source)) {
      report({
        message: "The component diagram is still the template's example.",
        hint: "Replace the example nodes with this feature's components.",
        line: component.line,
        column: component.column,
      });
    } else if (/^(graph|flowchart)$/.test(component.kind) && !PHASE_CLASS.test(component.source)) {
      report({
        message: "The component diagram does not mark components by phase (P1–P4) or as existing.",
        hint: "Add `:::P1` … `:::P4` to new components and `:::existing` to existing ones (with the template's classDef lines).",
        line: component.line,
        column: component.column,
      });
    }
  },
} satisfies PlanRule;
