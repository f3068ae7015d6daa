/**
 * The URL of a module beside `from` (an `import.meta.url`), named without its extension: `.ts`
 * while running the sources (the workspace's tests and scripts), `.js` in the published package,
 * where tsc has emitted dist/ file for file. For paths tsc cannot rewrite: worker files, injected
 * route entrypoints.
 */
export function moduleUrl(relativeName: string, from: string): URL {
  const extension = new URL(from).pathname.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`${relativeName}${extension}`, from);
}
