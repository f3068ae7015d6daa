import { describe, expect, it } from "vitest";
import { plan } from "./helpers/plans.ts";

// Lines that made two of the parser's regular expressions backtrack exponentially: each took
// seconds (and doubled with every few characters) before their patterns were made unambiguous.
describe("pathological lines parse in linear time", () => {
  const timed = (text: string) => {
    const start = performance.now();
    const parsed = plan({ folder: "001-slow", text });
    return { parsed, ms: performance.now() - start };
  };

  it("a long bracket of tags separated by runs of spaces", () => {
    const bracket = `[${Array.from({ length: 40 }, () => "P1").join("   ")} x]`;
    const { parsed } = timed(`# Implementation Plan: Slow\n\n## Summary\n\nSee ${bracket}.\n`);
    expect(parsed.title).toBe("Slow");
  });

  it("a NEEDS CLARIFICATION marker followed by a long run of dashes", () => {
    const line = `**Storage**: [NEEDS CLARIFICATION: which store?] ${"-".repeat(60)}x`;
    const { parsed } = timed(
      `# Implementation Plan: Slow\n\n## Technical Context\n\n${line}\n${"=".repeat(60)}x\n`,
    );
    expect(parsed.needsClarification.map((m) => m.line)).toEqual([5]);
  });
});
