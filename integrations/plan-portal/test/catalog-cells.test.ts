import { describe, expect, it } from "vitest";
import { aggregate } from "../src/aggregate/index.ts";
import { checked, plan, TODAY } from "./helpers/plans.ts";

/** The catalog of one hand-made plan. */
function catalogOf(text: string) {
  return aggregate([checked(plan({ folder: "001-shop", text }), "draft")], TODAY);
}

const PLAN = `# Implementation Plan: Shop

## Technical Context

**Language/Version**: TypeScript 5.6
**Primary Dependencies**: Fastify, \`zod\` [NEEDS CLARIFICATION: which queue client?]
**Storage**: NEEDS CLARIFICATION: Postgres or SQLite
**Scale/Scope**: 40 shops; region: ~~NEEDS CLARIFICATION: EU or US?~~ EU, decided
**Testing**: [NEEDS CLARIFICATION: Vitest or Jest]
**Target Platform**: [e.g., Linux server, iOS 15+, WASM or NEEDS CLARIFICATION]
**Project Type**: NEEDS CLARIFICATION

## Error Handling

- \`CART_EMPTY\` (409) — the cart has no lines; \`error.lines[]\` lists \`sku\` and \`qty\`.
- \`CART_LOCKED\` — \`cart.locked\` is set
`;

describe("catalog cell text", () => {
  it("keeps the options a NEEDS CLARIFICATION marker lists, flagged as unresolved (not once struck)", () => {
    const [row] = catalogOf(PLAN).techStack.rows;
    expect(row!.values).toEqual({
      language: "TypeScript 5.6",
      dependencies: "Fastify, zod (which queue client?)",
      storage: "Postgres or SQLite",
      testing: "Vitest or Jest",
      platform: "",
      projectType: "",
      scale: "40 shops; region: EU, decided",
    });
    expect(row!.unresolved.sort()).toEqual(["dependencies", "projectType", "storage", "testing"]);
  });

  it("writes error-code meanings without stray backticks", () => {
    const codes = catalogOf(PLAN).errorCodes.map((e) => [e.key, e.items[0]!.description]);
    expect(codes).toEqual([
      ["CART_EMPTY", "the cart has no lines; error.lines[] lists sku and qty."],
      ["CART_LOCKED", "cart.locked is set"],
    ]);
  });
});
