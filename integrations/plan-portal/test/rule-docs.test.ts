import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allRules, ruleDocPath } from "../src/check/rules/index.ts";
import { DOC_RULE } from "../src/directives/check-docs.ts";

/**
 * Each rule's doc page (docs/rules/<id>.md) is tied to the registry: the page opens with `# <id>`,
 * then one paragraph that is the rule's `description` (inline code ticks aside, lines joined), then
 * the table whose first row gives the rule's default severity and scope. `doc-directive` (the docs
 * check, outside the plan rule registry) has a page too.
 */
const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Page {
  heading: string;
  lead: string;
  severity: string;
  scope: string;
}

function readPage(id: string): Page {
  const lines = readFileSync(path.join(PACKAGE, ruleDocPath(id)), "utf8").split("\n");
  const blank = lines.indexOf("", 2);
  const lead = lines.slice(2, blank).join(" ").replaceAll("`", "");
  const row = lines.slice(blank).find((l) => /^\| `/.test(l)) ?? "";
  const [severity = "", scope = ""] = row
    .split("|")
    .slice(1)
    .map((cell) => cell.trim().replaceAll("`", ""));
  return { heading: lines[0] ?? "", lead, severity, scope: scope.split(" ")[0] ?? "" };
}

describe("rule docs", () => {
  it("put each rule's page at docs/rules/<id>.md", () => {
    expect(ruleDocPath("placeholder")).toBe("docs/rules/placeholder.md");
    const missing = allRules.filter((r) => !existsSync(path.join(PACKAGE, ruleDocPath(r.id))));
    expect(missing.map((r) => r.id)).toEqual([]);
  });

  it.each(allRules.map((r) => [r.id, r] as const))(
    "%s: the page opens with the rule's description, severity and scope",
    (id, rule) => {
      const page = readPage(id);
      expect(page.heading).toBe(`# ${id}`);
      expect(page.lead).toBe(rule.description);
      expect(page.severity).toBe(rule.severity);
      expect(page.scope).toBe(rule.scope ?? "plan");
    },
  );

  it("have no page without a rule", () => {
    const ids = new Set([...allRules.map((r) => r.id), DOC_RULE.id]);
    const pages = readdirSync(path.join(PACKAGE, "docs", "rules"))
      .filter((f) => f.endsWith(".md") && f !== "README.md")
      .map((f) => f.slice(0, -".md".length));
    expect(pages.filter((p) => !ids.has(p))).toEqual([]);
  });
});
