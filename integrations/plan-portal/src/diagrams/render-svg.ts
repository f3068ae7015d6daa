import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { DiskCache, sha1, textCodec } from "../cache/disk-cache.ts";
import { themeSvg } from "./svg-theme.ts";
import { MERMAID_VERSION } from "./validate-mermaid.ts";

const require = createRequire(import.meta.url);

export interface SvgRenderer {
  /**
   * SVG markup (sanitized) coloured for both themes (light-dark()), or an error message when
   * mermaid could not draw the diagram.
   */
  render(source: string): Promise<{ svg: string } | { error: string }>;
  /** Start drawing these (unless cached) in the background; `render` then waits for them. */
  prefetch(sources: Iterable<string>): void;
  stats(): { rendered: number; cached: number };
  close(): Promise<void>;
}

/** Bumped when the render settings below change, so cached SVGs are redrawn. */
const RENDER_CONFIG_VERSION = 4;
/** Pages drawing at once (the build machine's two cores), and diagrams per page call. */
const PAGES = 2;
const BATCH = 8;

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

// Drawn once, in mermaid's light theme: svg-theme.ts turns its colours into light-dark() pairs.
const PAGE_SETUP = `
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: "default",
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    fontFamily: "ui-sans-serif, system-ui, sans-serif",
    // Rough.js strokes (erDiagram boxes) get random control points unless seeded: a diagram
    // drawn again (after a killed build or a cache miss) would change the page's bytes.
    handDrawnSeed: 1,
  });
  window.renderDiagrams = async (batch) => {
    const results = [];
    for (const [id, source] of batch) {
      try {
        const { svg } = await mermaid.render(id, source);
        // Plans are untrusted: keep SVG only (no scripts, handlers or foreign HTML).
        results.push({ svg: DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true }, ADD_TAGS: ["style"] }) });
      } catch (error) {
        document.getElementById("d" + id)?.remove();
        results.push({ error: String(error && error.message ? error.message : error).split("\\n")[0] });
      }
    }
    return results;
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

type DrawResult = { svg: string } | { error: string };

interface DrawJob {
  id: string;
  source: string;
  settle(result: DrawResult): void;
  fail(error: unknown): void;
}

/** A page holding mermaid and DOMPurify, with PAGE_SETUP's `renderDiagrams`. */
async function preparedPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
  await page.addScriptTag({ path: require.resolve("dompurify/dist/purify.min.js") });
  await page.addScriptTag({ content: PAGE_SETUP });
  return page;
}

/** Draw a batch in one page call: one round trip for BATCH diagrams instead of one each. */
async function drawBatch(page: Page, jobs: DrawJob[]): Promise<void> {
  const batch = jobs.map((j) => [j.id, j.source] as [string, string]);
  try {
    const results = (await page.evaluate(
      (b) =>
        (
          window as unknown as {
            renderDiagrams: (b: [string, string][]) => Promise<DrawResult[]>;
          }
        ).renderDiagrams(b),
      batch,
    )) as DrawResult[];
    jobs.forEach((job, i) => job.settle(results[i] ?? { error: "mermaid returned nothing" }));
  } catch (error) {
    for (const job of jobs) job.fail(error);
  }
}

/**
 * One queue of diagrams to draw and up to PAGES pages taking BATCH at a time from it, so that
 * both pages stay busy while the plans render. `urgent` jobs (a page waits for them now) go first.
 */
function drawQueue(browser: Browser): { add(job: DrawJob, urgent: boolean): void } {
  const queue: DrawJob[] = [];
  const workers: { page: Promise<Page>; active: boolean }[] = [];
  async function drain(worker: { page: Promise<Page>; active: boolean }): Promise<void> {
    worker.active = true;
    try {
      const page = await worker.page;
      while (queue.length) await drawBatch(page, queue.splice(0, BATCH));
    } catch (error) {
      // The page could not be prepared: what was queued fails with the browser's message.
      for (const job of queue.splice(0)) job.fail(error);
    } finally {
      worker.active = false;
    }
  }
  return {
    add(job, urgent) {
      if (urgent) queue.unshift(job);
      else queue.push(job);
      let idle = workers.find((w) => !w.active);
      if (!idle && workers.length < PAGES) {
        idle = { page: preparedPage(browser), active: false };
        workers.push(idle);
      }
      if (idle) void drain(idle);
    },
  };
}

/**
 * One headless Chromium for the whole build, PAGES pages drawing batches in parallel, each diagram
 * drawn once (svg-theme.ts colours it for both themes) and cached on disk by its source and
 * mermaid's version. `prefetch` queues what a build will ask for, so drawing runs alongside the
 * plans' rendering; a rebuild draws only what changed.
 * Returns null when no Chromium is found; throws `ChromiumStartError` when one is found but
 * playwright-core cannot load or the browser does not start (a different fix than installing one).
 */
export async function createSvgRenderer(
  options: { chromium?: string } = {},
): Promise<SvgRenderer | null> {
  const executablePath = findChromium(options.chromium);
  if (!executablePath) return null;
  const browser = await launchChromium(executablePath);
  const queue = drawQueue(browser);
  const cache = svgCache();
  const drawing = new Map<string, Promise<DrawResult>>();
  const drawn = new Set<string>();
  // Keys seen in the disk cache: a dev rebuild's prefetch does not read them again.
  const inCache = new Set<string>();
  let cached = 0;
  // The versions stay in the key: it also names the SVG's ids in the page.
  const keyOf = (source: string) => sha1(`${MERMAID_VERSION}\0${RENDER_CONFIG_VERSION}\0${source}`);
  function draw(key: string, source: string, urgent: boolean): Promise<DrawResult> {
    const result = new Promise<DrawResult>((settle, fail) =>
      queue.add({ id: `m${key.slice(0, 12)}`, source, settle, fail }, urgent),
    ).then((r): DrawResult => {
      if (!("svg" in r)) return r;
      const svg = themeSvg(r.svg, source);
      cache.set(key, svg);
      drawn.add(key);
      return { svg };
    });
    drawing.set(key, result);
    // Once settled the disk cache serves it; the map holds only what is still being drawn.
    void result.then(
      () => drawing.delete(key),
      () => drawing.delete(key),
    );
    return result;
  }
  return {
    prefetch(sources) {
      for (const source of new Set(sources)) {
        const key = keyOf(source);
        if (drawing.has(key) || drawn.has(key) || inCache.has(key)) continue;
        if (cache.get(key) !== undefined) inCache.add(key);
        // A prefetch that fails is not reported here: the page that shows the diagram asks
        // render() for it, which gets this rejection while it is pending, or draws it again
        // once it is not (failures are not cached), and reports it for that page.
        else void draw(key, source, false).catch(() => {});
      }
    },
    async render(source) {
      const key = keyOf(source);
      const pending = drawing.get(key);
      if (pending) return pending;
      const hit = cache.get(key);
      if (hit !== undefined) {
        if (!drawn.has(key)) cached++;
        return { svg: hit };
      }
      return draw(key, source, true);
    },
    stats: () => ({ rendered: drawn.size, cached }),
    close: () => browser.close(),
  };
}
