import { describe, expect, it } from "vitest";
import { impactOf, levelOf } from "../src/check/risk-levels.ts";
import type { Risk } from "../src/parse/types.ts";
import { fixturePlan } from "./helpers/fixtures.ts";
import { check, lines, plan } from "./helpers/plans.ts";

/** The fields a reader compares; positions are checked where they matter. */
const brief = (r: Risk) => ({
  line: r.line,
  text: r.text,
  probability: r.probability,
  impact: r.impact,
  mitigation: r.mitigation,
  owner: r.owner,
});

const risk = (line: number, text: string, more: Partial<Omit<Risk, "line" | "text">> = {}) => ({
  line,
  text,
  probability: "",
  impact: "",
  mitigation: "",
  owner: "",
  ...more,
});

describe("risk tables", () => {
  const p = fixturePlan("risks-tables");

  it("reads Risk / Mitigation / Status tables, Likelihood columns and stated scales", () => {
    expect(p.risks.map(brief)).toEqual([
      risk(11, "CSV injection in cells", { mitigation: "Prefix formulas with a quote" }),
      risk(12, "Export times out on large shops", { mitigation: "Stream rows in pages" }),
      // `Likelihood (1-5)`, `Likelihood (1-3)`: each score keeps its column's scale.
      risk(18, "Storage quota exceeded", { probability: "2/5", impact: "High", owner: "@dana" }),
      risk(19, "Mail provider throttles links", {
        probability: "4/5",
        impact: "Medium",
        owner: "@lee",
      }),
      risk(25, "Clock skew breaks signed URLs", { probability: "2/3", impact: "低" }),
      risk(26, "Wrong encoding for Excel", { probability: "3/3", impact: "高（影响所有用户）" }),
    ]);
    expect(p.risks.map((r) => r.rated)).toEqual([false, false, true, true, true, true]);
  });

  it("places scores and 高/中/低 on the matrix, so risk-fields has nothing to say", () => {
    const levels = p.risks.map((r) => [levelOf(r.probability), impactOf(r.impact)]);
    expect(levels).toEqual([
      [null, null],
      [null, null],
      ["low", "high"],
      ["high", "medium"],
      ["medium", "low"],
      ["high", "high"],
    ]);
    const [checked] = check([p]);
    expect(checked!.findings.filter((f) => f.ruleId === "risk-fields")).toEqual([]);
  });
});

describe("risk level words", () => {
  it.each([
    ["高", "high"],
    ["中等", "medium"],
    ["低い", "low"],
    ["높음", "high"],
    ["보통", "medium"],
    ["Alta", "high"],
    ["média", "medium"],
    ["baja", "low"],
    ["hoch", "high"],
    ["mittel", "medium"],
    ["niedrig", "low"],
    ["élevé", "high"],
    ["Medium — only on retries", "medium"],
    ["High (SC-003) (checkout)", "high"],
    ["3/5", "medium"],
    ["2 of 3", "medium"],
    ["9/10", "high"],
  ])("%s → %s", (word, level) => {
    expect(levelOf(word)).toBe(level);
  });

  // What risk-fields documents as off the scale stays off it: a bare number or a share says no
  // scale, and a likelihood word is not a level.
  it.each(["Likely", "30%", "4", "Medium-High", "6/5", "soon", ""])("%j is not a level", (word) => {
    expect(levelOf(word)).toBeNull();
  });

  it("reads critical in other languages as impact only", () => {
    expect(impactOf("Kritisch")).toBe("critical");
    expect(impactOf("严重")).toBe("critical");
    expect(levelOf("严重")).toBeNull();
    expect(impactOf("Severe")).toBeNull();
  });
});

describe("translated risk headings", () => {
  const p = fixturePlan("risks-translated");

  it("reads risks under Spanish, Chinese, Japanese, Korean, Portuguese and German headings", () => {
    expect(p.risks.map(brief)).toEqual([
      risk(7, "El proveedor cambia la API", { mitigation: "Versionar el cliente" }),
      risk(13, "第三方接口限流", { probability: "中", impact: "高", mitigation: "增加重试与退避" }),
      // One heading per risk: its impact and the list under its empty 対策 label.
      risk(17, "外部APIの仕様変更", { impact: "高", mitigation: "バージョン固定; 契約テスト" }),
      risk(26, "데이터 유실", { mitigation: "백업 후 실행" }),
      risk(33, "Fila crescer sem limite", { mitigation: "Limitar o tamanho" }),
      risk(39, "Anbieter fällt aus", {
        probability: "mittel",
        impact: "hoch",
        mitigation: "Zweiten Anbieter vorsehen",
      }),
    ]);
    expect(p.risks.map((r) => [levelOf(r.probability), impactOf(r.impact)])).toEqual([
      [null, null],
      ["medium", "high"],
      [null, "high"],
      [null, null],
      [null, null],
      ["medium", "high"],
    ]);
  });

  it("points the heading-per-risk at its heading", () => {
    expect(p.risks[2]).toMatchObject({ line: 17, column: 5 });
  });
});

describe("risk lists", () => {
  const p = fixturePlan("risks-lists");

  it("reads bullets of a Risk Assessment section and of a level heading, not its sub-sections", () => {
    expect(p.risks.map(brief)).toEqual([
      risk(5, "Conflicting edits on two devices", { mitigation: "last-writer-wins per field" }),
      risk(6, "Battery drain", { probability: "Medium", impact: "Low", owner: "@mobile-team" }),
      // `### High Risk Items`: the heading gives the level.
      risk(13, "Data loss on schema upgrade", {
        impact: "High",
        mitigation: "back up the store before migrating",
      }),
      risk(15, "Clock skew between devices", { impact: "High" }),
    ]);
  });

  it("rates a bullet only when it states a likelihood, with the columns of its values", () => {
    expect(p.risks.map((r) => r.rated)).toEqual([false, true, false, false]);
    expect(p.risks[1]).toMatchObject({ column: 3, probabilityColumn: 21, impactColumn: 17 });
  });

  it("takes only the bullets that say they are risks, when some do", () => {
    const q = plan({
      folder: "001-complexity",
      text: lines(
        "# Implementation Plan: Complexity",
        "",
        "## Risk & Complexity",
        "",
        "- **Estimated complexity**: Medium",
        "- **Key risks**: the sync daemon may drop events",
        "- **New dependencies**: None",
      ),
    });
    expect(q.risks.map(brief)).toEqual([risk(6, "the sync daemon may drop events")]);
  });

  it("keeps bullets below a label that names something else out of the risks", () => {
    const q = plan({
      folder: "001-notes",
      text: lines(
        "# Implementation Plan: Notes",
        "",
        "## Risks",
        "",
        "- Sync daemon may drop events",
        "",
        "**Lessons learned**:",
        "",
        "- Mocks hid the real failure",
      ),
    });
    expect(q.risks.map(brief)).toEqual([risk(5, "Sync daemon may drop events")]);
  });

  it("leaves a risk table's notes to the table", () => {
    const q = plan({
      folder: "001-table",
      text: lines(
        "# Implementation Plan: Table",
        "",
        "## Risk Assessment",
        "",
        "| Risk | Impact | Mitigation |",
        "|---|---|---|",
        "| Hooks loop | High | Test for update depth |",
        "",
        "- Extracting the header broke state sharing",
      ),
    });
    expect(q.risks.map((r) => r.text)).toEqual(["Hooks loop"]);
  });
});
