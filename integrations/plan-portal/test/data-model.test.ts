import { describe, expect, it } from "vitest";
import { parseDataModel } from "../src/parse/data-model.ts";
import { lines } from "./helpers/plans.ts";

/** data-model.md → entities where they are named; positions counted by hand. */

const TEXT = lines(
  "# Data Model: Order export", // 1  the document's title, not an entity
  "", // 2
  "## Entities", // 3
  "", // 4
  "### Order", // 5  under Entities
  "", // 6
  "- **id**: UUID", // 7  an attribute: under the entity's own heading
  "", // 8
  "### 2. Payout Batch (new)", // 9  numbered, Title Case, note dropped
  "", // 10
  "- **Refund**: money returned", // 11  not directly under Entities
  "", // 12
  "## Entity: Roaster Account", // 13  kind prefix
  "", // 14
  "## Validation Rules", // 15  generic
  "", // 16
  "### `AccountStatus` — one new value", // 17  a code span anywhere
  "", // 18
  "### ShellSession", // 19  CamelCase anywhere
  "", // 20
  "### Table: `order_lines`", // 21
  "", // 22
  "### Sale.total", // 23  a member
  "", // 24
  "### TwoModeLayout State", // 25  one generic word
  "", // 26
  "## Core Entities", // 27
  "", // 28
  "- **Courier**: who carries the parcel", // 29  bold item directly under an entities heading
  "  - **Nested**: not top level", // 30
  "", // 31
  "### order", // 32  a repeat (case-insensitive), kept once
  "", // 33
  "### Overview", // 34  generic
);

describe("parseDataModel", () => {
  it("finds entity headings and bold items in the shapes real data models use", () => {
    const model = parseDataModel(TEXT, "specs/001-export/data-model.md");
    expect(model.path).toBe("specs/001-export/data-model.md");
    expect(model.entities.map((e) => [e.name, e.line, e.column])).toEqual([
      ["Order", 5, 5],
      ["Payout Batch", 9, 8],
      ["Roaster Account", 13, 12],
      ["AccountStatus", 17, 6],
      ["ShellSession", 19, 5],
      ["order_lines", 21, 13],
      ["Courier", 29, 5],
    ]);
    expect(model.entities.find((e) => e.name === "Courier")!.description).toBe(
      "who carries the parcel",
    );
    expect(model.lineCount).toBe(34);
  });

  it("takes no member, generic or slash-joined heading for an entity, even under Entities", () => {
    const text = lines(
      "## Entities",
      "### Sale.total",
      "### PagedResult<T>",
      "### Cities/Countries",
      "### Relationships",
      "### Order",
    );
    expect(parseDataModel(text, "x.md").entities.map((e) => e.name)).toEqual(["Order"]);
  });

  it("never throws on random markdown-ish text, and every entity is on a line of the file", () => {
    let seed = 23;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const parts = [
      "#",
      "## ",
      "### ",
      "Entities",
      " ",
      "\n",
      "- ",
      "**",
      "`",
      "Order",
      "_x",
      "(",
      ")",
      ":",
      "—",
      "<T>",
      "1.",
      "é",
      "\r",
    ];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 200 }, () => parts[next() % parts.length]).join("");
      const model = parseDataModel(text, "d.md");
      for (const e of model.entities) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeLessThanOrEqual(model.lineCount);
        expect(e.column).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("never throws and finds nothing in text that is no data model", () => {
    for (const text of ["", "\u0000\u0001binary", "# Title only\n", "## \n### \n- **\n"]) {
      expect(parseDataModel(text, "x.md").entities).toEqual([]);
    }
  });
});
