import { readFileSync } from "node:fs";
import { htmlFiles } from "../util/html-files.ts";
import { DIRECTIVES } from "./spec.ts";

const NAMES = Object.keys(DIRECTIVES)
  .sort((a, b) => b.length - a.length)
  .join("|");
/** `:plan[…]`, `::plan-card{…}` … as text: a directive no plugin turned into HTML. */
const LEFTOVER = new RegExp(`(?<![\\w:/])(:{1,3})(${NAMES})(\\[[^\\]\\n]*\\]|\\{[^}\\n]*\\})`);

export interface Leftover {
  file: string;
  text: string;
}

/**
 * Built pages (outside the portal) that still show one of our directives as text. That happens
 * when a page's markdown never went through the plugin, e.g. `mdx({ remarkPlugins })` replacing
 * the processor's plugin list.
 */
export function findLeftoverDirectives(outDir: string, portalDir: string): Leftover[] {
  const found: Leftover[] = [];
  for (const file of htmlFiles(outDir, (folder) => folder === portalDir)) {
    const html = readFileSync(file, "utf8")
      .replace(/<(code|pre)\b[\s\S]*?<\/\1>/g, "")
      .replace(/<[^>]+>/g, " ");
    const m = LEFTOVER.exec(html);
    if (m) found.push({ file, text: m[0] });
  }
  return found;
}
