import { describe, expect, it } from "vitest";
import { planRules } from "../src/check/rules/index.ts";
import { check, lines, plan } from "./helpers/plans.ts";

/** Disable comments: what parse records, and what the settings change (fixtures can't set them). */

const D = "<!-- plan-portal-disable-next-line";

describe("disable comments", () => {
  it("are checked for use after every other plan rule has run", () => {
    expect(planRules.at(-1)!.id).toBe("unused-disable");
  });

  it("are recorded with the line they silence and where each rule id stands", () => {
    const p = plan({
      folder: "001-export",
      text: lines(
        "# Implementation Plan: Order export", // 1
        "",
        `${D} placeholder, broken-link -->`, //   3
        "",
        "Owner: [TEAM_NAME]", //                  5
        "<!--", //                                6
        "  plan-portal-disable-next-line -->", // 7
        "Reviewer: [REVIEWER_NAME]", //           8
      ),
    });
    expect(p.disables).toEqual([
      {
        line: 3,
        column: 1,
        target: 5,
        rules: [
          { id: "placeholder", line: 3, column: 36 },
          { id: "broken-link", line: 3, column: 49 },
        ],
      },
      { line: 6, column: 1, target: 8, rules: [] },
    ]);
  });

  it("naming a rule that is off are not reported as unused (the rule may be on elsewhere)", () => {
    const p = plan({
      folder: "001-export",
      text: lines("# Implementation Plan: Order export", "", `${D} placeholder -->`, "All set."),
    });
    const ids = (severities: Record<string, "off">) =>
      check([p], { severities })[0]!.findings.filter((f) => f.ruleId === "unused-disable");
    expect(ids({}).map((f) => [f.line, f.column])).toEqual([[3, 36]]);
    expect(ids({ placeholder: "off" })).toEqual([]);
  });

  it("with an unknown id say what to write instead", () => {
    const p = plan({
      folder: "001-export",
      text: lines("# Implementation Plan: Order export", "", `${D} placeholdr -->`, "All set."),
    });
    const [finding] = check([p])[0]!.findings.filter((f) => f.ruleId === "unknown-rule-in-disable");
    expect(finding).toMatchObject({
      line: 3,
      column: 36,
      endColumn: 46,
      message:
        'Unknown rule "placeholdr" in a disable comment: it silences nothing. Did you mean "placeholder"?',
      hint: "Write <!-- plan-portal-disable-next-line placeholder -->.",
    });
  });
});
