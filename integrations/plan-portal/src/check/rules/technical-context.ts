import { TECHNICAL_CONTEXT_LABELS } from "../../parse/technical-context.ts";
import type { TechnicalContextKey } from "../../parse/types.ts";
import type { PlanRule } from "../types.ts";

export default {
  id: "technical-context",
  description:
    "Technical Context names every field (Language/Version … Scale/Scope) with a real value.",
  severity: "warning",
  applies: ({ plan }) => plan.sections.some((s) => s.kind === "technical-context"),
  check({ plan }, report) {
    const section = plan.sections.find((s) => s.kind === "technical-context")!;
    const present = new Set(plan.technicalContext.map((f) => f.key));
    const missing = (Object.keys(TECHNICAL_CONTEXT_LABELS) as TechnicalContextKey[]).filter(
      (k) => !present.has(k),
    );
    if (missing.length) {
      report({
        message: `Technical Context is missing ${missing.map((k) => `"${TECHNICAL_CONTEXT_LABELS[k]}"`).join(", ")}.`,
        hint: `Add a line per field, e.g. "**${TECHNICAL_CONTEXT_LABELS[missing[0]!]}**: …" (write N/A when it does not apply).`,
        line: section.line,
        column: section.column,
      });
    }
    for (const field of plan.technicalContext) {
      if (field.state === "placeholder" || field.state === "empty") {
        report({
          message: `Technical Context "${field.label}" is ${field.state === "empty" ? "empty" : "still the template's placeholder"}.`,
          hint: "Write the value chosen for this feature (or N/A).",
          line: field.line,
          column: field.column,
        });
      }
    }
  },
} satisfies PlanRule;
