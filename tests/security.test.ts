import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumOrSkip, launch } from "./browser/chromium.ts";
import { startPreview } from "./browser/preview.ts";
import { walk } from "./helpers/site.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, "..");
const bin = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
const specs = path.join(here, "fixtures", "payload-specs");
const work = mkdtempSync(path.join(tmpdir(), "plan-portal-payloads-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const browser = chromiumOrSkip("PAYLOAD BROWSER TESTS");

function build(mode: string): string {
  const dist = path.join(work, mode);
  const result = spawnSync(
    process.execPath,
    [bin, "build", specs, "--out", dist, "--diagrams", mode, "--today", "2026-11-25"],
    { cwd: work, encoding: "utf8" },
  );
  expect(result.status, result.stdout + result.stderr).toBe(0);
  return dist;
}

describe.each(["auto", "client"])("a plan full of payloads (diagrams: %s)", (mode) => {
  const dist = build(mode);
  const pages = walk(dist).filter((f) => f.endsWith(".html"));

  it("writes none of them into the HTML", () => {
    for (const page of pages) {
      const html = readFileSync(path.join(dist, page), "utf8");
      const markup = html.replace(/<script[\s\S]*?<\/script>/g, (s) =>
        s.includes("__pwned") ? s : "",
      );
      expect(markup, page).not.toMatch(/__pwned\s*=\s*["'][a-z-]+["']\s*(;|<\/script>)/);
      // Inside a tag (escaped text in code blocks may still read "onerror=").
      expect(markup, page).not.toMatch(
        /<[a-z][\w:-]*(?:\s+[\w:-]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s+on[a-z]+\s*=/i,
      );
      expect(markup, page).not.toMatch(/href="\s*(javascript|data):/i);
      expect(
        markup.replace(
          /<form (method="dialog" class="search-form"|class="filters" id="(?:plan|risk|row)-filters")/g,
          "",
        ),
        page,
      ).not.toMatch(/<(iframe|object|form|base|meta http-equiv="refresh")\b/i);
      expect(html, page).toContain('http-equiv="Content-Security-Policy"');
    }
  });

  it.skipIf(!browser)(
    "runs none of them in a real browser: no dialog, no foreign request, no DOM change",
    async () => {
      const preview = await startPreview(
        path.join(repo, "node_modules", ".cache", "plan-portal"),
        dist,
      );
      const chromium = await launch();
      try {
        for (const page of pages) {
          const url = `${preview.url}/${page.replace(/index\.html$/, "")}`;
          const tab = await chromium.newPage();
          const problems: string[] = [];
          tab.on("dialog", (d) => {
            problems.push(`dialog: ${d.message()}`);
            void d.dismiss();
          });
          tab.on("request", (r) => {
            if (!r.url().startsWith(preview.url) && !r.url().startsWith("data:"))
              problems.push(`request: ${r.url()}`);
          });
          tab.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
          tab.on("console", (m) => {
            // The payload's <img src="x"> stays (without its handler) and 404s: not a payload running.
            if (
              m.type() === "error" &&
              !/Content Security Policy|Failed to load resource/.test(m.text())
            )
              problems.push(`console: ${m.text()}`);
          });
          await tab.goto(url, { waitUntil: "networkidle" });
          await tab.waitForTimeout(
            mode === "client" && page.startsWith("01-payloads/index") ? 1500 : 50,
          );
          // Hover and toggle what a reader would touch.
          await tab.hover("body");
          const pwned = await tab.evaluate(
            () => (window as unknown as { __pwned?: string }).__pwned ?? null,
          );
          expect(pwned, `${page}: ${pwned}`).toBeNull();
          expect(await tab.evaluate(() => getComputedStyle(document.body).display), page).not.toBe(
            "none",
          );
          expect(problems, page).toEqual([]);
          await tab.close();
        }
      } finally {
        await chromium.close();
        preview.stop();
      }
    },
    180_000,
  );
});
