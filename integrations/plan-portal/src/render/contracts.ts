import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { contractSlug } from "./links.ts";

/** Contract files larger than this are listed, not shown. */
const MAX_CONTRACT_BYTES = 256 * 1024;

/** contracts/ as one markdown document: a heading and a code block per file. */
export function contractsMarkdown(dir: string): string | null {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  try {
    walk(dir);
  } catch {
    return null;
  }
  if (!files.length) return null;
  const parts = ["# Contracts", ""];
  for (const file of files.sort()) {
    const rel = path.relative(dir, file).split(path.sep).join("/");
    parts.push(`<h2 id="${contractSlug(rel)}">${rel.replace(/[<>&"]/g, "")}</h2>`, "");
    const size = statSync(file).size;
    if (size > MAX_CONTRACT_BYTES) {
      parts.push(`*${(size / 1024).toFixed(0)} KB: too large to show here.*`, "");
      continue;
    }
    const text = readFileSync(file, "utf8");
    const lang = path.extname(file).slice(1).toLowerCase();
    if (lang === "md") parts.push(text, "");
    else {
      const fence = "`".repeat(
        Math.max(3, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length + 1)),
      );
      parts.push(
        fence + (/^(ya?ml|json|graphql|proto|ts|js|xml|sql)$/.test(lang) ? lang : "text"),
        text.replace(/\n$/, ""),
        fence,
        "",
      );
    }
  }
  return parts.join("\n");
}
