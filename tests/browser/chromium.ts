import { chromium, type Browser } from "playwright-core";
import {
  CHROMIUM_ARGS,
  findChromium,
} from "../../integrations/plan-portal/src/diagrams/render-svg.ts";

/** Debian's Chromium (installed by .ci/run), or CHROMIUM_PATH: the same lookup the build uses. */
export function chromiumPath(): string | null {
  return findChromium();
}

export async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error("No Chromium found: apt-get install -y chromium, or set CHROMIUM_PATH.");
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The Chromium for a group of tests, or null to skip them with a loud message; in CI a missing
 * browser fails instead (.ci/run installs it).
 */
export function chromiumOrSkip(what: string): string | null {
  const found = chromiumPath();
  if (!found) {
    const message = `${what} SKIPPED: no Chromium found. Install it with \`apt-get install -y chromium\` (CI does) or set CHROMIUM_PATH.`;
    if (process.env["CI"]) throw new Error(message);
    console.warn(`\n!!! ${message}\n`);
  }
  return found;
}
