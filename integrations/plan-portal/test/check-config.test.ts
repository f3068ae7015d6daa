import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/** `plan-portal check --config FILE` checks the sources a config lists (issue 21), as build does. */
const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "bin", "plan-portal.js");
const work = mkdtempSync(path.join(tmpdir(), "plan-portal-check-config-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
  writeFileSync(path.join(work, file), text);
}

const plan = (title: string) => `# Implementation Plan: ${title}\n\n## Summary\n\n${title}.\n`;

function check(args: string[]) {
  const r = spawnSync(process.execPath, [bin, "check", "--today", "2026-11-25", ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("plan-portal check --config", () => {
  write("shop/specs/001-checkout/plan.md", plan("Checkout"));
  write("billing/specs/001-invoices/plan.md", plan("Invoices"));
  write(
    "org/plan-portal.config.json",
    JSON.stringify({
      sources: [
        { name: "shop", path: "../shop" },
        { name: "billing", path: "../billing" },
      ],
    }),
  );

  it("checks every source's plans, each with its repository", () => {
    const { stdout, stderr } = check([
      "--config",
      "org/plan-portal.config.json",
      "--format",
      "json",
    ]);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout) as { plans: { id: string; repository?: string }[] };
    expect(report.plans.map((p) => [p.id, p.repository]).sort()).toEqual([
      ["billing/001-invoices", "billing"],
      ["shop/001-checkout", "shop"],
    ]);
  });

  it("reads plan-portal.config.json from the current folder when no dir is named", () => {
    const r = spawnSync(process.execPath, [bin, "check", "--format", "json"], {
      cwd: path.join(work, "org"),
      encoding: "utf8",
    });
    const ids = (JSON.parse(r.stdout) as { plans: { id: string }[] }).plans.map((p) => p.id);
    expect(ids.sort()).toEqual(["billing/001-invoices", "shop/001-checkout"]);
  });

  it("names the config file and what to write when a source is wrong (a config error: exit 1)", () => {
    write("bad/plan-portal.config.json", JSON.stringify({ sources: [{ url: "x" }] }));
    const { code, stdout, stderr } = check(["--config", "bad/plan-portal.config.json"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("bad/plan-portal.config.json");
    expect(stderr).toContain('unknown key "url" (write "git" instead)');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses --config together with folders", () => {
    const { code, stderr } = check(["--config", "org/plan-portal.config.json", "shop/specs"]);
    expect(code).toBe(2);
    expect(stderr).toContain("cannot be given too");
  });
});
