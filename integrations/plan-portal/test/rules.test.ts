import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { allRules, type Finding } from "../src/check/index.ts";

/**
 * Rule scenarios in the markdownlint style: `fixtures/rules/<rule-id>/<pass|fail>-<case>/` is a
 * specs root holding one or more plan folders. Expected findings are marked where they happen, with
 * `<!-- expect: rule-id@COLUMN -->` at the end of the reported line (several may follow each
 * other), or listed in the root's `expected.json` when a trailing comment would change the line's
 * meaning (table rows, code, line 1, binary files):
 * `[{ "plan": "001-demo", "ruleId": "placeholder", "line": 20, "column": 22, "message"?: "…" }]`.
 *
 * For the rule under test (the folder name) the findings must equal the expected ones exactly
 * (plan folder, line, column; duplicates count); a `pass-*` fixture expects none. Other rules named
 * by an expectation in the same fixture are compared exactly too, so one fixture can pin down
 * which of two rules owns a line (e.g. a placeholder that mentions NEEDS CLARIFICATION).
 */

const TODAY = "2026-11-25";
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "rules");
const EXPECT = /<!--\s*expect:\s*([a-z][a-z0-9-]*)@(\d+)\s*-->/g;

/**
 * Fixtures that assert the correct behaviour of a rule that currently gets it wrong. They run as
 * `it.fails`, so fixing the rule turns them red: then delete the entry.
 */
const KNOWN_BUGS = new Set<string>([
  // BUG: the column of a bad byte counts bytes, not characters: "Price: 5 € per caf\xe9" reports
  // column 21 instead of 19 (every other position is a character column).
  "plan-readable/fail-invalid-utf8-after-multibyte",
  // BUG: a setext underline of exactly seven "=" ("Rollout" / "=======") is reported as a merge
  // conflict marker although no <<<<<<< / >>>>>>> surrounds it.
  "markdown-structure/pass-setext-underline-of-seven",
  // BUG: headingKey strips a leading emoji and then the numbering, so an emoji after the number
  // stays: "## 1. 📋 Summary", "## 2. 🧭 Technical Context", "## 4. 📁 Project Structure" are
  // reported missing.
  "required-section/pass-numbered-then-emoji-headings",
  // BUG: a section whose only content is a bold sentence ("**No violations: every gate passes.**")
  // is reported empty: substance() drops every bold span as if it were a label.
  "empty-section/pass-bold-sentence-only",
  // BUG: a section whose content is inline code ("- `services/exports/src/`") is reported empty.
  "empty-section/pass-inline-code-only",
  // BUG: placeholders inside code ticks are never found, though both templates put the branch
  // placeholder there: `<<FEATURE_BRANCH>>`, `/specs/<<FEATURE_BRANCH>>/spec.md`, `[###-feature-name]`.
  "placeholder/fail-placeholder-in-inline-code",
  // BUG: the speckitadv template's Structure Decision placeholder wraps over two lines and is then
  // never found ("[Document the selected structure and reference the real\ndirectories captured above]").
  "placeholder/fail-placeholder-wrapped-over-two-lines",
  // BUG: an "Option N:" label is reported at the "#" (column 1) while its text and end column
  // start at "Option" (column 3).
  "placeholder/fail-option-label",
  // BUG: "**Performance Goals**: 10k orders in under 5 s (NEEDS CLARIFICATION)" is not reported:
  // an opening parenthesis before the marker counts as "talked about".
  "needs-clarification/fail-parenthesised-marker",
  // BUG: an empty "**Target Platform**:" followed by "**Project Type**: web" in the same paragraph
  // is reported on the next line (17:1) instead of its own (16:21).
  "technical-context/fail-empty-value",
  // BUG: an empty "- **Testing**:" followed by other labelled items takes their text as its value
  // (withFollowingItems does not stop at the next label), so the empty field is not reported.
  "technical-context/fail-empty-value-before-other-list-fields",
  // BUG: with a partial header ("**Branch**: … | **Date**: …" on line 3) the missing Spec is
  // reported on the blank line 2 instead of the header line.
  "header-metadata/fail-partial-header",
  // BUG: a component diagram that starts with mermaid front matter (--- title --- graph TB) gets
  // kind "title:", so its missing P1–P4/existing classes are not reported.
  "architecture-diagram/fail-no-phase-classes-with-front-matter",
  // BUG: "A>text]" (mermaid's asymmetric node shape) is reported as an unexpected "]".
  "mermaid-syntax/pass-asymmetric-node-shape",
  // BUG: a Phase problem is reported at the Location cell (column 63/57) instead of the Phase cell
  // (column 53/51); the Component model keeps one column only.
  "component-table/fail-phase-not-p1-p4",
  // BUG: the "- **Owner**: …" bullets under a "#### Q3: …" question heading are read as questions
  // of their own besides being Q3's fields: Q2, Q3 (a second one) and Q4, each with one field only.
  "open-question-fields/pass-heading-form-with-bullet-fields",
  // BUG: "Blocked (waiting on the DPA)" and "Done (2026-11-10)" are not recognised as Blocked and
  // Done (risk-fields strips such a note, cleanStatus does not); the plan is not "blocked" either.
  "dependency-status/pass-status-with-a-note",
  // BUG: images with a missing file (![flow](./img/current-flow.png)) are never checked.
  "broken-link/fail-missing-image",
  // BUG: reference definitions ("[rb]: ./runbook.md") are never checked.
  "broken-link/fail-reference-definition",
  // BUG: gate state is read from words in the text, so passing gates fail: "- [x] **Fail fast**: …",
  // "- [x] No constitution violations", "- ✅ PASS: no violations of …".
  "constitution-gate/pass-passing-gates-that-mention-failure",
  // BUG: the global ERROR_CODE regex in parse/architecture.ts keeps lastIndex after .test() on a
  // code table cell, and the next String#matchAll starts there: codes written in prose after a
  // code table, in this plan and in every plan parsed later in the process, are lost.
  "conflicting-definition/fail-codes-after-an-error-code-table",
  // BUG: an endpoint mentioned in prose (`POST /api/v1/exports`) before its "#### Endpoint:"
  // heading is kept as an inline mention only, so its contract is never compared.
  "conflicting-definition/fail-endpoint-mentioned-before-its-contract",
]);

interface Expectation {
  plan: string;
  ruleId: string;
  line: number;
  column: number;
  /** A part of the finding's message, checked when given. */
  message?: string;
}

interface Fixture {
  ruleId: string;
  name: string;
  root: string;
  pass: boolean;
}

function listDirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort();
}

const fixtures: Fixture[] = listDirs(FIXTURES).flatMap((ruleId) =>
  listDirs(path.join(FIXTURES, ruleId)).map((name) => ({
    ruleId,
    name,
    root: path.join(FIXTURES, ruleId, name),
    pass: name.startsWith("pass-"),
  })),
);

/** Plan folder of a finding, as a path below the fixture root (`001-demo`, `apps/x/specs/001-a`). */
function planKey(planPath: string): string {
  return path.posix.dirname(planPath);
}

function inlineExpectations(root: string, planPath: string): Expectation[] {
  const file = path.join(root, planPath);
  if (!existsSync(file) || !statSync(file).isFile()) return [];
  const text = new TextDecoder("utf-8").decode(readFileSync(file));
  const found: Expectation[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const m of line.matchAll(EXPECT)) {
      found.push({
        plan: planKey(planPath),
        ruleId: m[1]!,
        line: index + 1,
        column: Number(m[2]),
      });
    }
  });
  return found;
}

function jsonExpectations(root: string): Expectation[] {
  const file = path.join(root, "expected.json");
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, "utf8")) as Expectation[];
}

const key = (e: { plan: string; line: number; column: number }) =>
  `${e.plan}:${e.line}:${e.column}`;

function byPosition(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * Each fixture gets a fresh copy of the pipeline's modules, so no state left behind by another
 * fixture (a global regex's lastIndex, a cache) changes its result: fixtures stay independent of
 * the order they run in. State leaking between the plans of one run still shows within a fixture.
 */
beforeEach(() => {
  vi.resetModules();
});

async function runFixture(fixture: Fixture): Promise<void> {
  const { runPipeline } = await import("../src/pipeline.ts");
  const result = runPipeline({ roots: [fixture.root], cwd: fixture.root, today: TODAY });
  expect(result.plans.length, "the fixture holds at least one plan").toBeGreaterThan(0);

  const expected = [
    ...result.plans.flatMap((p) => inlineExpectations(fixture.root, p.plan.path)),
    ...jsonExpectations(fixture.root),
  ];
  const own = expected.filter((e) => e.ruleId === fixture.ruleId);
  if (fixture.pass) expect(own, "a pass fixture expects no finding of its rule").toEqual([]);
  else expect(own.length, "a fail fixture expects a finding of its rule").toBeGreaterThan(0);

  const actual: (Finding & { plan: string })[] = result.plans.flatMap((p) =>
    p.findings.map((f) => ({ ...f, plan: planKey(p.plan.path) })),
  );
  const rules = new Set([fixture.ruleId, ...expected.map((e) => e.ruleId)]);
  for (const ruleId of rules) {
    const got = actual
      .filter((f) => f.ruleId === ruleId)
      .map(key)
      .sort(byPosition);
    const want = expected
      .filter((e) => e.ruleId === ruleId)
      .map(key)
      .sort(byPosition);
    expect(got, `${ruleId} findings (plan:line:column)`).toEqual(want);
  }

  for (const e of expected) {
    if (e.message === undefined) continue;
    const messages = actual
      .filter((f) => f.ruleId === e.ruleId && key(f) === key(e))
      .map((f) => f.message);
    expect(
      messages.some((m) => m.includes(e.message!)),
      `${e.ruleId} at ${key(e)}`,
    ).toBe(true);
  }
}

describe.each([...new Set(fixtures.map((f) => f.ruleId))])("rule %s", (ruleId) => {
  for (const fixture of fixtures.filter((f) => f.ruleId === ruleId)) {
    const id = `${fixture.ruleId}/${fixture.name}`;
    const test = KNOWN_BUGS.has(id) ? it.fails : it;
    test(`${fixture.ruleId} › ${fixture.name}`, () => runFixture(fixture));
  }
});

describe("rule fixtures", () => {
  const ids = allRules.map((r) => r.id);

  it("cover every rule with at least one pass and one fail fixture", () => {
    const missing = ids.flatMap((id) => [
      ...(fixtures.some((f) => f.ruleId === id && f.pass) ? [] : [`${id}: pass-*`]),
      ...(fixtures.some((f) => f.ruleId === id && !f.pass) ? [] : [`${id}: fail-*`]),
    ]);
    expect(missing).toEqual([]);
  });

  it("are named after existing rules and start with pass- or fail-", () => {
    const strays = fixtures
      .filter((f) => !ids.includes(f.ruleId) || !/^(pass|fail)-[a-z0-9-]+$/.test(f.name))
      .map((f) => `${f.ruleId}/${f.name}`);
    expect(strays).toEqual([]);
  });

  it("list only known bugs that have a fixture", () => {
    const names = new Set(fixtures.map((f) => `${f.ruleId}/${f.name}`));
    expect([...KNOWN_BUGS].filter((id) => !names.has(id))).toEqual([]);
  });
});
