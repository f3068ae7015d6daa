import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repositoryFiles } from "../src/discover/repository.ts";

/** Where phantom-completion looks a task's path up: the repository root and the specs root's folder. */

const dir = mkdtempSync(path.join(tmpdir(), "plan-portal-repo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function touch(relative: string): void {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "x\n");
}

describe("repositoryFiles", () => {
  // repo/.git, repo/src/root.ts; a monorepo package apps/web with its specs and its own src/.
  touch("repo/.git/HEAD");
  touch("repo/src/root.ts");
  touch("repo/apps/web/specs/001-a/plan.md");
  touch("repo/apps/web/src/page.ts");
  touch("loose/specs/001-b/plan.md");
  touch("loose/src/here.ts");

  it("finds paths from the repository root and from the folder holding the specs root", () => {
    const cwd = path.join(dir, "repo");
    const files = repositoryFiles(cwd, ["apps/web/specs"]);
    const plan = "apps/web/specs/001-a/plan.md";
    expect(files.exists(plan, "src/root.ts")).toBe(true); // repo/src/root.ts
    expect(files.exists(plan, "src/page.ts")).toBe(true); // repo/apps/web/src/page.ts
    expect(files.exists(plan, "apps/web/src/page.ts")).toBe(true);
    expect(files.exists(plan, "src/missing.ts")).toBe(false);
  });

  it("uses the current directory when no folder above the plan holds .git", () => {
    const cwd = path.join(dir, "loose");
    const files = repositoryFiles(cwd, [path.join(cwd, "specs")]);
    expect(files.exists("specs/001-b/plan.md", "src/here.ts")).toBe(true);
    expect(files.exists("specs/001-b/plan.md", "src/root.ts")).toBe(false);
  });
});
