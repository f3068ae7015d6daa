import { describe, expect, it } from "vitest";
import { planChange } from "../src/history/diff.ts";
import type { ChangelogEntry } from "../src/history/types.ts";
import { atomFeed } from "../src/render/feed.ts";
import { atomProblems, parseXml } from "./helpers/atom.ts";
import { plan } from "./helpers/plans.ts";

const settings = { routeBase: "/plans", trailingSlash: "ignore", format: "directory" } as const;

const after = plan({
  folder: "001-export",
  text: "# Export\n\n## Open Questions\n\n1. **Q1**: Is 1 < 2 & 3 > 2?\n    - **Owner**: A\n",
});
const change = planChange(null, after);

function entry(hash: string, date: string, subject: string, author = "Ana"): ChangelogEntry {
  return { hash, date, subject, author, change };
}

describe("the Atom feed of plan changes", () => {
  const xml = atomFeed({
    title: "Shop <portal>",
    settings,
    site: new URL("https://plans.example.com/"),
    today: "2026-03-21",
    plans: [
      {
        id: "001-export",
        title: 'Export "CSV" & <b>more</b>',
        changelog: [
          entry("b".repeat(40), "2026-02-01T12:00:00+02:00", "Answer \u0001 Q2 ]]>"),
          entry("a".repeat(40), "2026-01-10T12:00:00Z", "Add plan", "O'Brien <ob@x>"),
        ],
      },
      {
        id: "002-imports",
        title: "Imports",
        changelog: [entry("c".repeat(40), "2026-01-20T08:00:00Z", "Imports")],
      },
    ],
  });

  it("is well-formed Atom: namespace, and id, title and updated on the feed and every entry", () => {
    const feed = parseXml(xml);
    expect(atomProblems(feed)).toEqual([]);
    expect(feed.children.filter((c) => c.name === "entry")).toHaveLength(3);
  });

  it("lists changes newest first with absolute links, dates in UTC, text escaped and intact", () => {
    const feed = parseXml(xml);
    const entries = feed.children.filter((c) => c.name === "entry");
    const text = (node: (typeof entries)[number], name: string) =>
      node.children.find((c) => c.name === name)?.text;
    expect(entries.map((e) => text(e, "updated"))).toEqual([
      "2026-02-01T10:00:00Z",
      "2026-01-20T08:00:00Z",
      "2026-01-10T12:00:00Z",
    ]);
    expect(text(entries[0]!, "title")).toBe('Export "CSV" & <b>more</b>: Answer  Q2 ]]>');
    expect(text(entries[0]!, "id")).toBe(`urn:plan-portal:change:${"b".repeat(40)}:001-export`);
    expect(entries[0]!.children.find((c) => c.name === "link")!.attributes["href"]).toBe(
      "https://plans.example.com/plans/001-export/",
    );
    expect(text(entries[2]!, "summary")).toBe(
      "New plan\nQuestions opened: Q1: Is 1 < 2 & 3 > 2?\nSections added: Export; Open Questions",
    );
    expect(entries[2]!.children.find((c) => c.name === "author")!.children[0]!.text).toBe(
      "O'Brien <ob@x>",
    );
    expect(text(feed, "updated")).toBe("2026-02-01T10:00:00Z");
    expect(text(feed, "title")).toBe("Shop <portal>: plan changes");
    expect(xml).not.toContain("<b>");
  });

  it("without a site: a urn id, relative links, and today as updated when nothing changed", () => {
    const empty = parseXml(
      atomFeed({ title: "P", settings, site: undefined, today: "2026-03-21", plans: [] }),
    );
    expect(atomProblems(empty)).toEqual([]);
    expect(empty.children.find((c) => c.name === "id")!.text).toBe("urn:plan-portal:feed");
    expect(empty.children.find((c) => c.name === "updated")!.text).toBe("2026-03-21T00:00:00Z");
    expect(empty.children.find((c) => c.name === "link")!.attributes["href"]).toBe(
      "/plans/feed.xml",
    );
  });
});
