import { describe, expect, it } from "vitest";
import { check, lines, plan } from "./helpers/plans.ts";

/**
 * Shapes real plans use that the model must read as a careful reader does: questions under an
 * "undecided / carried over" heading, header fields in front matter, NEEDS CLARIFICATION markers
 * the plan records as decided. Every expected value is worked out by hand from the text.
 */

describe("questions in other shapes", () => {
  it.each([
    ["未確定・持ち越し"],
    ["Pendientes"],
    ["Offene Fragen"],
    ["Perguntas em aberto"],
    ["미해결 사항"],
    ["Open Items"],
    ["Open Questions & Decisions"],
    ["Questions ouvertes"],
  ])("reads the items under %s as open questions", (heading) => {
    const p = plan({
      folder: "001-export",
      text: lines(`# Implementation Plan: Export`, "", `## ${heading}`, "", "- Which carrier?"),
    });
    expect(p.sections[1]!.kind).toBe("open-questions");
    expect(p.questions).toEqual([
      expect.objectContaining({ id: "Q1", text: "Which carrier?", line: 5, resolved: false }),
    ]);
  });

  it("reads owner, deadline and impact written inline in other languages", () => {
    const p = plan({
      folder: "001-export",
      text: lines(
        "# 実装計画: 注文エクスポート", //                                                        1
        "",
        "## 未確定・持ち越し", //                                                                 3
        "",
        "- CSV の文字コード（担当: 佐藤、期限: 2026-12-01、影響: 経理の取り込み）", //            5
        "- ¿Qué proveedor? (Responsable: Ana, Fecha límite: 15 de diciembre de 2026)", //       6
        "- ~~Exportar reembolsos?~~ Sí, como filas negativas", //                               7
      ),
    });
    expect(
      p.questions.map(({ text, owner, deadline, impact, resolved }) => ({
        text,
        owner,
        deadline,
        impact,
        resolved,
      })),
    ).toEqual([
      {
        text: "CSV の文字コード",
        owner: "佐藤",
        deadline: "2026-12-01",
        impact: "経理の取り込み",
        resolved: false,
      },
      {
        text: "¿Qué proveedor?",
        owner: "Ana",
        deadline: "15 de diciembre de 2026",
        impact: "",
        resolved: false,
      },
      {
        text: "Exportar reembolsos? Sí, como filas negativas",
        owner: "",
        deadline: "",
        impact: "",
        resolved: true,
      },
    ]);
  });

  it("still treats a record of answers as no open questions", () => {
    const p = plan({
      folder: "001-export",
      text: lines(
        "# Plan: Export",
        "",
        "## Open Questions Resolved",
        "",
        "- Which carrier? Shippo",
      ),
    });
    expect(p.questions).toEqual([]);
  });
});

describe("front matter header fields", () => {
  const fm = plan({
    folder: "001-export",
    text: lines(
      "---", //                                  1
      "title: Order export", //                  2
      "status: In review", //                    3
      "created: 2026-03-05", //                  4
      "branch: 001-export", //                   5
      "related:", //                             6
      "  - spec.md", //                          7
      "  - ../002-import/plan.md", //            8
      "---", //                                  9
      "",
      "# Implementation Plan: Order export", // 11
      "",
      "## Summary",
    ),
  });

  it("gives the declared status, the date (YAML's timestamp as YYYY-MM-DD), the branch and the spec", () => {
    expect(fm.header.status).toMatchObject({ value: "In review", line: 3, column: 9 });
    expect(fm.header.date).toMatchObject({ value: "2026-03-05", line: 4, column: 10 });
    expect(fm.header.branch).toMatchObject({ value: "001-export", line: 5, column: 9 });
    expect(fm.header.spec).toMatchObject({ value: "spec.md", line: 7, column: 5 });
  });

  it("lets the plan's own header lines win over the front matter", () => {
    const p = plan({
      folder: "001-export",
      text: lines(
        "---",
        "status: Draft",
        "---",
        "",
        "# Implementation Plan: Order export",
        "",
        "**Status**: Approved", //                  7
      ),
    });
    expect(p.header.status).toMatchObject({ value: "Approved", line: 7 });
  });

  it("counts for header-metadata: nothing is reported missing", () => {
    const [c] = check([fm]);
    expect(c!.findings.filter((f) => f.ruleId === "header-metadata")).toEqual([]);
  });
});

describe("NEEDS CLARIFICATION markers the plan records as decided", () => {
  const p = plan({
    folder: "001-export",
    text: lines(
      "# Implementation Plan: Order export", //                                                 1
      "",
      "## Technical Context", //                                                                3
      "",
      "**Primary Dependencies**: Fastify 5, [NEEDS CLARIFICATION: which CSV library streams?]", // 5
      "**Storage**: NEEDS CLARIFICATION: archive bucket? → Resolved: S3 Glacier", //              6
      "**Constraints**: ~~NEEDS CLARIFICATION: exports during peaks?~~ off-peak only", //         7
      "**Testing**: [NEEDS CLARIFICATION: which browsers?]", //                                   8
      "**Scale/Scope**: NEEDS CLARIFICATION: how are disputes resolved?", //                     9
      "",
      "## Decisions", //                                                                         11
      "",
      "- Which CSV library streams? → fast-csv (2026-03-02)", //                                 13
      "- Which browsers? TBD", //                                                                14
    ),
  });

  it("keeps them in the model as resolved, with how and where the plan says so", () => {
    expect(
      p.resolvedClarifications.map((m) => [m.line, m.resolution.how, m.resolution.line]),
    ).toEqual([
      [5, "recorded", 13],
      [6, "annotated", 6],
      [7, "struck", 7],
    ]);
    expect(p.resolvedClarifications[0]!.resolution.text).toBe(
      "- Which CSV library streams? → fast-csv (2026-03-02)",
    );
  });

  it("leaves open a marker whose record has no answer, and a question that only uses the word", () => {
    expect(p.needsClarification.map((m) => m.line)).toEqual([8, 9]);
  });

  it("derives the status from the open markers only", () => {
    const decided = plan({
      folder: "002-export",
      text: lines(
        "# Implementation Plan: Order export",
        "",
        "**Storage**: ~~NEEDS CLARIFICATION: archive bucket?~~ S3 Glacier",
      ),
    });
    expect(check([decided])[0]!.status).not.toBe("needs-clarification");
    expect(check([p])[0]!.status).toBe("needs-clarification");
  });
});
