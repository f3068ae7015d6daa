import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../src/pipeline.ts";
import type { JsonReport } from "../src/contract/json.ts";

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "bin", "plan-portal.js");
const GOOD =
  "# Implementation Plan: Fine\n\n**Branch**: `x` | **Date**: 2026-11-01 | **Spec**: [spec.md](./spec.md)\n\n## Summary\n\nA real summary.\n";

let root: string;
let specs: string;

function plan(folder: string, content: string | Uint8Array): void {
  mkdirSync(path.join(specs, folder), { recursive: true });
  writeFileSync(path.join(specs, folder, "plan.md"), content);
  writeFileSync(path.join(specs, folder, "spec.md"), "# Spec\n");
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "plan-portal-bad-"));
  chmodSync(root, 0o755);
  specs = path.join(root, "specs");
  plan("001-empty", "");
  plan("002-binary", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x00, 0x00, 0x1a]));
  plan(
    "003-latin1",
    Buffer.concat([
      Buffer.from("# Implementation Plan: Caf"),
      Buffer.from([0xe9]),
      Buffer.from("\n\n## Summary\n"),
    ]),
  );
  plan("004-bom", "\uFEFF" + GOOD);
  plan("005-crlf", GOOD.replace(/\n/g, "\r\n").trimEnd());
  plan(
    "006-huge",
    GOOD +
      "\n## Notes\n\n" +
      "| Risk | Probability | Impact |\n|---|---|---|\n" +
      "| Slow disks | Low | High |\n".repeat(200_000),
  );
  // A folder named plan.md cannot be read as a file.
  mkdirSync(path.join(specs, "007-plan-is-a-folder", "plan.md"), { recursive: true });
  // A feature folder that never got its plan.
  mkdirSync(path.join(specs, "008-no-plan"));
  writeFileSync(path.join(specs, "008-no-plan", "spec.md"), "# Spec\n");
  // A symbolic link back to a parent folder.
  symlinkSync(".", path.join(specs, "009-loop"));
  plan("010-unreadable", GOOD);
  chmodSync(path.join(specs, "010-unreadable", "plan.md"), 0o000);
  plan("011-dupe", GOOD);
  plan("nested/specs/011-dupe", GOOD);
  // 20 MB: a generated plan someone committed.
  plan(
    "014-twenty-mb",
    GOOD +
      "\n## Notes\n\n" +
      "Lorem ipsum dolor sit amet, NEEDS CLARIFICATION [e.g., x] `code` **bold**.\n".repeat(
        270_000,
      ),
  );
  // 0-byte siblings.
  plan("015-empty-siblings", GOOD);
  writeFileSync(path.join(specs, "015-empty-siblings", "spec.md"), "");
  writeFileSync(path.join(specs, "015-empty-siblings", "tasks.md"), "");
  plan("012-日本語-機能", "# 実装計画：ログイン機能\n\n## 概要\n\nログイン。\n");
  mkdirSync(path.join(specs, "013-locked"));
  plan("013-locked/inner", GOOD);
  chmodSync(path.join(specs, "013-locked"), 0o000);
});

afterAll(() => {
  chmodSync(path.join(specs, "013-locked"), 0o755);
  rmSync(root, { recursive: true, force: true });
});

/**
 * Run the CLI as a user without special rights, so permission cases behave as they would for a
 * developer (root reads everything). When the tests run as root, the child drops to `nobody`.
 */
function check(): { code: number | null; report: JsonReport; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(
    process.execPath,
    [bin, "check", "specs", "--format", "json", "--today", "2026-11-25"],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1024 * 1024 * 1024,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    },
  );
  return {
    code: result.status,
    report: JSON.parse(result.stdout || "null") as JsonReport,
    stderr: result.stderr,
  };
}

describe("bad input on disk", () => {
  let result: ReturnType<typeof check>;
  beforeAll(() => {
    result = check();
  }, 60_000);

  const byId = (id: string) => result.report.plans.find((p) => p.id === id);
  const readErrors = (id: string) =>
    byId(id)
      ?.findings.filter((f) => f.ruleId === "plan-readable")
      .map((f) => [f.line, f.column, f.message]);

  it("never crashes and lists every plan.md on disk", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.report.plans.map((p) => p.id).sort()).toEqual(
      [
        "001-empty",
        "002-binary",
        "003-latin1",
        "004-bom",
        "005-crlf",
        "006-huge",
        "007-plan-is-a-folder",
        "010-unreadable",
        "012-日本語-機能",
        "014-twenty-mb",
        "015-empty-siblings",
        "nested/specs/011-dupe",
        "011-dupe",
      ].sort(),
    );
  });

  it("reports an empty plan", () => {
    expect(readErrors("001-empty")).toEqual([[1, 1, "plan.md is empty."]]);
    expect(byId("001-empty")?.status).toBe("draft");
  });

  it("reports a binary plan at the first NUL byte", () => {
    expect(readErrors("002-binary")).toEqual([
      [2, 1, "plan.md looks like a binary file (it contains NUL bytes), so it was not parsed."],
    ]);
  });

  it("reports invalid UTF-8 at its line and column and still parses the rest", () => {
    expect(readErrors("003-latin1")).toEqual([
      [
        1,
        27,
        "plan.md is not valid UTF-8 (byte 0xe9 at line 1, column 27); unreadable characters were replaced.",
      ],
    ]);
    expect(byId("003-latin1")?.title).toBe("Caf\uFFFD");
  });

  it("reads BOM and CRLF plans like any other", () => {
    for (const id of ["004-bom", "005-crlf"]) {
      expect(readErrors(id)).toEqual([]);
      expect(byId(id)?.title).toBe("Fine");
    }
  });

  it("parses a multi-megabyte plan", () => {
    expect(readErrors("006-huge")).toEqual([]);
    expect(byId("006-huge")?.findings.some((f) => f.ruleId === "required-section")).toBe(true);
  });

  it("reports a plan.md that is a folder", () => {
    expect(readErrors("007-plan-is-a-folder")).toEqual([
      [1, 1, "plan.md cannot be read: it is a folder, not a file."],
    ]);
  });

  it("reports a plan.md it may not read", () => {
    expect(readErrors("010-unreadable")).toEqual([
      [1, 1, "plan.md cannot be read: permission denied."],
    ]);
  });

  it("tells apart plans that share a folder name by their path", () => {
    expect(byId("011-dupe")?.path).toBe("specs/011-dupe/plan.md");
    expect(byId("nested/specs/011-dupe")?.path).toBe("specs/nested/specs/011-dupe/plan.md");
  });

  it("checks a 20 MB plan and reads 0-byte siblings", () => {
    expect(readErrors("014-twenty-mb")).toEqual([]);
    expect(byId("014-twenty-mb")!.needsClarification.length).toBeGreaterThan(100_000);
    expect(byId("015-empty-siblings")).toMatchObject({ progress: { done: 0, total: 0 } });
    expect(byId("015-empty-siblings")!.findings.some((f) => f.ruleId === "missing-spec")).toBe(
      false,
    );
  });

  it("handles non-ASCII folder names and translated titles", () => {
    expect(byId("012-日本語-機能")?.title).toBe("ログイン機能");
  });

  it("explains folders it could not walk or that have no plan", () => {
    const notices = result.report.notices.map((n) => [n.path, n.message]);
    expect(notices).toContainEqual([
      "specs/008-no-plan",
      "This feature folder has no plan.md, so it has no plan page.",
    ]);
    expect(notices).toContainEqual([
      "specs/009-loop",
      "Symbolic link loop: this folder links back to one of its parents; it was not walked again.",
    ]);
    expect(notices).toContainEqual([
      "specs/013-locked",
      "Cannot list this folder (permission denied); plans inside it are not checked.",
    ]);
  });
});

describe("the pipeline as a library", () => {
  it("returns a result for every plan without throwing, in process", async () => {
    const result = await runPipeline({ roots: [specs], cwd: root, today: "2026-11-25" });
    expect(result.plans.length).toBeGreaterThanOrEqual(10);
  });
});
