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
