import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  mapPosition,
  keptLines,
  stopMermaidWorker,
  validateDiagrams,
  withVerdicts,
} from "../src/diagrams/validate-mermaid.ts";
import { parsePlan } from "../src/parse/index.ts";
import type { Diagram, Plan } from "../src/parse/types.ts";

afterAll(() => stopMermaidWorker());

const template = readFileSync(
  path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    "..",
    "templates",
    "speckitadv-plan-template.md",
  ),
  "utf8",
);

function diagramsOf(text: string): Diagram[] {
  const siblings = {
    spec: true,
    tasks: false,
    research: false,
    dataModel: false,
    quickstart: false,
    contracts: false,
  };
  return parsePlan(
    {
      id: "x",
      folder: "x",
      number: null,
      path: "x/plan.md",
      group: "",
      text,
      problems: [],
      siblings,
      tasksText: null,
    },
    { templatePhrases: new Set() },
  ).diagrams;
}

describe("mermaid validation with mermaid's own parser", () => {
  it("accepts every diagram kind the template uses (component graph with classDefs, erDiagram, data flow)", async () => {
    const diagrams = diagramsOf(template);
    expect(diagrams.map((d) => d.kind)).toEqual(["graph", "erDiagram", "graph"]);
    const { verdicts } = await validateDiagrams(diagrams);
    expect(verdicts).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
  });

  it("maps an error to the line and column inside plan.md, past init directives and comments", async () => {
    const plan = [
      "# Plan",
      "",
      "## Architecture",
      "",
      "```mermaid",
      '%%{init: {"theme": "dark"}}%%',
      "graph TB",
      "  %% a comment",
      "  A --> B",
      "  B -->> C",
      "```",
      "",
    ].join("\n");
    const [d] = diagramsOf(plan);
    const [validation] = (await validateDiagrams([d!])).verdicts;
    expect(validation).toMatchObject({ ok: false, line: 5, column: 8 });
    // plan.md line = the source's first line (6) + line inside the source - 1.
    expect(d!.sourceLine + (validation as { line: number }).line - 1).toBe(10);
    expect((validation as { message: string }).message).toMatch(/^unexpected ">"/);
  });

  it("reports each broken kind: erDiagram body, sequence diagram, unknown type", async () => {
    const diagrams = [
      { source: "erDiagram\n  ORDER ||--o{ LINE : has\n  ORDER {\n    uuid id PK\n" },
      { source: "sequenceDiagram\n  A->>B: hi\n  B-->>: missing target" },
      { source: "grpah TB\n  A --> B" },
      { source: "graph LR\n  A --> B" },
    ] as Diagram[];
    const { verdicts } = await validateDiagrams(diagrams);
    expect(verdicts.map((v) => v?.ok)).toEqual([false, false, false, true]);
    expect(verdicts[0]).toMatchObject({
      line: 4,
      message: expect.stringContaining("ends too early"),
    });
    expect(verdicts[1]).toMatchObject({ line: 3 });
  });

  it("keeps each verdict with its diagram when many are split over several workers", async () => {
    // Unique per run, so none comes from the disk cache; every seventh one is broken.
    const run = `${process.pid}x${Date.now()}`;
    const diagrams = Array.from({ length: 150 }, (_, i) => ({
      source: i % 7 === 3 ? `grpah TB\n  N${i}_${run} --> B` : `graph TB\n  N${i}_${run} --> B`,
    })) as Diagram[];
    const result = await validateDiagrams(diagrams);
    expect(result.run).toEqual({ validated: 150, cached: 0 });
    const { verdicts } = result;
    expect(verdicts.map((v) => v?.ok)).toEqual(diagrams.map((_, i) => i % 7 !== 3));
  });

  it("serves repeated diagrams from the cache", async () => {
    const d = [{ source: "graph TB\n  Cached --> Again" }] as Diagram[];
    await validateDiagrams(d);
    const second = await validateDiagrams([{ source: "graph TB\n  Cached --> Again" } as Diagram]);
    expect(second.run).toEqual({ validated: 0, cached: 1 });
  });

  it("leaves the parsed diagrams as they are and returns validated plans as new values", async () => {
    const diagrams = diagramsOf("# P\n\n```mermaid\ngrpah TB\n  A --> B\n```\n");
    const plan = { diagrams } as Plan;
    const { verdicts } = await validateDiagrams(diagrams);
    const [next] = withVerdicts([plan], verdicts);
    expect(diagrams[0]!.validation).toBeUndefined();
    expect(next).not.toBe(plan);
    expect(next!.diagrams[0]!.validation).toMatchObject({ ok: false });
  });
});

describe("line mapping helpers", () => {
  it("keeps the lines mermaid parses", () => {
    expect(keptLines("---\ntitle: x\n---\n\ngraph TB\n  %% c\n  A --> B")).toEqual([4, 6]);
  });

  it("points at the end of the last line when the diagram ends too early", () => {
    expect(mapPosition("graph TB\n  A --> B[x", 3, 0)).toEqual({ line: 2, column: 12 });
  });
});
