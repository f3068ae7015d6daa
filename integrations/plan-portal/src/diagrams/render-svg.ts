import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { DiskCache, sha1, textCodec } from "../cache/disk-cache.ts";
import { MERMAID_VERSION } from "./validate-mermaid.ts";

const require = createRequire(import.meta.url);

export type Theme = "light" | "dark";

export interface SvgRenderer {
  /** SVG markup (sanitized), or an error message when mermaid could not draw the diagram. */
  render(source: string, theme: Theme): Promise<{ svg: string } | { error: string }>;
  stats(): { rendered: number; cached: number };
  close(): Promise<void>;
}

/** Bumped when the render settings below change, so cached SVGs are redrawn. */
const RENDER_CONFIG_VERSION = 3;
const PAGES = 2;

/** Flags for headless Chromium here: root in CI (no sandbox), no GPU, no background network calls. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function findChromium(explicit?: string): string | null {
  const candidates = [
    explicit,
    process.env["CHROMIUM_PATH"],
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
  ];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/**
 * A whole SVG document: DOMPurify's output starts with the root `<svg` and ends with its `</svg>`.
 * With the entry checksum this rejects an SVG cut short however it happened; before, a build killed
 * while writing one left a truncated file that every later build served.
 */
export function isCompleteSvg(text: string): boolean {
  return /^<svg[\s>]/.test(text) && text.trimEnd().endsWith("</svg>");
}

/**
 * Drawn diagrams under `<cache>/svg/` (PLAN_PORTAL_CACHE_DIR moves it; benchmarks measure a cold
 * one there). The namespace changes with mermaid's version and the render settings below.
 */
export function svgCache(where: { root?: string } = {}): DiskCache<string> {
  return new DiskCache("svg", {
    ...where,
    fingerprint: `mermaid ${MERMAID_VERSION}\0${RENDER_CONFIG_VERSION}`,
    codec: textCodec("svg", isCompleteSvg),
  });
}

const PAGE_SETUP = `
  window.renderDiagram = async (id, source, theme) => {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: theme === "dark" ? "dark" : "default",
      // Readable labels on the portal's dark background (mermaid's dark edge labels are too faint).
      themeVariables: theme === "dark" ? { background: "#1a1f26", edgeLabelBackground: "#1a1f26", textColor: "#e6e8eb", lineColor: "#9aa4b2" } : {},
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      fontFamily: "ui-sans-serif, system-ui, sans-serif",
      // Rough.js strokes (erDiagram boxes) get random control points unless seeded: a diagram
      // drawn again (after a killed build or a cache miss) would change the page's bytes.
      handDrawnSeed: 1,
    });
    try {
      const { svg } = await mermaid.render(id, source);
      // Plans are untrusted: keep SVG only (no scripts, handlers or foreign HTML).
      return { svg: DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true }, ADD_TAGS: ["style"] }) };
    } catch (error) {
      document.getElementById("d" + id)?.remove();
      return { error: String(error && error.message ? error.message : error).split("\\n")[0] };
    }
  };
`;

/** A Chromium was found but could not be used: what went wrong and what to do. */
export class ChromiumStartError extends Error {
  readonly hint: string;
  constructor(executablePath: string, what: string, hint: string) {
    super(`Chromium at ${executablePath} was found, but ${what}.`);
    this.name = "ChromiumStartError";
    this.hint = hint;
  }
}

/** Load playwright-core and start the browser; a failure says which part broke and what to do. */
async function launchChromium(executablePath: string): Promise<Browser> {
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (error) {
    throw new ChromiumStartError(
      executablePath,
      `playwright-core could not be loaded (${(error as Error).message})`,
      "Reinstall plan-portal's dependencies (npm install); playwright-core is one of them.",
    );
  }
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new ChromiumStartError(
      executablePath,
      `it did not start: ${(error as Error).message.split("\n")[0]}`,
      `Check that \`${executablePath} --headless --no-sandbox --version\` runs, or point planPortal({ diagrams: { chromium } }) at another browser, or set diagrams.mode to "client".`,
    );
  }
}

/** Up to PAGES pages holding mermaid and DOMPurify, opened on first use and handed out in turn. */
function pagePool(browser: Browser): { acquire(): Promise<Page>; release(page: Page): void } {
  const scripts = [
    require.resolve("mermaid/dist/mermaid.min.js"),
    require.resolve("dompurify/dist/purify.min.js"),
  ];
  const idle: Page[] = [];
  const waiting: ((page: Page) => void)[] = [];
  let opened = 0;
  return {
    async acquire() {
      const page = idle.pop();
      if (page) return page;
      if (opened < PAGES) {
        opened++;
        const fresh = await browser.newPage();
        await fresh.setContent("<!doctype html><html><body></body></html>");
        for (const script of scripts) await fresh.addScriptTag({ path: script });
        await fresh.addScriptTag({ content: PAGE_SETUP });
        return fresh;
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release(page) {
      const next = waiting.shift();
      if (next) next(page);
      else idle.push(page);
    },
  };
}

/** Draw one diagram in a prepared page (PAGE_SETUP's `renderDiagram`), its ids named by `id`. */
async function drawOnPage(
  page: Page,
  id: string,
  source: string,
  theme: Theme,
): Promise<{ svg?: string; error?: string }> {
  return (await page.evaluate(
    ([i, src, th]) =>
      (
        window as unknown as {
          renderDiagram: (
            a: string,
            b: string,
            c: string,
          ) => Promise<{ svg?: string; error?: string }>;
        }
      ).renderDiagram(i, src, th),
    [id, source, theme] as const,
  )) as { svg?: string; error?: string };
}

/**
 * One headless Chromium for the whole build, a few pages rendering in parallel, each diagram
 * cached on disk by content hash, mermaid version and theme (a rebuild draws only what changed).
 * Returns null when no Chromium is found; throws `ChromiumStartError` when one is found but
 * playwright-core cannot load or the browser does not start (a different fix than installing one).
 */
export async function createSvgRenderer(
  options: { chromium?: string } = {},
): Promise<SvgRenderer | null> {
  const executablePath = findChromium(options.chromium);
  if (!executablePath) return null;
  const browser = await launchChromium(executablePath);
  const pages = pagePool(browser);
  const cache = svgCache();
  let rendered = 0;
  let cached = 0;
  return {
    async render(source, theme) {
      // The versions stay in the key as before: it also names the SVG's ids in the page.
      const key = sha1(`${MERMAID_VERSION}\0${RENDER_CONFIG_VERSION}\0${theme}\0${source}`);
      const hit = cache.get(key);
      if (hit !== undefined) {
        cached++;
        return { svg: hit };
      }
      const page = await pages.acquire();
      try {
        const result = await drawOnPage(page, `m${key.slice(0, 12)}${theme[0]}`, source, theme);
        if (result.svg) {
          rendered++;
          cache.set(key, result.svg);
          return { svg: result.svg };
        }
        return { error: result.error ?? "mermaid could not draw this diagram" };
      } finally {
        pages.release(page);
      }
    },
    stats: () => ({ rendered, cached }),
    close: () => browser.close(),
  };
}
