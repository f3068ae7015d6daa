import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchRecords, walk } from "./helpers/site.ts";
import { chromiumOrSkip, launch } from "./browser/chromium.ts";
import { startPreview } from "./browser/preview.ts";

/**
 * A Starlight site with plan-portal/starlight (tests/fixtures/sites/starlight), built from a copy
 * so plans can be edited: Starlight's frame and sidebar around the portal, docs whose directives
 * follow the plans across builds (Astro's content layer keeps rendered docs between builds), CSS
 * that stays inside portal markup, one search index.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, "fixtures", "sites", "starlight");
const pkg = path.join(here, "..", "integrations", "plan-portal");
const temps: string[] = [];
let root: string;

beforeAll(() => {
  // Inside tests/fixtures/sites so node_modules resolve; Astro's cache (node_modules/.astro) is
  // the copy's own, and survives between the builds below as it would between `astro build`s.
  root = mkdtempSync(path.join(path.dirname(fixture), "starlight-"));
  temps.push(root);
  cpSync(fixture, root, { recursive: true, filter: (src) => !src.includes("node_modules") });
});
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Built {
  dir: string;
  page(file: string): string;
}

async function buildSite(env: Record<string, string> = {}): Promise<Built> {
  const outDir = mkdtempSync(path.join(tmpdir(), "plan-portal-starlight-"));
  temps.push(outDir);
  Object.assign(process.env, env);
  try {
    await build({ root, outDir, logLevel: "error" });
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
  return { dir: outDir, page: (file) => readFileSync(path.join(outDir, file), "utf8") };
}

const plan = (id: string) => path.join(root, "specs", id, "plan.md");
/** The key plan-portal put into the Astro config; Astro's data store keeps the config it built under. */
const storeKey = () =>
  /storeKey\\":\{\\"docs\\":\\"([\w-]+)/.exec(
    readFileSync(path.join(root, "node_modules", ".astro", "data-store.json"), "utf8"),
  )?.[1];

describe("plan-portal/starlight in a Starlight site", () => {
  let site: Built;
  const page = (file: string) => site.page(file);

  beforeAll(async () => {
    site = await buildSite();
  }, 180_000);

  it("renders the portal's pages in Starlight's frame, with a Plans group in the sidebar", () => {
    const index = page("plans/index.html");
    expect(index).toContain('id="starlight__sidebar"');
    expect(index).toMatch(/<span class="large[^"]*">Plans<\/span>/);
    expect(index).toMatch(/<a href="\/plans\/" aria-current="page"[^>]*><span[^>]*>All plans</);
    expect(index).toMatch(/<a href="\/plans\/questions\/"[^>]*><span[^>]*>Open questions</);
    expect(index).toContain('<div class="pp-portal not-content" data-frame="starlight">');
    // Starlight's header, search and theme; not the portal's own header.
    expect(index).toContain("<site-search");
    expect(index).toContain("<starlight-theme-select");
    expect(index).not.toContain('class="site-header"');
    // Starlight brings its own 404 page: the portal's is not injected over it.
    expect(page("404.html")).toContain("<starlight-theme-select");
    expect(page("404.html")).not.toContain('class="not-found"');
    const planPage = page("plans/01-payments/index.html");
    expect(planPage).toMatch(/<h1 id="_top"[^>]*>Card Payments<\/h1>/);
    // "On this page" lists the plan's headings; the edit link points at plan.md.
    expect(planPage).toMatch(
      /<a href="#technical-context"[^>]*><span[^>]*>Technical Context<\/span>/,
    );
    expect(planPage).toContain('href="https://example.com/edit/main/specs/01-payments/plan.md"');
    // The docs' sidebar ends with the same group.
    expect(page("guides/team/index.html")).toMatch(/<span class="large[^"]*">Plans<\/span>/);
  });

  it("renders the directives of a doc in the docs collection", () => {
    const doc = page("guides/onboarding/index.html");
    expect(doc).toContain(
      '<span class="pp-ref"><a href="/plans/01-payments/">Card Payments</a> <span class="badge draft"',
    );
    expect(doc).toContain('<a href="/plans/02-ledger/">the ledger plan</a>');
    expect(doc).toContain('<article class="pp-card" data-plan="01-payments">');
    expect(doc).toContain("1 open question across all plans owned by @ana");
  });

  it("indexes every page in exactly one search index: Starlight's", () => {
    const indexes = walk(site.dir)
      .filter((f) => f.endsWith("pagefind-entry.json"))
      .map((f) => path.join(site.dir, path.dirname(f)));
    expect(indexes).toEqual([path.join(site.dir, "pagefind")]);
    const urls = indexes.flatMap((dir) => searchRecords(dir).map((r) => r.url));
    const counts = new Map<string, number>();
    for (const url of urls) counts.set(url, (counts.get(url) ?? 0) + 1);
    for (const url of [
      "/plans/01-payments/",
      "/plans/02-ledger/spec/",
      "/plans/questions/",
      "/plans/risks/",
      "/guides/onboarding/",
    ]) {
      expect([url, counts.get(url)]).toEqual([url, 1]);
    }
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // The portal's facets are in Starlight's index (its search shows them as filters).
    const plan = searchRecords(indexes[0]!).find((r) => r.url === "/plans/01-payments/");
    expect(plan?.filters).toMatchObject({ status: ["draft"], kind: ["plan"] });
  });

  it("ships portal.css with every rule inside portal markup (class pp-…)", () => {
    for (const file of [
      path.join(pkg, "src", "render", "styles", "portal.css"),
      path.join(pkg, "dist", "render", "styles", "portal.css"),
    ]) {
      expect([file, unscopedSelectors(readFileSync(file, "utf8"))]).toEqual([file, []]);
    }
    // In the built site the only unlayered rules outside portal markup are Starlight's own
    // (Page.astro's <style>); Starlight's other CSS lives in cascade layers.
    const starlightOwn = new Set(
      selectorsOf(
        /<style>([\s\S]*?)<\/style>/.exec(
          readFileSync(
            path.join(here, "..", "node_modules/@astrojs/starlight/dist/components/Page.astro"),
            "utf8",
          ),
        )![1]!,
      ),
    );
    // The bundle(s) holding portal.css (Starlight's print.css and Pagefind's UI CSS are apart).
    const css = walk(site.dir)
      .filter((f) => f.startsWith("_astro/") && f.endsWith(".css"))
      .map((f) => readFileSync(path.join(site.dir, f), "utf8"))
      .filter((text) => text.includes(".pp-card{"))
      .join("\n");
    expect(css).toContain(".pp-card{");
    const foreign = unscopedSelectors(css, { skipLayers: true }).filter(
      (s) => !starlightOwn.has(s),
    );
    expect(foreign).toEqual([]);
  });
});

describe("docs in Starlight follow plan edits across builds (no --force)", () => {
  it("a no-change rebuild keeps Astro's content store; a new plan title reaches the doc", async () => {
    await buildSite();
    const before = storeKey();
    expect(before).toBeTruthy();
    await buildSite();
    expect(storeKey()).toBe(before);
    const text = readFileSync(plan("01-payments"), "utf8");
    writeFileSync(plan("01-payments"), text.replace("Card Payments", "Card Payments v2"));
    const site = await buildSite();
    expect(storeKey()).not.toBe(before);
    expect(site.page("guides/onboarding/index.html")).toContain(
      '<a href="/plans/01-payments/">Card Payments v2</a>',
    );
    expect(site.page("plans/01-payments/index.html")).toMatch(
      /<h1 id="_top"[^>]*>Card Payments v2</,
    );
    // A plan edit no doc shows (a constraint) leaves the store as it is.
    const after = storeKey();
    const ledger = readFileSync(plan("02-ledger"), "utf8");
    writeFileSync(plan("02-ledger"), ledger.replace("never updated", "never updated or moved"));
    await buildSite();
    expect(storeKey()).toBe(after);
  }, 240_000);

  it("a doc linking a deleted plan fails the build at its line, and builds again once the plan is back", async () => {
    const folder = path.join(root, "specs", "02-ledger");
    const kept = mkdtempSync(path.join(tmpdir(), "plan-portal-kept-"));
    temps.push(kept);
    cpSync(folder, kept, { recursive: true });
    rmSync(folder, { recursive: true });
    const error = await buildSite().then(
      () => null,
      (e: Error & { hint?: string }) => e,
    );
    expect(error?.message).toContain(
      'src/content/docs/guides/onboarding.md:5:42  :plan: no plan "02-ledger".',
    );
    expect(error?.hint).toContain("plan-portal check");
    // Astro stored the doc without its HTML: the next build must not take it from the store.
    const again = await buildSite().then(
      () => null,
      (e: Error) => e,
    );
    expect(again?.message).toContain("onboarding.md:5:42");
    cpSync(kept, folder, { recursive: true });
    const site = await buildSite();
    expect(site.page("guides/onboarding/index.html")).toContain(
      '<a href="/plans/02-ledger/">the ledger plan</a>',
    );
  }, 240_000);
});

const browserPath = chromiumOrSkip("STARLIGHT CSS TEST");

describe.skipIf(!browserPath)("portal.css in Starlight (Chromium)", () => {
  it("leaves every Starlight element of a doc exactly as Starlight alone styles it, light and dark", async () => {
    const withPortal = await buildSite();
    const plain = await buildSite({ FIXTURE_PLAIN: "1" });
    expect(existsSync(path.join(plain.dir, "plans"))).toBe(false);
    const styles: Record<string, string>[][] = [];
    for (const dist of [plain.dir, withPortal.dir]) {
      const preview = await startPreview(root, dist);
      const browser = await launch();
      try {
        const shot: Record<string, string>[] = [];
        for (const colorScheme of ["light", "dark"] as const) {
          const tab = await browser.newPage({ colorScheme });
          await tab.goto(`${preview.url}/guides/team/`, { waitUntil: "networkidle" });
          shot.push(...(await tab.evaluate(computedStyles, STARLIGHT_ELEMENTS)));
          await tab.close();
        }
        styles.push(shot);
      } finally {
        await browser.close();
        preview.stop();
      }
    }
    expect(styles[0]!.length).toBeGreaterThan(STARLIGHT_ELEMENTS.length);
    expect(styles[1]).toEqual(styles[0]);
  }, 300_000);
});

/** Elements every Starlight doc page has: the frame, the sidebar's first links, the content. */
const STARLIGHT_ELEMENTS = [
  "html",
  "body",
  "header.header",
  ".site-title",
  "site-search button",
  "starlight-theme-select select",
  "#starlight__sidebar a",
  "main",
  "main h1",
  ".sl-markdown-content",
  ".sl-markdown-content p",
  ".pagination-links a",
];

function computedStyles(selectors: string[]): Record<string, string>[] {
  const props = [
    "font-family",
    "font-size",
    "line-height",
    "color",
    "background-color",
    "text-decoration-line",
    "margin",
    "padding",
    "border-color",
    "box-sizing",
    "color-scheme",
  ];
  return selectors.flatMap((selector) =>
    [...document.querySelectorAll(selector)].slice(0, 3).map((el, i) => {
      const style = getComputedStyle(el);
      return Object.fromEntries([
        ["element", `${selector} #${i}`],
        ...props.map((p) => [p, style.getPropertyValue(p)]),
      ]);
    }),
  );
}

/** Top-level rules' selectors (inside @media too; `@layer` blocks skipped on request). */
function selectorsOf(css: string, options: { skipLayers?: boolean } = {}): string[] {
  const out: string[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) break;
    // `@layer a, b;` and `@import …;` statements end before the next rule's selector.
    const head = text.slice(i, open).split(";").pop()!.trim();
    const close = blockEnd(text, open);
    if (head.startsWith("@")) {
      const layer = head.startsWith("@layer");
      const nested = head.startsWith("@media") || head.startsWith("@supports") || layer;
      if (nested && !(options.skipLayers && layer)) {
        out.push(...selectorsOf(text.slice(open + 1, close - 1), options));
      }
    } else {
      out.push(...splitSelectors(head));
    }
    i = close;
  }
  return out;
}

function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i + 1;
  }
  return text.length;
}

function splitSelectors(head: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of head) {
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(current.trim().replace(/\s+/g, " "));
      current = "";
    } else current += ch;
  }
  out.push(current.trim().replace(/\s+/g, " "));
  return out.filter(Boolean);
}

/**
 * Selectors that may match outside portal markup: anything not anchored in an element with a
 * `pp-` class (or the portal frame's own <html>/<body>), after any `:root[…]` theme condition.
 * Astro's scoped component styles (`astro-…`, `data-astro-cid`) are scoped by Astro.
 */
function unscopedSelectors(css: string, options: { skipLayers?: boolean } = {}): string[] {
  const anchored = [
    /^:where\(\[class\^="pp-"\], ?\[class\*=" pp-"\]\)/,
    /^\.pp-[\w-]+/,
    /^\.table-wrap:where\(\[class\*=" pp-"\]\)/,
    /^html(\[[^\]]+\])?:has\(> ?body\.pp-portal\)/,
    /^:where\(body\.pp-portal\)/,
  ];
  // Minifiers write `[class*=" pp-"]` as `[class*=\ pp-]`: compare the quoted form.
  const quoted = (s: string) =>
    s.replace(
      /\[class([\^*])=(?:"([^"]*)"|((?:\\.|[^\]])*))\]/g,
      (_m, op: string, q?: string, u?: string) =>
        `[class${op}="${q ?? (u ?? "").replace(/\\(.)/g, "$1")}"]`,
    );
  return selectorsOf(css, options).filter((selector) => {
    const s = quoted(selector);
    if (/astro-[a-z0-9]+|data-astro-cid/.test(s)) return false;
    const rest = s.replace(/^:root(\[[^\]]*\]|:not\((?:[^()]|\([^)]*\))*\))*\s+/, "");
    return !anchored.some((re) => re.test(rest));
  });
}
