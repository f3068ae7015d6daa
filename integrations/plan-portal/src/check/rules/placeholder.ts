import { headingKey, sectionAt } from "../../parse/sections.ts";
import type { Marker, Plan } from "../../parse/types.ts";
import type { PlanRule } from "../types.ts";

/**
 * The older Spec Kit template's procedure sections: what the /plan and /tasks commands do, meant to
 * stay in the plan. Their bracketed prose describes research.md and tasks.md
 * (`- Decision: [what was chosen]`), so it is not this plan's unfilled value.
 */
const PROCEDURE =
  /^(execution flow\b|phase [0-3]\+?\s*[:：—–-]\s*(outline|research|design|contracts|task planning|future implementation)|progress tracking\b)/i;

function inProcedure(plan: Plan, p: Marker): boolean {
  if (p.kind !== "template-text") return false;
  for (let s = sectionAt(plan.sections, p.line); s; s = plan.sections[s.parent]) {
    if (PROCEDURE.test(headingKey(s.title))) return true;
    if (s.parent < 0) break;
  }
  return false;
}

const HINTS: Record<string, string> = {
  "e.g.": "Replace the example with the real value for this feature.",
  angle: "Replace the <<…>> placeholder with the real value.",
  braces: "Replace the {…} placeholder with the real value.",
  bracket: "Replace the bracketed placeholder with the real value.",
  "template-text":
    "This is the template's instruction text; write the feature's own content instead.",
  "remove-if-unused": "Delete the options you did not choose and the [REMOVE IF UNUSED] labels.",
  "option-label": "Keep only the chosen structure and drop the `Option N:` label.",
  "example-diagram": "Replace the template's example diagram with this feature's components.",
  "action-required": "Do what the comment asks, then delete the comment.",
};

export default {
  id: "placeholder",
  description:
    "No leftover template placeholders: [e.g., …], <<X>>, {NNN}, [REMOVE IF UNUSED], Option N: labels, the example diagram, ACTION REQUIRED comments.",
  severity: "error",
  check({ plan }, report) {
    for (const p of plan.placeholders) {
      if (inProcedure(plan, p)) continue;
      report({
        message: `Template placeholder left in the plan: ${p.text.length > 80 ? p.text.slice(0, 77) + "…" : p.text}`,
        hint: HINTS[p.kind ?? ""] ?? "Replace it with the real content.",
        line: p.line,
        column: p.column,
        endLine: p.line,
        endColumn: p.column + p.text.length,
      });
    }
  },
} satisfies PlanRule;
