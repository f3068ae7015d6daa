import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plan } from "../../src/parse/types.ts";
import { plan } from "./plans.ts";

/** Hand-made plans under test/fixtures/parse/<name>/, parsed as the pipeline parses them. */
export const parseFixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "fixtures",
  "parse",
);

export function fixtureText(name: string, file = "plan.md"): string {
  return readFileSync(path.join(parseFixtures, name, file), "utf8");
}

/** The fixture's plan.md parsed, with its folder named after the fixture. */
export function fixturePlan(name: string): Plan {
  return plan({ folder: name, text: fixtureText(name) });
}
