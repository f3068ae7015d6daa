import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Plan folders (holding plan.md) below `dir`, for the benchmarks that replicate real plans. */
export function planFolders(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (existsSync(path.join(p, "plan.md"))) out.push(p);
    else planFolders(p, out);
  }
  return out;
}
