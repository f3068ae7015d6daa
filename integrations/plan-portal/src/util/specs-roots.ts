import path from "node:path";

/** The `specsDir` option (one folder or several, relative to the project root) as absolute paths. */
export function specsRoots(specsDir: string | readonly string[], root: string): string[] {
  return (typeof specsDir === "string" ? [specsDir] : specsDir).map((d) => path.resolve(root, d));
}
