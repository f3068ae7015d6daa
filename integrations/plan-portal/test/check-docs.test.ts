import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.ts";
import { directivesIn } from "../src/directives/check-docs.ts";
import { mdxBody } from "../src/directives/doc-source.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "fixtures", "docs-check");
/** The fixture plans lack the template's sections; these rules are not what this file tests. */
const QUIET = ["--rule", "required-section=off", "--rule", "architecture-diagram=off"];
const TODAY = ["--today", "2026-11-25"];

/** Runs the CLI in-process (the sources, not dist/) and captures what it writes. */
async function cli(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const capture = (sink: (text: string) => void) =>
    ((chunk: string | Uint8Array) => {
      sink(String(chunk));
      return true;
    }) as typeof process.stdout.write;
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture((t) => (stdout += t)));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture((t) => (stderr += t)));
  try {
    const code = await main(["check", ...args, ...TODAY], cwd);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

interface Report {
  summary: { plans: number; docs?: number; errors: number; warnings: number };
  docs?: { path: string; directives: number; findings: Record<string, unknown>[] }[];
  plans: { findings: { severity: string }[] }[];
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A small Astro project: the fixture's plans, an astro.config.mjs and docs in src/pages and src/content. */
function astroSite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-docs-check-"));
  temps.push(dir);
  cpSync(path.join(fixture, "specs"), path.join(dir, "specs"), { recursive: true });
  writeFileSync(path.join(dir, "astro.config.mjs"), "export default {};\n");
  mkdirSync(path.join(dir, "src", "pages"), { recursive: true });
  mkdirSync(path.join(dir, "src", "content", "docs"), { recursive: true });
  mkdirSync(path.join(dir, "src", "components"), { recursive: true });
  writeFileSync(
    path.join(dir, "src", "pages", "index.md"),
    "# Welcome\n\nAlerts: see :plan[002-alerts] and :plan[001-search]{section=summary}.\n",
  );
  writeFileSync(
    path.join(dir, "src", "content", "docs", "intro.mdx"),
    "---\ntitle: Intro\n---\n\n::plan-card{id=001-search}\n",
  );
  // Not a docs folder by default: never read unless passed with --docs.
  writeFileSync(path.join(dir, "src", "components", "notes.md"), ":plan[404-not-a-doc]\n");
  return dir;
}

describe("plan-portal check --docs", () => {
  it("lists every doc with its directives and the findings at the doc's line and column", async () => {
    const { code, stdout, stderr } = await cli(
      ["specs", "--docs", "docs", "--format", "json"],
      fixture,
    );
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.docs!.map((d) => [d.path, d.directives])).toEqual([
      ["docs/guide.md", 4],
      ["docs/nested/clean.md", 2],
      ["docs/team.mdx", 3],
    ]);
    expect(report.docs![0]!.findings).toEqual([
      {
        ruleId: "doc-directive",
        severity: "error",
        message: ':plan: no plan "002-alrets". Did you mean "002-alerts"?',
        hint: "Plan ids are the folder names that hold a plan.md (see the portal's plan index); a plan that was renamed or removed must be updated here too.",
        line: 8,
        column: 41,
        endLine: 8,
        endColumn: 58,
        file: "docs/guide.md",
      },
      {
        ruleId: "doc-directive",
        severity: "error",
        message: '::plans: no status "shipped".',
        hint: "Statuses are ready, draft, needs-clarification, blocked.",
        line: 10,
        column: 1,
        endLine: 10,
        endColumn: 24,
        file: "docs/guide.md",
      },
    ]);
    expect(report.docs![2]!.findings).toEqual([
      {
        ruleId: "doc-directive",
        severity: "error",
        message: '::open-questions: no question owner "@mario". Did you mean "@maria"?',
        hint: "Owners are taken from the Owner column of the plans' open-questions tables.",
        line: 11,
        column: 1,
        endLine: 11,
        endColumn: 31,
        file: "docs/team.mdx",
      },
      {
        ruleId: "doc-directive",
        severity: "error",
        message: '::plan-diagram: no diagram in 001-search "architecture".',
        hint: 'A diagram is named by the heading it sits under ("query-flow") or by its number (1–1).',
        line: 16,
        column: 1,
        endLine: 16,
        endColumn: 48,
        file: "docs/team.mdx",
      },
    ]);
    const planErrors = report.plans
      .flatMap((p) => p.findings)
      .filter((f) => f.severity === "error").length;
    expect(report.summary.docs).toBe(3);
    expect(report.summary.errors).toBe(planErrors + 4);
  });

  it("never reports code, comments, frontmatter or ESM", async () => {
    const { stdout } = await cli(["specs", "--docs", "docs", "--format", "json"], fixture);
    // Each of these ids appears only where the build does not see a directive either.
    for (const id of ["900-", "999-", "998-", "997-", "000-", "404-", "996-"]) {
      expect(stdout).not.toContain(id);
    }
  });

  it("prints each doc as its own stylish group and exits 1", async () => {
    const { code, stdout } = await cli(
      ["specs", "--docs", "docs", "--no-color", ...QUIET],
      fixture,
    );
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "docs/guide.md",
        '  8:41  error  :plan: no plan "002-alrets". Did you mean "002-alerts"?  doc-directive',
        '  10:1  error  ::plans: no status "shipped".                            doc-directive',
        "",
        "docs/team.mdx",
        '  11:1  error  ::open-questions: no question owner "@mario". Did you mean "@maria"?  doc-directive',
        '  16:1  error  ::plan-diagram: no diagram in 001-search "architecture".              doc-directive',
        "",
        "✖ 4 problems (4 errors, 0 warnings)",
        "2 plans: 2 ready, 0 draft, 0 needs clarification, 0 blocked",
        "3 docs: 9 plan directives",
        "",
      ].join("\n"),
    );
  });

  it("gives doc findings their own SARIF artifact and rule", async () => {
    const { stdout } = await cli(
      ["specs", "--docs", "docs", "--format", "sarif", ...QUIET],
      fixture,
    );
    const run = JSON.parse(stdout).runs[0];
    const rules = run.tool.driver.rules.map((r: { id: string }) => r.id);
    const ruleIndex = rules.indexOf("doc-directive");
    expect(ruleIndex).toBeGreaterThanOrEqual(0);
    expect(run.results).toHaveLength(4);
    expect(run.results[0]).toEqual({
      ruleId: "doc-directive",
      ruleIndex,
      level: "error",
      message: {
        text: ':plan: no plan "002-alrets". Did you mean "002-alerts"? Plan ids are the folder names that hold a plan.md (see the portal\'s plan index); a plan that was renamed or removed must be updated here too.',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "docs/guide.md", uriBaseId: "%SRCROOT%" },
            region: { startLine: 8, startColumn: 41, endLine: 8, endColumn: 58 },
          },
        },
      ],
    });
  });

  it("exits 0 when every directive resolves", async () => {
    const { code, stdout } = await cli(
      ["specs", "--docs", "docs/nested", "--no-color", ...QUIET],
      fixture,
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      "2 plans: 2 ready, 0 draft, 0 needs clarification, 0 blocked\n1 doc: 2 plan directives\n",
    );
  });
});

describe("default docs", () => {
  it("checks src/pages and src/content of the Astro project in the current directory", async () => {
    const site = astroSite();
    const { code, stdout } = await cli(["--format", "json", ...QUIET], site);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.docs!.map((d) => [d.path, d.directives, d.findings.length])).toEqual([
      ["src/pages/index.md", 2, 0],
      ["src/content/docs/intro.mdx", 1, 0],
    ]);
  });

  it("finds the project above the specs dir, naming docs from the current directory", async () => {
    const site = astroSite();
    const name = path.basename(site);
    const { stdout } = await cli(
      ["--format", "json", `${name}/specs`, ...QUIET],
      path.dirname(site),
    );
    const report = JSON.parse(stdout) as Report;
    expect(report.docs!.map((d) => d.path)).toEqual([
      `${name}/src/pages/index.md`,
      `${name}/src/content/docs/intro.mdx`,
    ]);
  });

  it("fails at the doc's line once a plan it names is deleted", async () => {
    const site = astroSite();
    rmSync(path.join(site, "specs", "002-alerts"), { recursive: true });
    const { code, stdout } = await cli(["--no-color", ...QUIET], site);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "src/pages/index.md",
        '  3:13  error  :plan: no plan "002-alerts".  doc-directive',
        "",
        "✖ 1 problem (1 error, 0 warnings)",
        "1 plan: 1 ready, 0 draft, 0 needs clarification, 0 blocked",
        "2 docs: 3 plan directives",
        "",
      ].join("\n"),
    );
  });

  it("checks no docs with --no-docs, nor outside an Astro project", async () => {
    const site = astroSite();
    const off = JSON.parse((await cli(["--format", "json", "--no-docs"], site)).stdout) as Report;
    expect(off.docs).toBeUndefined();
    expect(off.summary.docs).toBeUndefined();
    const bare = JSON.parse((await cli(["specs", "--format", "json"], fixture)).stdout) as Report;
    expect(bare.docs).toBeUndefined();
  });
});

describe("usage errors", () => {
  it.each([
    [
      ["specs", "--docs", "nowhere"],
      `plan-portal: No docs folder "nowhere" (looked in ${path.join(fixture, "nowhere")}).\n  Hint: Pass the folder that holds the site's .md/.mdx pages, e.g. --docs src/pages, or leave --docs out to check the Astro project's src/pages and src/content.\n`,
    ],
    [
      ["specs", "--docs", "docs", "--no-docs"],
      "plan-portal: --docs and --no-docs were both given.\n  Hint: Keep --docs DIR to check those docs, or --no-docs to check plans only.\n",
    ],
    [
      ["specs", "--rule", "doc-directive=off"],
      "plan-portal: doc-directive findings are always errors: an unknown name in a doc fails astro build too.\n  Hint: Fix the directive, or leave the docs out with --no-docs (or pick folders with --docs DIR).\n",
    ],
  ])("exits 2 for %j", async (args, message) => {
    const { code, stdout, stderr } = await cli(args, fixture);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(message);
  });

  it("documents the options in --help", async () => {
    const { stdout } = await cli(["--help"], fixture);
    expect(stdout).toContain("--docs DIR");
    expect(stdout).toContain("--no-docs");
  });
});

describe("reading docs", () => {
  const site = { root: "/site", specsRoots: ["/site/specs"] };
  const where = (source: string, file: string) =>
    directivesIn(source, file, site).map((d) => [d.call.name, d.call.line, d.call.column]);

  it("keeps MDX positions while blanking what is not markdown", () => {
    const source = '---\na: 1\n---\nimport X from "x";\n\n{/* :plan[a] */} :plan[b]\n';
    const body = mdxBody(source);
    expect(body.split("\n").map((l) => l.length)).toEqual(source.split("\n").map((l) => l.length));
    expect(where(source, "/site/src/pages/a.mdx")).toEqual([["plan", 6, 18]]);
  });

  it("reads MDX without indented code or HTML blocks, markdown with them", () => {
    const source = "<div>\n::plan-card{id=x}\n</div>\n";
    expect(where(source, "/site/src/pages/a.mdx")).toEqual([["plan-card", 2, 1]]);
    expect(where(source, "/site/src/pages/a.md")).toEqual([]);
  });

  it("skips files inside the specs roots, as the build does", () => {
    expect(where(":plan[x]\n", "/site/specs/001-a/notes.md")).toEqual([]);
  });

  it("handles CRLF line endings", () => {
    expect(where("---\r\nt: 1\r\n---\r\n\r\nSee :plan[x].\r\n", "/site/src/pages/a.md")).toEqual([
      ["plan", 5, 5],
    ]);
  });
});
