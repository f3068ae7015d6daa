// Packs the package as npm would publish it (from the dist/ that `npm run build` wrote) into
// .cache/pack/ at the workspace root and prints the tarball's path. Used by the package lint
// (publint, attw) and the packed-install tests, so all of them look at one tarball.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const destination = path.resolve(pkg, "..", "..", ".cache", "pack");

export function packPackage() {
  if (!existsSync(path.join(pkg, "dist", "index.js"))) {
    throw new Error(`${pkg}/dist is missing: run \`npm run build -w plan-portal\` first.`);
  }
  mkdirSync(destination, { recursive: true });
  const out = execFileSync(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", destination],
    { cwd: pkg, encoding: "utf8" },
  );
  const [{ filename }] = JSON.parse(out);
  return path.join(destination, filename);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(packPackage() + "\n");
}
