import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { referenceGraph } from "../src/aggregate/graph.ts";
import { aggregate } from "../src/aggregate/index.ts";
import { toJsonPlan } from "../src/contract/json.ts";
import { runPipeline } from "../src/pipeline.ts";
import { jsonPosition, loadConfigFile } from "../src/sources/config-file.ts";
import { spawnGit } from "../src/sources/git.ts";
import { resolveSources } from "../src/sources/resolve.ts";
import { issueLines, SourcesSchema, type SourceInput } from "../src/sources/schema.ts";

const work = mkdtempSync(path.join(tmpdir(), "plan-portal-sources-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cacheRoot = path.join(work, "cache");
const io = { cacheRoot, git: spawnGit };

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args],
    {
      cwd,
      encoding: "utf8",
    },
  );
}

/** A repository with `files` (path → text) committed on main. */
function repository(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "--quiet", "-b", "main");
  commit(dir, files);
  return dir;
}

function commit(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "plans");
}

const plan = (title: string, body = "") =>
  `# Implementation Plan: ${title}\n\n## Summary\n\n${body}\n`;

function sources(input: SourceInput[]) {
  return SourcesSchema.parse(input);
}

describe("sources: the config shape", () => {
  it("names a source after its folder or repository when it gives no name", () => {
    const parsed = sources([{ path: "../shop/" }, { git: "https://example.com/acme/billing.git" }]);
    expect(parsed.map((s) => [s.name, s.specs])).toEqual([
      ["shop", ["specs"]],
      ["billing", ["specs"]],
    ]);
  });

  it("says which key is wrong and what to write instead", async () => {
    const file = path.join(work, "bad", "plan-portal.config.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        sources: [
          { name: "shop", path: "../shop", ref: "main" },
          { name: "billing", url: "https://example.com/billing.git" },
          { name: "ops", path: "../ops", git: "../ops" },
          { name: "docs", git: "../docs", specs: ["/abs/specs"] },
        ],
      }),
    );
    await expect(loadConfigFile(file, work)).rejects.toMatchObject({
      code: "PlanPortalConfigFileInvalid",
      message:
        "bad/plan-portal.config.json has settings plan-portal cannot use:\n" +
        '  - sources.0.ref: only a "git" source has a ref; remove it, or write "git" instead of "path"\n' +
        '  - sources.1: unknown key "url" (write "git" instead)\n' +
        '  - sources.1: needs "path" (a local folder) or "git" (a repository URL or path)\n' +
        '  - sources.2: has both "path" and "git": keep "path" for a folder read as it is, or "git" to clone it\n' +
        '  - sources.3.specs.0: must be a folder inside the repository, written relative to it, e.g. "specs"',
    });
  });

  it("refuses a ref that git would read as an option", () => {
    const parsed = SourcesSchema.safeParse([
      { name: "evil", git: "../evil", ref: "--upload-pack=touch /tmp/pwned" },
    ]);
    expect(parsed.success).toBe(false);
    expect(issueLines(parsed.error!.issues)).toBe(
      '  - 0.ref: must be a branch, tag or commit name, which never starts with "-", e.g. "main"',
    );
  });

  it("refuses two sources with the same name, naming both", async () => {
    const file = path.join(work, "twice", "plan-portal.config.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ sources: [{ path: "a/shop" }, { path: "b/shop" }] }));
    await expect(loadConfigFile(file, work)).rejects.toThrow(
      '  - sources.1.name: "shop" is also the name of sources.0: give each source its own "name" (plan ids and references use it)',
    );
  });

  it("says where a config file is not JSON", async () => {
    const file = path.join(work, "broken", "plan-portal.config.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{\n  "sources": [\n    { "path": "." },\n  ]\n}\n');
    await expect(loadConfigFile(file, work)).rejects.toThrow(
      "broken/plan-portal.config.json:4:3 cannot be read: not JSON (Unexpected token ']').",
    );
  });

  it("finds the first mistake in JSON text", () => {
    expect(jsonPosition('{ "a": [1, 2] }')).toBe("");
    expect(jsonPosition('{ "a": 1, }')).toBe(":1:11");
    expect(jsonPosition('{\n  "a": tru\n}')).toBe(":2:8");
    expect(jsonPosition('{ "a": "b" "c": 1 }')).toBe(":1:12");
    expect(jsonPosition("[1] x")).toBe(":1:5");
    expect(jsonPosition('{\n  // a comment\n  "a": 1\n}')).toBe(":2:3");
  });

  it("reads a .mjs config's default export, paths relative to the file", async () => {
    const file = path.join(work, "mjs", "plan-portal.config.mjs");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      'export default { sources: [{ name: "shop", path: "../shop" }], title: "Acme" };\n',
    );
    const config = await loadConfigFile(file, work);
    expect(config.title).toBe("Acme");
    expect(config.sources[0]!.path).toBe(path.join(work, "shop"));
  });
});

describe("sources: git repositories", () => {
  const billing = repository("billing", {
    "specs/001-invoices/plan.md": plan("Invoices", "Bills each order of shop:001-checkout-flow."),
    "src/app.ts": "export {};\n",
  });

  it("clones shallow and sparse: only the specs folders, one commit", () => {
    const [source] = sources([{ git: billing, ref: "main" }]);
    const { sources: resolved, notices } = resolveSources([source!], work, io);
    expect(notices).toEqual([]);
    const checkout = resolved[0]!.base;
    expect(existsSync(path.join(checkout, "specs", "001-invoices", "plan.md"))).toBe(true);
    expect(existsSync(path.join(checkout, "src", "app.ts"))).toBe(false);
    expect(git(checkout, "rev-parse", "--is-shallow-repository").trim()).toBe("true");
    expect(resolved[0]!.roots).toEqual([path.join(checkout, "specs")]);
  });

  it("fetches on the next run; an unreachable source keeps its last good copy, with a notice", () => {
    const [source] = sources([{ git: billing, ref: "main" }]);
    commit(billing, { "specs/002-credit-notes/plan.md": plan("Credit notes") });
    const updated = resolveSources([source!], work, io);
    expect(
      existsSync(path.join(updated.sources[0]!.base, "specs", "002-credit-notes", "plan.md")),
    ).toBe(true);
    renameSync(billing, `${billing}-moved`);
    try {
      const offline = resolveSources([source!], work, io);
      expect(offline.sources.map((s) => s.base)).toEqual([updated.sources[0]!.base]);
      expect(offline.notices).toMatchObject([
        {
          code: "PlanPortalSourceUnreachable",
          message: `Source "billing": ${billing} cannot be fetched (no such folder); the last good copy is used.`,
        },
      ]);
    } finally {
      renameSync(`${billing}-moved`, billing);
    }
  });

  it("an unknown ref and a folder that is no repository are notices, and the other sources still come", () => {
    const plain = path.join(work, "plain");
    mkdirSync(path.join(plain, "specs", "001-x"), { recursive: true });
    writeFileSync(path.join(plain, "specs", "001-x", "plan.md"), plan("X"));
    const list = sources([
      { name: "wrong-ref", git: billing, ref: "no-such-branch" },
      { name: "not-git", git: plain },
      { name: "plain", path: plain },
    ]);
    const { sources: resolved, notices } = resolveSources(list, work, io);
    expect(resolved.map((s) => s.name)).toEqual(["plain"]);
    expect(notices.map((n) => [n.code, n.message])).toEqual([
      [
        "PlanPortalSourceRefUnknown",
        'Source "wrong-ref": the repository has no branch, tag or commit "no-such-branch"; its plans are not in the portal.',
      ],
      [
        "PlanPortalSourceNotGit",
        `Source "not-git": ${plain} is not a git repository that can be cloned (not a git repository (or any of the parent directories): .git); its plans are not in the portal.`,
      ],
    ]);
  });

  it("never passes a ref to git as an option, even one that got past the schema", () => {
    const marker = path.join(work, "upload-pack-ran");
    const [source] = sources([{ name: "evil", git: billing }]);
    const { sources: resolved, notices } = resolveSources(
      [{ ...source!, ref: `--upload-pack=touch ${marker}` }],
      work,
      io,
    );
    expect(existsSync(marker)).toBe(false);
    expect(resolved).toEqual([]);
    expect(notices.map((n) => n.code)).toEqual(["PlanPortalSourceRefUnknown"]);
  });
});

describe("sources: plans across repositories", () => {
  const shop = repository("shop", {
    "specs/001-checkout-flow/plan.md": plan("Checkout flow", "Takes card payments."),
  });
  const ops = repository("ops", { "docs/specs/001-alerts/plan.md": plan("Alerts") });

  it("prefixes ids with the repository, knows each plan's repository, links repo:plan-id", async () => {
    const list = sources([
      { name: "shop", path: shop, editUrl: "https://example.com/shop/edit/main/" },
      { git: path.join(work, "billing"), ref: "main" },
      { name: "ops", git: ops, specs: ["docs/specs"] },
    ]);
    const resolved = resolveSources(list, work, io);
    const result = await runPipeline({
      roots: resolved.sources.flatMap((s) => s.roots),
      sources: resolved.sources,
      cwd: work,
      today: "2026-06-01",
    });
    expect(
      result.plans.map((c) => [c.plan.id, c.plan.repository?.name, c.plan.repository?.path]),
    ).toEqual([
      ["shop/001-checkout-flow", "shop", "specs/001-checkout-flow/plan.md"],
      ["billing/001-invoices", "billing", "specs/001-invoices/plan.md"],
      ["billing/002-credit-notes", "billing", "specs/002-credit-notes/plan.md"],
      ["ops/001-alerts", "ops", "docs/specs/001-alerts/plan.md"],
    ]);
    expect(result.plans[0]!.plan.repository?.editUrl).toBe("https://example.com/shop/edit/main/");
    expect(toJsonPlan(result.plans[1]!, "2026-06-01")).toMatchObject({
      id: "billing/001-invoices",
      repository: "billing",
    });
    expect(
      referenceGraph(result.plans).edges.map(({ from, to, lines }) => ({ from, to, lines })),
    ).toEqual([{ from: "billing/001-invoices", to: "shop/001-checkout-flow", lines: [5] }]);
  });

  it("names each dashboard row's repository, and the plan of another repository a blocker waits on", async () => {
    const folder = (name: string, files: Record<string, string>) => {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(work, "boards", name, file)), { recursive: true });
        writeFileSync(path.join(work, "boards", name, file), text);
      }
      return { name, path: path.join(work, "boards", name) };
    };
    const list = sources([
      folder("shop", { "specs/003-checkout-flow/plan.md": plan("Checkout flow") }),
      folder("billing", {
        "specs/001-invoices/plan.md": plan(
          "Invoices",
          "## Dependencies\n\n| Dependency | Owner | Due Date | Status |\n|---|---|---|---|\n" +
            "| Card tokens of shop:003-checkout-flow | Ana | 2026-07-01 | Blocked |\n" +
            "| Ledger export | Bo | 2026-07-01 | Blocked |\n",
        ),
      }),
    ]);
    const resolved = resolveSources(list, work, io);
    const result = await runPipeline({
      roots: resolved.sources.flatMap((s) => s.roots),
      sources: resolved.sources,
      cwd: work,
      today: "2026-06-01",
    });
    const aggregates = aggregate(result.plans, "2026-06-01");
    expect(aggregates.repositories).toEqual([
      { name: "shop", plans: 1 },
      { name: "billing", plans: 1 },
    ]);
    expect(
      aggregates.dependencies.blocked.map((d) => [d.text, d.repository, d.waitsOn?.planId]),
    ).toEqual([
      ["Card tokens of shop:003-checkout-flow", "billing", "shop/003-checkout-flow"],
      ["Ledger export", "billing", undefined],
    ]);
    expect(aggregates.dependencies.blocked[0]!.waitsOn).toEqual({
      planId: "shop/003-checkout-flow",
      planTitle: "Checkout flow",
      status: expect.any(String),
      repository: "shop",
    });
    // One repository: no repository on any dashboard.
    const one = resolveSources([list[1]!], work, io);
    const single = await runPipeline({
      roots: one.sources.flatMap((s) => s.roots),
      sources: one.sources,
      cwd: work,
      today: "2026-06-01",
    });
    expect(aggregate(single.plans, "2026-06-01").repositories).toEqual([]);
  });
});
