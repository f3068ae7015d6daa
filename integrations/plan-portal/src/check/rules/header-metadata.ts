import { parseDate } from "../dates.ts";
import type { PlanRule } from "../types.ts";

export default {
  id: "header-metadata",
  description: "The header names the Branch, a parseable Date and a link to the Spec.",
  severity: "warning",
  applies: ({ plan }) => plan.lineCount > 0,
  check({ plan }, report) {
    const { branch, date, spec } = plan.header;
    // On the header line when there is one, else on the title.
    const present = [branch, date, spec, plan.header.input].filter((f) => f !== undefined);
    const at = {
      line: present.length ? Math.min(...present.map((f) => f!.line)) : plan.headerLine,
      column: 1,
    };
    const missing = [!branch && "Branch", !date && "Date", !spec && "Spec"].filter(
      Boolean,
    ) as string[];
    if (missing.length) {
      report({
        message: `Plan header is missing ${missing.join(", ")}.`,
        hint: "Below the title write: **Branch**: `NNN-name` | **Date**: YYYY-MM-DD | **Spec**: [spec.md](./spec.md)",
        ...at,
      });
    }
    if (date && parseDate(date.value) === null) {
      report({
        message: `Plan date "${date.value}" is not a date.`,
        hint: "Write it as YYYY-MM-DD.",
        line: date.line,
        column: date.column,
      });
    }
    if (spec && !/\]\(|\.md\b|https?:\/\//.test(spec.raw)) {
      report({
        message: `Spec "${spec.value}" is not a link or a path to the spec.`,
        hint: "Link the spec: [spec.md](./spec.md).",
        line: spec.line,
        column: spec.column,
      });
    }
  },
} satisfies PlanRule;
