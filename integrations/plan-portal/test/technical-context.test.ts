import { describe, expect, it } from "vitest";
import { valueState } from "../src/parse/technical-context.ts";
import type { TechnicalContextField } from "../src/parse/types.ts";
import { fixturePlan } from "./helpers/fixtures.ts";
import { check } from "./helpers/plans.ts";

const values = (fields: TechnicalContextField[]) =>
  Object.fromEntries(fields.map((f) => [f.key, f.value]));

describe("Technical Context fields followed by bullets", () => {
  const p = fixturePlan("technical-context");

  it("gives each field its own bullets and nothing of the next field", () => {
    expect(values(p.technicalContext)).toEqual({
      // `**Framework**: Fastify 5` is a field of its own (not one of ours), not more languages.
      language: "TypeScript 5.6 (API); Go 1.23 (workers)",
      dependencies: "Zod 3; pino 9",
      // `- Database: …` under Storage is part of its value, not a field of its own.
      storage: "Database: PostgreSQL 16; Cache: Redis 7",
      testing: "Vitest, Playwright",
      platform: "Linux containers",
      projectType: "web",
      performance: "p95 search < 200 ms; 50 queries/s per node",
      constraints: "no new infrastructure",
      scale: "2 million documents",
    });
    expect(p.technicalContext.map((f) => [f.key, f.line])).toEqual([
      ["language", 5],
      ["dependencies", 11],
      ["storage", 14],
      ["testing", 17],
      ["platform", 18],
      ["projectType", 19],
      ["performance", 20],
      ["constraints", 23],
      ["scale", 25],
    ]);
  });

  it("keeps a value beside its NEEDS CLARIFICATION marker and records the marker", () => {
    const testing = p.technicalContext.find((f) => f.key === "testing")!;
    expect(testing).toMatchObject({
      state: "filled",
      value: "Vitest, Playwright",
      clarification: ["[NEEDS CLARIFICATION: which browsers in CI?]"],
    });
    // The marker is still a marker of the plan.
    expect(p.needsClarification.map((m) => m.line)).toEqual([17]);
  });

  it("leaves the technical-context rule nothing to report", () => {
    const [checked] = check([p]);
    expect(checked!.findings.filter((f) => f.ruleId === "technical-context")).toEqual([]);
  });

  it.each([
    ["[NEEDS CLARIFICATION: Python or Go?]", "needs-clarification"],
    ["NEEDS CLARIFICATION", "needs-clarification"],
    ["PostgreSQL (NEEDS CLARIFICATION: version)", "filled"],
    ["[e.g., Python 3.11] [NEEDS CLARIFICATION]", "placeholder"],
    ["", "empty"],
  ])("%j is %s", (raw, state) => {
    expect(valueState(raw)).toBe(state);
  });
});

describe("Technical Context split per tier", () => {
  const p = fixturePlan("technical-context-tiers");

  it("keeps every tier's value, qualified by the tier", () => {
    expect(values(p.technicalContext)).toEqual({
      language: "Backend: Python 3.12; Frontend: TypeScript 5.6",
      dependencies: "Backend: FastAPI, SQLAlchemy; Frontend: React 19",
      storage: "Backend: PostgreSQL 16",
      testing: "Backend: pytest; Frontend: Vitest",
      // After the tiers' lists, a paragraph field belongs to the whole plan.
      platform: "Linux server, evergreen browsers",
      projectType: "web",
      performance: "p95 < 300 ms",
      constraints: "GDPR",
      scale: "5k bookings/day",
    });
  });

  it("lists the tiers with their positions", () => {
    const language = p.technicalContext.find((f) => f.key === "language")!;
    expect(language.tiers).toEqual([
      { tier: "Backend", value: "Python 3.12", line: 6, column: 25 },
      { tier: "Frontend", value: "TypeScript 5.6", line: 12, column: 25 },
    ]);
    expect(p.technicalContext.find((f) => f.key === "platform")!.tiers).toBeUndefined();
  });
});
