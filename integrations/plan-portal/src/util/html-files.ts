import { readdirSync } from "node:fs";
import path from "node:path";

/** Absolute paths of the .html files below `dir`, not descending into folders `skip` rejects. */
export function htmlFiles(
  dir: string,
  skip: (folder: string) => boolean = () => false,
  out: string[] = [],
): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip(p)) htmlFiles(p, skip, out);
    } else if (entry.name.endsWith(".html")) out.push(p);
  }
  return out;
}
