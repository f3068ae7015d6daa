import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DiscoveryNotice } from "../src/discover/index.ts";
import { readSibling } from "../src/render/store.ts";

const dir = mkdtempSync(path.join(tmpdir(), "plan-portal-sibling-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reading a plan's sibling documents", () => {
  it("returns the text of one that is there", () => {
    writeFileSync(path.join(dir, "spec.md"), "# Spec\n");
    const notices: DiscoveryNotice[] = [];
    expect(readSibling(path.join(dir, "spec.md"), "spec", notices, "a/spec.md")).toBe("# Spec\n");
    expect(notices).toEqual([]);
  });

  it("skips one that does not exist, quietly", () => {
    const notices: DiscoveryNotice[] = [];
    expect(readSibling(path.join(dir, "tasks.md"), "tasks", notices, "a/tasks.md")).toBeNull();
    expect(notices).toEqual([]);
  });

  it("says so when one exists but cannot be read, instead of dropping its page", () => {
    // A folder named like the file: readable by nobody as a file, root included.
    mkdirSync(path.join(dir, "research.md"));
    const notices: DiscoveryNotice[] = [];
    expect(readSibling(path.join(dir, "research.md"), "research", notices, "a/research.md")).toBe(
      null,
    );
    expect(notices).toEqual([
      {
        code: "PlanPortalSiblingUnreadable",
        path: "a/research.md",
        message: "could not be read (EISDIR), so its page is missing from the portal.",
        hint: "Check the file's permissions (the build must be able to read it), then build again.",
      },
    ]);
  });
});
