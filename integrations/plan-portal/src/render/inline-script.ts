/**
 * The browser scripts of the portal live in ./client/ as JavaScript files that tsc type-checks
 * (`// @ts-check` with JSDoc types); components import their text (Vite's `?raw`) and inline it,
 * so plan pages ship no script file and the CSP pass (security/csp.ts) hashes what it finds.
 *
 * Inlined, a script loses what only its readers need: whole-line comments (JSDoc types among them),
 * indentation and blank lines. Lines are never joined, so automatic semicolon insertion reads the
 * script as before; removing text at the start of a line is safe because no string or template
 * literal in the client scripts spans lines (test/client-scripts.test.ts checks both, and that the
 * result parses). Comments after code on a line stay.
 */
export function inlineScript(source: string): string {
  const out: string[] = [];
  let inComment = false;
  for (const raw of source.split("\n")) {
    let line = raw.trim();
    if (inComment) {
      const end = line.indexOf("*/");
      if (end < 0) continue;
      inComment = false;
      line = line.slice(end + 2).trim();
    } else if (line.startsWith("/*")) {
      const end = line.indexOf("*/", 2);
      if (end < 0) {
        inComment = true;
        continue;
      }
      line = line.slice(end + 2).trim();
    }
    if (line === "" || line.startsWith("//")) continue;
    out.push(line);
  }
  return out.join("\n");
}
