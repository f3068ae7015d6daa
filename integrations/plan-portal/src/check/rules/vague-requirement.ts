import type { Requirement } from "../../parse/types.ts";
import type { PlanRule, Report } from "../types.ts";

/**
 * The adjectives /speckit.analyze flags when nothing measures them (github/spec-kit
 * templates/commands/analyze.md: "fast, scalable, secure, intuitive, robust"), with the others
 * its checklists name and their adverbs. A hyphenated word (`fast-forward`) is another word. Not
 * `quick`, `simple` or `responsive`: in ../shared/corpus they name things (a quick action, a
 * quick start, a simple metric, responsive layout), not a quality to measure. Not after `not`.
 */
const VAGUE =
  /(?<![\p{L}\p{N}-])(?<!\bnot )(fast|faster|quickly|scalable|secure|securely|intuitive|intuitively|robust|user[- ]friendly|easy|easily|efficient|efficiently|flexible|reliable|reliably|seamless|seamlessly|performant)(?![\p{L}\p{N}-])/giu;

/**
 * What makes a requirement measurable: a number (`200 ms`, `99.9%`, `3 clicks`, `p95`) once its
 * own and other ids and a priority (`(P2)`) are taken out, or a named standard that defines the bar (`WCAG`, `OWASP`).
 */
const IDS = /\b(?:FR|NFR|SC|US|T)-?\d+[a-z]?\b|\(P[1-4]\)/gi;
const MEASURE = /\d|\b(?:WCAG|OWASP|ASVS|NIST|ISO|RFC|PCI|HIPAA|SOC ?2|TLS)\b/;

/** Code spans blanked (same length), so `fast` as a name in `mode: fast` is not wording. */
function prose(line: string): string {
  return line.replace(/`[^`\n]*`/g, (m) => " ".repeat(m.length));
}

/** A capital mid-sentence is a name (`Expo Fast Refresh`), not wording. */
function isName(text: string, from: number, m: RegExpExecArray): boolean {
  const before = text.slice(from, m.index).trimEnd();
  return /^\p{Lu}\p{Ll}/u.test(m[0]) && before !== "" && !/[.:!?*|]$/.test(before);
}

function vagueWords(line: string, from: number): RegExpExecArray[] {
  const text = prose(line);
  return [...text.matchAll(VAGUE)].filter((m) => m.index >= from && !isName(text, from, m));
}

export default {
  id: "vague-requirement",
  scope: "feature",
  description:
    "Functional requirements and success criteria in spec.md that use vague wording (fast, scalable, secure, intuitive …) give a measurable criterion.",
  severity: "info",
  applies: ({ plan }) => (plan.feature.spec?.requirements.length ?? 0) > 0,
  check({ plan }, report) {
    const spec = plan.feature.spec!;
    for (const req of spec.requirements) {
      const line = spec.lines[req.line - 1] ?? "";
      const words = vagueWords(line, req.column - 1 + req.id.length);
      if (words.length === 0 || MEASURE.test(prose(line).replace(IDS, ""))) continue;
      report(finding(req, words, spec.path));
    }
  },
} satisfies PlanRule;

function finding(req: Requirement, words: RegExpExecArray[], file: string): Report {
  const first = words[0]!;
  const named = [...new Set(words.map((w) => `"${w[0].toLowerCase()}"`))].join(", ");
  return {
    file,
    message: `${req.id} says ${named} but gives nothing to measure it by.`,
    hint: 'Say how it is measured: a number and unit ("p95 under 200 ms", "3 clicks or fewer", "99.9% monthly uptime") or a standard ("WCAG 2.2 AA"); or drop the word.',
    line: req.line,
    column: first.index + 1,
    endLine: req.line,
    endColumn: first.index + 1 + first[0].length,
    messageId: "vague",
    data: { id: req.id, words: named },
  };
}
