// Lints the packed tarball the way a registry user meets it: publint (package.json fields, files
// that exist) and Are the Types Wrong (types resolve for ESM consumers). The .astro component and
// the stylesheet are not JavaScript, so attw has nothing to say about them.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { packPackage } from "./pack.js";

const bin = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../node_modules/.bin",
);
const tarball = packPackage();
const run = (command, args) => execFileSync(path.join(bin, command), args, { stdio: "inherit" });
run("publint", ["run", "--strict", tarball]);
run("attw", [
  tarball,
  "--profile",
  "esm-only",
  "--exclude-entrypoints",
  "./DocLayout.astro",
  "./styles.css",
]);
