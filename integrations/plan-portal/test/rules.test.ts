import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allRules, type Finding } from "../src/check/index.ts";
import { runPipeline, type PipelineOptions } from "../src/pipeline.ts";
import { TestRepo } from "./helpers/git-repo.ts";

/**
 * Rule scenarios in the markdownlint style: `fixtures/rules/<rule-id>/<pass|fail>-<case>/` is a
 * specs root holding one or more plan folders. Expected findings are marked where they happen, with
 * `<!-- expect: rule-id@COLUMN -->` at the end of the reported line (several may follow each
 * other), or listed in the root's `expected.json` when a trailing comment would change the line's
 * meaning (table rows, code, line 1, binary files) or the finding is in another file of the feature:
 * `[{ "plan": "001-demo", "ruleId": "placeholder", "line": 20, "column": 22, "message"?: "…" }]`,
 * with `"file": "tasks.md"` (relative to the plan's folder; default `plan.md`) for spec.md,
 * tasks.md, data-model.md or `checklists/x.md`.
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
const KNOWN_BUGS = new Set<string>([]);

interface Expectation {
  plan: string;
  ruleId: string;
  line: number;
  column: number;
  /** The finding's file relative to the plan's folder (`spec.md`, `checklists/ux.md`); default plan.md. */
  file?: string;
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

const key = (e: { plan: string; file?: string; line: number; column: number }) =>
  `${e.plan}/${e.file ?? "plan.md"}:${e.line}:${e.column}`;

/** A finding's file as an expectation names it: relative to its plan's folder. */
function fileOf(f: Finding, planPath: string): string | undefined {
  return f.file === undefined
    ? undefined
    : path.posix.relative(path.posix.dirname(planPath), f.file);
}

function byPosition(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * A fixture with `commits.json` (`[{ "date": "YYYY-MM-DD", "add": ["001-demo"], "write"?: { "src/x.ts":
 * "text" } }]`) runs in a git repository made from a copy of it: each entry writes its files, then
 * commits them and the listed paths at noon UTC of its date, in order, and the pipeline reads
 * history (rules about time, like stale-plan).
 */
interface Commit {
  date: string;
  add?: string[];
  write?: Record<string, string>;
}

function withHistory(fixture: Fixture): { options: PipelineOptions; cleanup: () => void } | null {
  const script = path.join(fixture.root, "commits.json");
  if (!existsSync(script)) return null;
  const repo = new TestRepo(mkdtempSync(path.join(tmpdir(), "plan-portal-rule-")));
  cpSync(fixture.root, repo.dir, { recursive: true });
  const commits = JSON.parse(readFileSync(script, "utf8")) as Commit[];
  for (const [i, c] of commits.entries()) {
    for (const [file, text] of Object.entries(c.write ?? {})) repo.write(file, text);
    repo.git(["add", "--", ...(c.add ?? []), ...Object.keys(c.write ?? {})]);
    repo.git(["commit", "-q", "-m", `commit ${i + 1}`], `${c.date}T12:00:00Z`);
  }
  const cacheRoot = path.join(repo.dir, ".plan-portal-cache");
  return {
    options: {
      roots: [repo.dir],
      cwd: repo.dir,
      today: TODAY,
      history: true,
      historyIo: { cacheRoot },
    },
    cleanup: () => repo.remove(),
  };
}

async function runFixture(fixture: Fixture): Promise<void> {
  const git = withHistory(fixture);
  const options = git?.options ?? { roots: [fixture.root], cwd: fixture.root, today: TODAY };
  const result = await runPipeline(options).finally(() => git?.cleanup());
  expect(result.plans.length, "the fixture holds at least one plan").toBeGreaterThan(0);

  const expected = [
    ...result.plans.flatMap((p) => inlineExpectations(fixture.root, p.plan.path)),
    ...jsonExpectations(fixture.root),
  ];
  const own = expected.filter((e) => e.ruleId === fixture.ruleId);
  if (fixture.pass) expect(own, "a pass fixture expects no finding of its rule").toEqual([]);
  else expect(own.length, "a fail fixture expects a finding of its rule").toBeGreaterThan(0);

  const actual: (Finding & { plan: string })[] = result.plans.flatMap((p) =>
    p.findings.map((f) => ({ ...f, plan: planKey(p.plan.path), file: fileOf(f, p.plan.path) })),
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
