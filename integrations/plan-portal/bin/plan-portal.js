#!/usr/bin/env node
// Runs the TypeScript sources directly: Node >= 22.18 strips types natively. The repository's npm
// scripts and `npx` put the `node` devDependency (v22) first on PATH.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `plan-portal: needs Node.js >= 22.18 (this is ${process.version}).\n  Hint: run it through npx or an npm script in this repository, which bring their own Node, or install Node 22.\n`,
  );
  process.exit(2);
}
const { main } = await import("../src/cli/main.ts");
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Exit once stdout and stderr are flushed (a large JSON report on a pipe is written
// asynchronously): after a failed build, the Chromium drawing diagrams (closed only when a build
// finishes) would otherwise keep the process alive. Playwright kills it on exit.
let open = 2;
const flushed = () => {
  if (--open === 0) process.exit(code);
};
process.stdout.write("", flushed);
process.stderr.write("", flushed);
