#!/usr/bin/env node
// The published CLI: plain JavaScript compiled into dist/ (`npm run build` in this package).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `plan-portal: needs Node.js 22.12 or newer (this is ${process.version}).\n  Hint: install a current Node.js (https://nodejs.org/en/download), or run plan-portal through a version manager such as nvm or fnm.\n`,
  );
  process.exit(2);
}
const { main } = await import("../dist/cli/main.js");
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
