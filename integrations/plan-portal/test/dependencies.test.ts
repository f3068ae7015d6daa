import { describe, expect, it } from "vitest";
import type { Dependency } from "../src/parse/types.ts";
import { fixturePlan } from "./helpers/fixtures.ts";
import { check, lines, plan } from "./helpers/plans.ts";

const brief = (d: Dependency) => ({
  line: d.line,
  text: d.text,
  owner: d.owner,
  status: d.status,
  due: d.dueDate,
});

describe("dependencies written as prose", () => {
  const p = fixturePlan("dependencies-prose");

  it("reads bullets, continuation lines and sub-headings that carry a status, and tables", () => {
    expect(p.dependencies.map(brief)).toEqual([
      {
        line: 5,
        text: "Payments API v2",
        owner: "@payments",
        status: "BLOCKED",
        due: "2026-12-01",
      },
      { line: 9, text: "Ledger service", owner: "", status: "ACTIVE", due: "" },
      { line: 11, text: "Legacy invoicing", owner: "", status: "DECOUPLED", due: "" },
      // The sub-heading names the dependency; its own line gives the rest.
      { line: 15, text: "Fraud scoring", owner: "@risk", status: "In Progress", due: "Q1 2027" },
      // A table under any dependencies heading, not only "Dependencies & Blockers".
      { line: 23, text: "Tax rates feed", owner: "@finance", status: "Done", due: "" },
    ]);
  });

  it("points at each status value, so dependency-status findings land on it", () => {
    expect(p.dependencies.map((d) => [d.line, d.column, d.statusColumn])).toEqual([
      [5, 3, 17],
      [9, 3, 17],
      [11, 3, 15],
      [15, 5, 13],
      [23, 3, 31],
    ]);
  });

  it("makes the plan blocked, as the blockers board shows it", () => {
    const [checked] = check([p]);
    expect(checked!.status).toBe("blocked");
  });

  it("leaves a plain list of what the feature uses alone", () => {
    const q = plan({
      folder: "001-uses",
      text: lines(
        "# Implementation Plan: Uses",
        "",
        "## Dependencies",
        "",
        "- **Anthropic API key**: already a platform credential",
        "- Docker for local runs",
        "",
        "## Milestone Dependency Graph",
        "",
        "- **M1** → M2",
        "  - **Status**: Done",
      ),
    });
    expect(q.dependencies).toEqual([]);
  });
});
