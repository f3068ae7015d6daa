import { describe, expect, it } from "vitest";
import {
  headingMatching,
  headingSlug,
  leadingWords,
  siblingHref,
  textDirective,
} from "../src/render/feature-links.ts";

/** Links from the traceability matrix into spec.md and tasks.md pages; expected URLs by hand. */

const settings = { routeBase: "/plans", trailingSlash: "ignore", format: "directory" } as const;
const headings = [
  { depth: 2, slug: "requirements-mandatory", text: "Requirements (mandatory)" },
  { depth: 3, slug: "functional-requirements", text: "Functional Requirements" },
  { depth: 2, slug: "success-criteria", text: "Success Criteria" },
  { depth: 2, slug: "phase-2-user-story-1", text: "Phase 2:  User Story 1" },
];

describe("feature links", () => {
  it("encodes the text directive's own syntax characters", () => {
    expect(textDirective("FR-001, a & b")).toBe("FR%2D001%2C%20a%20%26%20b");
  });

  it("lands on the heading and, where browsers support it, on the text", () => {
    expect(siblingHref(settings, "001-x", "tasks", "phase-2-user-story-1", "T012")).toBe(
      "/plans/001-x/tasks/#phase-2-user-story-1:~:text=T012",
    );
    expect(siblingHref(settings, "001-x", "spec", "", "FR-001")).toBe(
      "/plans/001-x/spec/#:~:text=FR%2D001",
    );
    expect(siblingHref(settings, "001-x", "spec", "session-2026-11-02")).toBe(
      "/plans/001-x/spec/#session-2026-11-02",
    );
  });

  it("finds headings by text, whitespace and case aside, or by the first pattern that hits", () => {
    expect(headingSlug(headings, "phase 2: user story 1")).toBe("phase-2-user-story-1");
    expect(headingSlug(headings, null)).toBe("");
    expect(headingMatching(headings, /functional requirement/i, /requirement/i)).toBe(
      "functional-requirements",
    );
    expect(headingMatching(headings, /key entities/i, /requirement/i)).toBe(
      "requirements-mandatory",
    );
    expect(headingMatching(headings, /clarification/i)).toBe("");
    expect(leadingWords("Does  it apply to every table or only orders?", 4)).toBe(
      "Does it apply to",
    );
  });
});
