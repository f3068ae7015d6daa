import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.ts";
import { DirectiveError, type DirectiveCall } from "../src/directives/spec.ts";
import { validateCall } from "../src/directives/validate.ts";
import * as catalogue from "../src/errors.ts";
import { catalogError, PlanPortalError, UnknownRule, type ErrorData } from "../src/errors.ts";
import { astroError, parseUserOptions } from "../src/options-errors.ts";

/** Every entry of the catalogue (its exports that look like one). */
const entries: [string, ErrorData][] = Object.entries(catalogue as Record<string, unknown>).filter(
  (e): e is [string, ErrorData] => typeof e[1] === "object" && e[1] !== null && "title" in e[1],
);

describe("the error catalogue", () => {
  it("names each entry once, after its export, with a one-sentence title", () => {
    expect(entries.length).toBeGreaterThan(20);
    const names = entries.map(([, e]) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [exported, entry] of entries) {
      expect(entry.name).toMatch(/^PlanPortal[A-Z]\w+$/);
      // The export is the name without the prefix, except for the integration's older entries.
      if (entry.kind === "usage" || entry.kind === "directive")
        expect(entry.name).toBe(`PlanPortal${exported}`);
      expect(entry.title).toMatch(/\S\.$/);
    }
  });

  it("throws an entry with its name, code, title, kind and hint", () => {
    const error = catalogError(UnknownRule, "placeholdr", "placeholder", ["placeholder", "x"]);
    expect(error).toBeInstanceOf(PlanPortalError);
    expect({ ...error, message: error.message }).toEqual({
      name: "PlanPortalUnknownRule",
      code: "PlanPortalUnknownRule",
      title: "Unknown rule id.",
      kind: "usage",
      message: 'Unknown rule "placeholdr". Did you mean "placeholder"?',
      hint: "Rules: placeholder, x.",
    });
  });

  it("gives the integration's AstroErrors the entry's name, title and code", () => {
    let thrown: unknown;
    try {
      parseUserOptions({ base: "plans" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      name: "PlanPortalInvalidOptions",
      code: "PlanPortalInvalidOptions",
      title: "Invalid plan-portal options.",
      hint: catalogue.InvalidOptions.hint,
    });
    expect(astroError(catalogue.SpecsDirMissing, "specs", "/x/specs").message).toBe(
      'planPortal({ specsDir }) names "specs", but /x/specs does not exist.',
    );
  });

  it("makes directive errors catalogue errors, with the doc's location in front", () => {
    const call: DirectiveCall = {
      name: "plan-card",
      kind: "leaf",
      label: null,
      attributes: { id: "001-a", colour: "red" },
      file: "src/pages/guide.md",
      line: 4,
      column: 1,
    };
    let thrown: unknown;
    try {
      validateCall(call);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DirectiveError);
    expect(thrown).toBeInstanceOf(PlanPortalError);
    expect(thrown).toMatchObject({
      code: "PlanPortalDirectiveUnknownAttribute",
      kind: "directive",
      message: expect.stringMatching(
        /^src\/pages\/guide\.md:4:1 {2}::plan-card: unknown attribute "colour"\./,
      ),
      loc: { file: "src/pages/guide.md", line: 4, column: 1 },
    });
  });
});

describe("the CLI's exit codes come from the entry's kind", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
    let stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    const code = await main(argv);
    return { code, stderr };
  }

  it("exits 2 on a usage error, with its message and hint", async () => {
    expect(await run(["frobnicate"])).toEqual({
      code: 2,
      stderr:
        'plan-portal: Unknown command "frobnicate".\n  Hint: Run plan-portal --help for the commands.\n',
    });
  });

  it("exits 2 on options node's parser rejects, with the catalogue's hint", async () => {
    const { code, stderr } = await run(["check", "--bogus"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^plan-portal: Unknown option '--bogus'/);
    expect(stderr).toContain("\n  Hint: Run plan-portal <command> --help for the options.\n");
  });
});
