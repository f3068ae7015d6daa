import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { searchRecords, walk } from "./helpers/site.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
const work = mkdtempSync(path.join(tmpdir(), "plan-portal-sources-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A git repository named `name` below the work folder, with `files` committed on main. */
function repository(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", ...args], {
      cwd: dir,
    });
  git("init", "--quiet", "-b", "main");
  git("add", ".");
  git("commit", "--quiet", "-m", "plans");
  return dir;
}

const plan = (title: string, body: string) =>
  `# Implementation Plan: ${title}\n\n**Branch**: \`x\` | **Date**: 2026-05-01\n\n## Summary\n\n${body}\n`;

describe("plan-portal build over three git repositories (plan-portal.config.json)", () => {
  it("builds one portal: ids per repository, a cross-repository link, search across all", () => {
    repository("shop", {
      "specs/001-checkout-flow/plan.md": plan(
        "Checkout flow",
        "Takes card payments with a wallaby token.",
      ),
    });
    repository("billing", {
      "specs/001-invoices/plan.md": plan(
        "Invoices",
        "Bills each order placed by shop:001-checkout-flow, numbered by a quokka sequence.\n\n" +
          "## Risks\n\n| Risk | Probability | Impact | Mitigation | Owner |\n|---|---|---|---|---|\n" +
          "| Totals drift from the ledger | Low | High | Nightly reconciliation | @bo |\n\n" +
          "## Dependencies\n\n| Dependency | Owner | Due Date | Status |\n|---|---|---|---|\n" +
          "| Order totals from shop:001-checkout-flow | @ana | 2026-07-01 | Blocked |\n",
      ),
      "src/not-plans.ts": "export {};\n",
    });
    repository("ops", {
      "docs/specs/004-alerts/plan.md": plan("Alerts", "Pages the on-call numbat."),
    });
    const portal = path.join(work, "portal");
    mkdirSync(portal);
    writeFileSync(
      path.join(portal, "plan-portal.config.json"),
      JSON.stringify({
        title: "Acme plans",
        sources: [
          { name: "shop", git: "../shop", editUrl: "https://example.com/shop/edit/main/" },
          { name: "billing", git: "../billing", ref: "main" },
          { name: "ops", git: "../ops", specs: ["docs/specs"] },
        ],
      }),
    );
    const run = spawnSync(
      process.execPath,
      [bin, "build", "--out", "dist", "--today", "2026-06-01"],
      {
        cwd: portal,
        encoding: "utf8",
        env: { ...process.env, PLAN_PORTAL_CACHE_DIR: path.join(work, "cache") },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const output = run.stdout + run.stderr;
    expect(run.status, output).toBe(0);
    const dist = path.join(portal, "dist");
    const files = walk(dist);
    expect(files).toEqual(
      expect.arrayContaining([
        "shop/001-checkout-flow/index.html",
        "billing/001-invoices/index.html",
        "ops/004-alerts/index.html",
      ]),
    );
    const json = JSON.parse(readFileSync(path.join(dist, "plans.json"), "utf8")) as {
      plans: { id: string; repository?: string }[];
    };
    expect(json.plans.map((p) => [p.id, p.repository]).sort()).toEqual([
      ["billing/001-invoices", "billing"],
      ["ops/004-alerts", "ops"],
      ["shop/001-checkout-flow", "shop"],
    ]);
    const invoices = readFileSync(path.join(dist, "billing/001-invoices/index.html"), "utf8");
    expect(invoices).toContain('href="/shop/001-checkout-flow/"');
    const checkout = readFileSync(path.join(dist, "shop/001-checkout-flow/index.html"), "utf8");
    expect(checkout).toContain(
      'href="https://example.com/shop/edit/main/specs/001-checkout-flow/plan.md"',
    );
    const records = searchRecords(path.join(dist, "pagefind"));
    const plansFound = records
      .filter((r) => r.filters["kind"]?.includes("plan"))
      .map((r) => [r.url, r.filters["repository"]])
      .sort();
    expect(plansFound).toEqual([
      ["/billing/001-invoices/", ["billing"]],
      ["/ops/004-alerts/", ["ops"]],
      ["/shop/001-checkout-flow/", ["shop"]],
    ]);
    const text = records.map((r) => (r as unknown as { content: string }).content).join(" ");
    for (const word of ["wallaby", "quokka", "numbat"]) expect(text).toContain(word);

    // Every page and dashboard names the repository (a portal over one repository shows none).
    const page = (file: string) => readFileSync(path.join(dist, file), "utf8");
    const index = page("index.html");
    expect(index).toContain('<table class="data sortable with-repository" id="plans-table">');
    expect(index).toMatch(/<th scope="col" class="wide-only" data-sort="repository">\s*Repository/);
    expect(index).toMatch(/<td class="wide-only" data-label="Repository">\s*billing\s*<\/td>/);
    expect(index).toContain('<option value="ops">ops (1)</option>');
    expect(index).toContain('<option value="repository">Repository</option>');
    const compact = JSON.parse(page("plans-index.json")) as {
      repositories: string[];
      plans: { i: string; rp: number }[];
    };
    expect(compact.repositories).toEqual(["billing", "ops", "shop"]);
    expect(compact.plans.map((p) => [p.i, compact.repositories[p.rp]])).toEqual([
      ["shop/001-checkout-flow", "shop"],
      ["billing/001-invoices", "billing"],
      ["ops/004-alerts", "ops"],
    ]);
    expect(invoices).toMatch(/<dt>Repository<\/dt>\s*<dd data-repository="billing">billing<\/dd>/);
    expect(page("risks/index.html")).toMatch(
      /<span class="plan-id">billing\/001-invoices<\/span>[^]*?<span class="badge neutral" data-repository="billing"/,
    );
    const blockers = page("dependencies/index.html");
    expect(blockers).toMatch(
      /waits on\s*<a href="\/shop\/001-checkout-flow\/">Checkout flow<\/a>\s*<span class="badge neutral" data-repository="shop"/,
    );
    expect(blockers).toMatch(
      /for <a href="\/billing\/001-invoices\/">Invoices<\/a>\s*<span class="badge neutral" data-repository="billing"/,
    );
    // Health and Pipeline name each plan's repository; the CSV exports have a Repository column.
    for (const board of ["health/index.html", "pipeline/index.html"])
      expect(page(board), board).toMatch(
        /<a href="\/ops\/004-alerts\/">Alerts<\/a>\s*<span class="badge neutral" data-repository="ops"/,
      );
    const csvLines = (file: string) => page(file).split("\r\n");
    expect(csvLines("risks.csv")[0]).toMatch(/^Plan,Repository,Plan title,Risk,/);
    expect(csvLines("risks.csv")[1]).toMatch(
      /^billing\/001-invoices,billing,Invoices,Totals drift/,
    );
    expect(csvLines("blockers.csv")[1]).toMatch(/^billing\/001-invoices,billing,Invoices,/);
  }, 180_000);
});
