import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumOrSkip, launch } from "./browser/chromium.ts";
import { startPreview } from "./browser/preview.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, "..");
const bin = path.join(repo, "integrations", "plan-portal", "bin", "plan-portal.js");
const specs = path.join(here, "fixtures", "diagram-specs");
const work = mkdtempSync(path.join(tmpdir(), "plan-portal-diagrams-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const browser = chromiumOrSkip("BUILD-TIME SVG TESTS");

function build(name: string, mode: string): { dist: string; log: string } {
  const dist = path.join(work, name);
  const result = spawnSync(
    process.execPath,
    [bin, "build", specs, "--out", dist, "--diagrams", mode, "--today", "2026-11-25"],
    { cwd: work, encoding: "utf8" },
  );
  const log = result.stdout + result.stderr;
  expect(result.status, log).toBe(0);
  return { dist, log };
}
const page = (dist: string, id: string) => readFileSync(path.join(dist, id, "index.html"), "utf8");

describe.skipIf(!browser)("diagrams rendered to SVG at build", () => {
  it("inlines one SVG per diagram with a title and description, loads no mermaid script, and re-renders nothing unchanged", () => {
    const first = build("svg-1", "auto");
    expect(first.log).toMatch(/diagrams: 3 in plans, SVG at build \(\d+ drawn, \d+ from cache\)/);
    const html = page(first.dist, "01-with-diagrams");
    expect(html.match(/<div class="diagram-svg"><svg/g)?.length).toBe(2);
    expect(html.match(/<svg[^>]* aria-roledescription=/g)?.length).toBe(2);
    // Its colours carry both themes.
    expect(html).toMatch(/fill="light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)"/);
    expect(html).toMatch(
      /<svg[^>]* role="img" aria-labelledby="[^"]+"><title id="[^"]+">Diagram in “Component Interaction Diagram”<\/title><desc/,
    );
    // (The page's inline theme restorer is no mermaid: no script loads anything.)
    expect(html).not.toMatch(/<script[^>]+(src|data-mermaid-entry)=/);
    expect(existsSync(path.join(first.dist, "_mermaid"))).toBe(false);
    // Labels became SVG text: mermaid drew the real diagram.
    expect(html).toContain("Packing bench UI");

    const second = build("svg-2", "auto");
    expect(second.log).toMatch(/SVG at build \(0 drawn, 2 from cache\)/);
  }, 180_000);

  it("recolours the one SVG with the page's theme: the switch's data-theme and the system's preference", async () => {
    const { dist } = build("svg-themes", "auto");
    const preview = await startPreview(
      path.join(repo, "node_modules", ".cache", "plan-portal"),
      dist,
    );
    const chromium = await launch();
    try {
      const tab = await chromium.newPage();
      await tab.goto(`${preview.url}/01-with-diagrams/`);
      // The entity box of the erDiagram (mermaid's theme colour) and the flowchart's edges.
      const colours = () =>
        tab.evaluate(() => {
          const svgs = [...document.querySelectorAll("figure.diagram svg")];
          const er = svgs.find((s) => s.classList.contains("erDiagram"))!;
          const flow = svgs.find((s) => !s.classList.contains("erDiagram"))!;
          const box = er.querySelector(".node path[fill]:not([fill='none'])")!;
          const edge = flow.querySelector(".flowchart-link")!;
          return { box: getComputedStyle(box).fill, edge: getComputedStyle(edge).stroke };
        });
      const lightness = (rgb: string) => {
        const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number);
        return (Math.max(r!, g!, b!) + Math.min(r!, g!, b!)) / 2 / 255;
      };
      await tab.emulateMedia({ colorScheme: "light" });
      const light = await colours();
      expect(lightness(light.box)).toBeGreaterThan(0.8);
      await tab.evaluate(() => (document.documentElement.dataset.theme = "dark"));
      const dark = await colours();
      expect(lightness(dark.box)).toBeLessThan(0.3);
      expect(lightness(dark.edge)).toBeGreaterThan(lightness(light.edge));
      // "System" (no data-theme) follows prefers-color-scheme.
      await tab.evaluate(() => delete document.documentElement.dataset.theme);
      await tab.emulateMedia({ colorScheme: "dark" });
      expect(await colours()).toEqual(dark);
      await tab.evaluate(() => (document.documentElement.dataset.theme = "light"));
      expect(await colours()).toEqual(light);
    } finally {
      await chromium.close();
      preview.stop();
    }
  }, 180_000);

  it("shows a broken diagram's source and error, never a blank box", () => {
    const { dist } = build("svg-3", "auto");
    const html = page(dist, "02-broken-diagram");
    expect(html).toContain('<figure class="diagram diagram-invalid"');
    expect(html).toMatch(/This diagram cannot be drawn<\/strong> \(plan\.md line 13, column \d+\)/);
    expect(html).toContain("A[Label service] --&gt; B[Carrier API");
  }, 120_000);
});

describe("the browser fallback (no SVG at build)", () => {
  const { dist } = build("client", "client");

  it("adds the lazy mermaid loader only to pages that have diagrams to draw", () => {
    // mermaid's own ES modules are served from _mermaid/ (copied, not bundled by Vite).
    expect(page(dist, "01-with-diagrams")).toMatch(
      /<script type="module" data-mermaid-entry="\/_mermaid\/mermaid\.esm\.min\.mjs">/,
    );
    expect(existsSync(path.join(dist, "_mermaid", "mermaid.esm.min.mjs"))).toBe(true);
    expect(page(dist, "01-with-diagrams")).toContain(
      '<figure class="diagram" role="group" aria-label="Diagram in “Component Interaction Diagram”" data-mermaid>',
    );
    for (const id of ["02-broken-diagram", "03-no-diagram", "questions", "health"])
      expect(page(dist, id), id).not.toMatch(/<script[^>]+(src|data-mermaid-entry)=/);
  });

  it.skipIf(!browser)(
    "draws the diagrams in a real browser",
    async () => {
      const preview = await startPreview(
        path.join(repo, "node_modules", ".cache", "plan-portal"),
        dist,
      );
      const chromium = await launch();
      try {
        const tab = await chromium.newPage();
        await tab.goto(`${preview.url}/01-with-diagrams/`);
        await tab.waitForSelector("figure[data-mermaid] .diagram-drawn svg", { timeout: 30_000 });
        expect(await tab.locator("figure[data-mermaid] .diagram-drawn svg").count()).toBe(2);
        // Mermaid splits labels into one text span per word.
        const text = await tab
          .locator("figure[data-mermaid] svg")
          .first()
          .evaluate((svg) =>
            [...svg.querySelectorAll("text, span, p")].map((t) => t.textContent).join(" "),
          );
        expect(text).toMatch(/Packing\s*bench\s*UI/);
      } finally {
        await chromium.close();
        preview.stop();
      }
    },
    120_000,
  );
});
