import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { htmlFiles } from "../util/html-files.ts";

/**
 * A Content-Security-Policy for a built page: scripts only from the site itself or the page's own
 * inline scripts (by hash), Pagefind's WebAssembly, no frames, objects or foreign forms. Styles may
 * be inline (Shiki and mermaid write style attributes); images may come from https.
 */
export function policyFor(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${[...new Set(hashes)].join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** Add the policy to every portal page after the build (hashes need the final inline scripts). */
export function addContentSecurityPolicy(portalDir: string): number {
  let count = 0;
  for (const file of htmlFiles(portalDir)) {
    const html = readFileSync(file, "utf8");
    if (
      !html.includes('name="generator" content="plan-portal"') ||
      html.includes('http-equiv="Content-Security-Policy"')
    )
      continue;
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(html)}">`;
    writeFileSync(file, html.replace(/<head>/, `<head>${meta}`));
    count++;
  }
  return count;
}
