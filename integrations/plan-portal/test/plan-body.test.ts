import { describe, expect, it } from "vitest";
import {
  technicalContextList,
  withoutHeaderFields,
  leadingTitleId,
  withoutLeadingTitle,
} from "../src/render/plan-body.ts";
import { markTaskItems } from "../src/render/task-phases.ts";

describe("the plan page's body", () => {
  it("drops the leading H1 only", () => {
    expect(withoutLeadingTitle('<h1 id="x">Plan: A</h1>\n<p>Text</p>')).toBe("<p>Text</p>");
    expect(withoutLeadingTitle("<p>Intro</p><h1>Later</h1>")).toBe("<p>Intro</p><h1>Later</h1>");
    expect(withoutLeadingTitle("<h1x>Not a heading</h1x>")).toBe("<h1x>Not a heading</h1x>");
  });

  it("hands the dropped title's id to the page heading, so links to it still land", () => {
    expect(leadingTitleId('<h1 id="implementation-plan-a">Plan: A</h1><p>Text</p>')).toBe(
      "implementation-plan-a",
    );
    expect(leadingTitleId("<h1>No id</h1>")).toBeNull();
    expect(leadingTitleId('<p>Intro</p><h1 id="later">Later</h1>')).toBeNull();
  });

  it("drops the header paragraph before the first section, nothing else", () => {
    const html =
      '<p><strong>Branch</strong>: <code>003-x</code> | <strong>Date</strong>: 2026-09-02 | <strong>Spec</strong>: <a href="/s/">spec.md</a>\n<strong>Input</strong>: Feature specification\n<strong>Status</strong>: Draft</p>\n' +
      "<p><strong>Note</strong>: keep me</p>\n<h2>Summary</h2><p><strong>Date</strong>: also kept</p>";
    expect(withoutHeaderFields(html)).toBe(
      "\n<p><strong>Note</strong>: keep me</p>\n<h2>Summary</h2><p><strong>Date</strong>: also kept</p>",
    );
  });

  it("turns Technical Context's field lines into a definition list, markup and other text kept", () => {
    const html =
      '<h2 id="technical-context">Technical Context</h2>\n<p>Intro.</p>\n' +
      "<p><strong>Language/Version</strong>: TypeScript 5.6\n<strong>Storage:</strong> <code>pg</code> [NEEDS CLARIFICATION: which]</p>\n" +
      "<ul><li><strong>Testing</strong>: Vitest</li><li><strong>Platform</strong>: ECS</li></ul>\n" +
      '<h2 id="next">Next</h2><p><strong>A</strong>: 1\n<strong>B</strong>: 2</p>';
    expect(technicalContextList(html, "technical-context")).toBe(
      '<h2 id="technical-context">Technical Context</h2>\n<p>Intro.</p>\n' +
        '<dl class="context-list"><dt>Language/Version</dt><dd>TypeScript 5.6</dd><dt>Storage</dt><dd class="needs-clarification"><code>pg</code> [NEEDS CLARIFICATION: which]</dd></dl>\n' +
        '<dl class="context-list"><dt>Testing</dt><dd>Vitest</dd><dt>Platform</dt><dd>ECS</dd></dl>\n' +
        '<h2 id="next">Next</h2><p><strong>A</strong>: 1\n<strong>B</strong>: 2</p>',
    );
  });

  it("leaves a paragraph with a line that is not a field alone", () => {
    const html =
      '<h2 id="technical-context">Technical Context</h2><p><strong>Language</strong>: Go\nplain words</p>';
    expect(technicalContextList(html, "technical-context")).toBe(html);
  });

  it("marks task items done or open from their checkbox", () => {
    expect(
      markTaskItems(
        '<li class="task-list-item"><input type="checkbox" disabled aria-label="Done" checked /> T1</li>' +
          '<li class="task-list-item"><input type="checkbox" disabled aria-label="Not done" /> T2</li>',
      ),
    ).toBe(
      '<li class="task-list-item task-done"><input type="checkbox" disabled aria-label="Done" checked /> T1</li>' +
        '<li class="task-list-item task-open"><input type="checkbox" disabled aria-label="Not done" /> T2</li>',
    );
  });
});
