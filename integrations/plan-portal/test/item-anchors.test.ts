import { describe, expect, it } from "vitest";
import type { Plan } from "../src/parse/types.ts";
import { anchorItems, itemHref } from "../src/render/item-anchors.ts";

/** The parts of a parsed plan anchorItems reads. */
const plan = (parts: Partial<Plan>): Plan =>
  ({ questions: [], needsClarification: [], resolvedClarifications: [], ...parts }) as Plan;
const question = (id: string, line: number, resolved = false) =>
  ({
    id,
    text: "",
    owner: "",
    deadline: "",
    impact: "",
    resolved,
    line,
    column: 1,
  }) as Plan["questions"][number];
const marker = (text: string, line: number) => ({ text, line, column: 1 });

// HTML as Sätteri renders a plan (a numbered list of questions, a table, a paragraph).
const HTML = [
  '<h3 id="open-questions">Open Questions</h3>',
  "<ol>",
  "<li><p><strong>Q1</strong>: Which carrier?</p><ul><li><strong>Owner</strong>: @tom</li></ul></li>",
  "<li><p><strong>Q2</strong> (Resolved): Done.</p></li>",
  "<li><p><strong>Q3</strong>: Q1 again in the text?</p></li>",
  "</ol>",
  "<table><tbody><tr><td>Q4</td><td>Rates per zone?</td></tr></tbody></table>",
  "<p>Storage: <em>NEEDS CLARIFICATION</em>: Redis or DynamoDB?</p>",
].join("\n");

describe("anchorItems", () => {
  it("puts an id on each open question's item and each marker's block, by plan.md line", () => {
    const { html, lines } = anchorItems(
      HTML,
      plan({
        questions: [
          question("Q1", 10),
          question("Q2", 14, true),
          question("Q3", 16),
          question("Q4", 20),
        ],
        needsClarification: [marker("NEEDS CLARIFICATION: Redis or DynamoDB?", 24)],
      }),
    );
    expect(lines).toEqual([10, 16, 20, 24]);
    expect(html).toContain('<li id="item-L10"><p><strong>Q1</strong>: Which carrier?');
    // A resolved question keeps no id; Q3 is its own item, not the first one mentioning "Q1".
    expect(html).toContain("<li><p><strong>Q2</strong> (Resolved)");
    expect(html).toContain('<li id="item-L16"><p><strong>Q3</strong>');
    expect(html).toContain('<tr id="item-L20"><td>Q4</td>');
    expect(html).toContain('<p id="item-L24">Storage: <em>NEEDS CLARIFICATION</em>');
  });

  it("leaves an item it cannot find, and an element that has an id, as they are", () => {
    const input = '<h3 id="x">Q</h3>\n<ul><li id="keep"><strong>Q1</strong>: Mine?</li></ul>';
    const { html, lines } = anchorItems(
      input,
      plan({
        questions: [question("Q1", 3), question("Q9", 7)],
        needsClarification: [marker("NEEDS CLARIFICATION: gone", 9)],
      }),
    );
    expect(html).toBe(input);
    expect(lines).toEqual([]);
  });
});

describe("itemHref", () => {
  const settings = { routeBase: "/plans", trailingSlash: "ignore", format: "directory" } as const;
  const portal = { settings, byId: new Map([["003-checkout", { itemLines: new Set([10]) }]]) };
  it("links an anchored item, else its section", () => {
    expect(itemHref(portal, "003-checkout", 10, "open-questions")).toBe(
      "/plans/003-checkout/#item-L10",
    );
    expect(itemHref(portal, "003-checkout", 11, "open-questions")).toBe(
      "/plans/003-checkout/#open-questions",
    );
  });
});
