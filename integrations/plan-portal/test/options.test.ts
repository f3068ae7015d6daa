import { describe, expect, it } from "vitest";
import planPortal from "../src/index.ts";

function errorOf(options: unknown): { message: string; hint: string } {
  try {
    planPortal(options as never);
  } catch (error) {
    return { message: (error as Error).message, hint: (error as { hint: string }).hint };
  }
  throw new Error("expected planPortal() to throw");
}

describe("planPortal() options", () => {
  it("accepts no options", () => {
    expect(planPortal().name).toBe("plan-portal");
  });

  it("reports every invalid option at once, with a hint", () => {
    expect(
      errorOf({
        specsDir: 3,
        base: "plans",
        failOn: "always",
        rules: { "missing-spec": "loud" },
        colour: "red",
      }),
    ).toMatchInlineSnapshot(`
      {
        "hint": "The options are listed under Options in node_modules/plan-portal/README.md (the package README, also on npm).",
        "message": "planPortal() in astro.config got options it cannot use:
        - specsDir: must be a folder path, or a list of folder paths, relative to the project root
        - base: must start with / and use only letters, digits, -, _ and /
        - rules.missing-spec: Invalid option: expected one of "off"|"info"|"warning"|"error"
        - failOn: Invalid option: expected one of "error"|"warning"|"never"
        - (options): unknown option "colour"",
      }
    `);
  });

  it("suggests the rule a typo meant", () => {
    expect(errorOf({ rules: { "mising-spec": "off" } }).message).toContain(
      'rules.mising-spec: unknown rule "mising-spec" (did you mean "missing-spec"?)',
    );
  });

  it("words a wrong source as the config file does: the key and what to write instead", () => {
    const { message, hint } = errorOf({
      sources: [
        { name: "shop", url: "https://example.com/shop.git" },
        { name: "billing", git: "../billing", ref: "-x" },
      ],
    });
    expect(message).toBe(
      "planPortal() in astro.config got options it cannot use:\n" +
        '  - sources.0: unknown key "url" (write "git" instead)\n' +
        '  - sources.0: needs "path" (a local folder) or "git" (a repository URL or path)\n' +
        '  - sources.1.ref: must be a branch, tag or commit name, which never starts with "-", e.g. "main"',
    );
    expect(hint).toMatch(/^Each source is \{ "name", "path" \} for a local folder/);
  });

  it("checks today and editUrl", () => {
    const { message } = errorOf({ today: "25/11/2026", editUrl: "ftp://example.com" });
    expect(message).toContain("today: must be a date written YYYY-MM-DD");
    expect(message).toContain("editUrl:");
  });
});
