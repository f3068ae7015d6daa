import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration, AstroIntegrationLogger, HookParameters } from "astro";
import {
  ConfigNotResolved,
  DiagramsNeedChromium,
  DirectivesUnprocessed,
  DocDirectivesFailed,
  FindingsFailBuild,
  SpecsDirMissing,
} from "./errors.ts";
import { astroError, parseUserOptions } from "./options-errors.ts";
import type { PlanPortalOptions, PlanPortalUserOptions } from "./options.ts";
import { runPortalPipeline, todayUtc } from "./pipeline.ts";
import { NOT_FOUND_ROUTE, providesNotFound, ROUTES } from "./render/routes.ts";
import { moduleUrl } from "./util/module-url.ts";
import { specsRoots } from "./util/specs-roots.ts";
import { sourceFolders } from "./sources/resolve.ts";
import { cacheRoot } from "./cache/disk-cache.ts";
import { ContentMemo } from "./cache/content-memo.ts";
import type { PlanSource } from "./discover/types.ts";
import type { Plan } from "./parse/types.ts";
import { setStore } from "./render/runtime.ts";
import {
  buildPortal,
  type PortalModel,
  type PortalSettings,
  type Renderer,
} from "./render/store.ts";
import { reportBuild, reportFindings } from "./render/report.ts";
import { markdownFingerprint } from "./render/render-cache.ts";
import { buildSearchIndex } from "./search/index.ts";
import { addContentSecurityPolicy } from "./security/csp.ts";
import { stopMermaidWorker } from "./diagrams/validate-mermaid.ts";
import { ChromiumStartError, createSvgRenderer, type SvgRenderer } from "./diagrams/render-svg.ts";
import {
  copyMermaidAssets,
  MERMAID_ASSETS,
  needsClientMermaid,
  serveMermaidAssets,
} from "./diagrams/client-assets.ts";
import { registerDirectives } from "./directives/register.ts";
import { findLeftoverDirectives } from "./directives/leftovers.ts";
import { getPortal } from "./render/runtime.ts";
import { watchPlans } from "./dev/watch.ts";
import { openDocLedger, type DocLedger } from "./directives/content-layer.ts";
import { renderDirective } from "./directives/render.ts";
import { chooseFrame, framePlugin, hasStarlight, type Frame } from "./render/frame.ts";
import { searchPlacement, type SearchPlacement } from "./search/placement.ts";

export type { PlanPortalUserOptions } from "./options.ts";
export { planDirectives } from "./directives/register.ts";

/** What the hooks learn about the site and hand on to later hooks (one integration instance). */
interface PortalState {
  options: PlanPortalOptions;
  root: string;
  roots: string[];
  model: Promise<PortalModel> | null;
  rebuild: () => Promise<PortalModel>;
  closeSvg: () => Promise<void>;
  /** In `astro dev`, rendered markdown also stays in memory between rebuilds. */
  dev: boolean;
  /** URL path of the portal's base (site base included), e.g. `/plans`. */
  routeBase: string;
  frame: Frame;
  starlight: boolean;
  search: SearchPlacement;
  /** Directives rendered into docs that Astro's content layer keeps between builds. */
  docs: DocLedger | null;
  /** Commands that render content (not `astro preview`). */
  renders: boolean;
}

/**
 * `integrations: [planPortal()]` turns the repository's specs/ into an architecture portal under
 * `/plans`. Hooks only: every step lives in its own function or module.
 */
export default function planPortal(userOptions: PlanPortalUserOptions = {}): AstroIntegration {
  const state: PortalState = {
    options: parseUserOptions(userOptions),
    root: process.cwd(),
    roots: [],
    model: null,
    rebuild: () => Promise.reject(astroError(ConfigNotResolved)),
    closeSvg: async () => {},
    dev: false,
    routeBase: "",
    frame: "portal",
    starlight: false,
    search: { ownIndex: false, dialog: false },
    docs: null,
    renders: false,
  };
  return {
    name: "plan-portal",
    hooks: {
      "astro:config:setup": (params) => configSetup(state, params),
      "astro:config:done": (params) => configDone(state, params),
      "astro:server:setup": (params) => serverSetup(state, params),
      "astro:build:done": (params) => buildDone(state, params),
      "astro:build:start": (params) => buildStart(state, params),
    },
  };
}

/** Every specs folder must exist: a typo would otherwise build an empty portal. */
function checkSpecsDirs(state: PortalState): void {
  if (state.options.sources) {
    // Sources are read (and cloned) by the pipeline, where a missing one is a notice.
    state.roots = sourceFolders(state.options.sources, state.root, cacheRoot());
    return;
  }
  const dirs = Array.isArray(state.options.specsDir)
    ? state.options.specsDir
    : [state.options.specsDir];
  state.roots = specsRoots(dirs, state.root);
  dirs.forEach((dir, i) => {
    if (!existsSync(state.roots[i]!)) throw astroError(SpecsDirMissing, dir, state.roots[i]!);
  });
}

/** The portal's pages, below `options.base`, and the site's 404 page when the site has none. */
function injectRoutes(
  options: PlanPortalOptions,
  injectRoute: HookParameters<"astro:config:setup">["injectRoute"],
  notFound: boolean,
): void {
  if (notFound) {
    injectRoute({
      pattern: NOT_FOUND_ROUTE.pattern,
      entrypoint: new URL(`./render/pages/${NOT_FOUND_ROUTE.page}`, import.meta.url),
      prerender: true,
    });
  }
  for (const route of ROUTES) {
    injectRoute({
      pattern: `${options.base}${route.pattern}` || "/",
      entrypoint:
        "module" in route
          ? moduleUrl(`./render/pages/${route.page}`, import.meta.url)
          : new URL(`./render/pages/${route.page}`, import.meta.url),
      prerender: true,
    });
  }
}

function configSetup(state: PortalState, params: HookParameters<"astro:config:setup">): void {
  const { command, config, injectRoute, logger, updateConfig } = params;
  state.root = fileURLToPath(config.root);
  state.renders = command !== "preview";
  // Known before the first model is built (docs replay in config:done), so it keeps its caches.
  state.dev = command === "dev";
  checkSpecsDirs(state);
  state.starlight = hasStarlight(config);
  state.frame = chooseFrame(state.options.frame, config);
  updateConfig({ vite: { plugins: [framePlugin(state.frame)] } });
  const pagesDir = path.join(fileURLToPath(config.srcDir), "pages");
  const docs = openDocLedger({
    cacheDir: fileURLToPath(config.cacheDir),
    root: state.root,
    pagesDir,
  });
  state.docs = docs;
  // Docs link into plans through directives; first in the chain so others see plain HTML.
  const processor = registerDirectives(
    config.markdown.processor,
    { root: state.root, specsRoots: state.roots, portal: getPortal, observe: docs.record },
    docs.key,
  );
  if (!processor) {
    logger.warn(
      `directives: markdown processor "${config.markdown.processor.name}" is neither Sätteri nor unified, so :plan[…] and the other plan directives stay text.`,
    );
  }
  injectRoutes(state.options, injectRoute, providesNotFound(pagesDir, state.starlight));
}

/** What every portal page reads: the options that shape pages and the site's URL settings. */
function portalSettings(
  state: PortalState,
  config: HookParameters<"astro:config:done">["config"],
  siteBase: string,
): PortalSettings {
  const { options, search } = state;
  return {
    title: options.title,
    links: options.links,
    search: search.dialog,
    ...(search.bundle ? { searchBundle: search.bundle } : {}),
    frame: state.frame,
    planPageScripts: options.planPageScripts,
    today: options.today ?? todayUtc(),
    routeBase: `${siteBase}${options.base}`,
    trailingSlash: config.trailingSlash,
    format: config.build.format,
  };
}

/**
 * The portal model's builder: the site's markdown renderer and one Chromium for SVG diagrams,
 * both started on the first build and kept for dev rebuilds; each call runs the pipeline again.
 */
function portalBuilder(
  state: PortalState,
  config: HookParameters<"astro:config:done">["config"],
  logger: AstroIntegrationLogger,
  settings: PortalSettings,
): () => Promise<PortalModel> {
  const { options } = state;
  let renderer: Promise<Renderer> | null = null;
  let svg: Promise<SvgRenderer | null> | null = null;
  // Dev rebuilds parse only the plans whose files changed (a build runs the pipeline once).
  const parseMemo = new ContentMemo<PlanSource, Plan>();
  state.closeSvg = async () => {
    const s = await svg;
    svg = null;
    await s?.close();
  };
  return () => {
    renderer ??= config.markdown.processor.createRenderer({
      image: config.image,
      syntaxHighlight: config.markdown.syntaxHighlight,
      shikiConfig: config.markdown.shikiConfig,
      gfm: config.markdown.gfm,
      smartypants: config.markdown.smartypants,
    }) as Promise<Renderer>;
    svg ??= startSvgRenderer(options, logger);
    state.model = Promise.all([renderer, svg]).then(async ([r, s]) =>
      buildPortal({
        pipeline: await runPortalPipeline(
          options,
          state.root,
          settings.today,
          state.dev ? parseMemo : undefined,
        ),
        options,
        root: state.root,
        settings,
        renderer: r,
        svg: s,
        markdownFingerprint: markdownFingerprint(config.markdown),
        keepInMemory: state.dev,
      }),
    );
    return state.model;
  };
}

async function configDone(state: PortalState, params: HookParameters<"astro:config:done">) {
  const { config, logger } = params;
  const siteBase = config.base.replace(/\/+$/, "");
  state.routeBase = `${siteBase}${state.options.base}`;
  state.search = searchPlacement(state.options.search, state.frame, state.starlight, siteBase);
  state.rebuild = portalBuilder(state, config, logger, portalSettings(state, config, siteBase));
  setStore({ get: () => state.model ?? state.rebuild() });
  // Before the content layer syncs: docs it keeps rendered must not show old plan facts.
  if (state.renders && state.docs?.hasDocs()) {
    await replayDocs(state.docs, await state.rebuild(), logger);
  }
}

function serverSetup(state: PortalState, params: HookParameters<"astro:server:setup">): void {
  const { server, logger, refreshContent } = params;
  state.dev = true;
  server.middlewares.use(serveMermaidAssets(`${state.routeBase}/${MERMAID_ASSETS}/`));
  watchPlans({
    server,
    roots: state.roots,
    root: state.root,
    logger,
    rebuild: async (files) => {
      const next = await state.rebuild();
      for (const file of files) reportFindings(next, logger, path.relative(state.root, file));
      if (state.docs && (await replayDocs(state.docs, next, logger))) await refreshContent?.({});
      return stageNote(next.timings);
    },
  });
}

/** A dev rebuild's stages over 5 ms, for its terminal line (`parse 40 ms, render 12 ms`). */
function stageNote(timings: Record<string, number>): string {
  return Object.entries(timings)
    .filter(([, ms]) => ms >= 5)
    .map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms`)
    .join(", ");
}

async function buildDone(state: PortalState, params: HookParameters<"astro:build:done">) {
  const { dir, logger } = params;
  await stopMermaidWorker();
  await state.closeSvg();
  const portalDir = path.join(fileURLToPath(dir), state.options.base);
  const leftovers = findLeftoverDirectives(fileURLToPath(dir), portalDir);
  if (leftovers.length) {
    const list = leftovers.map((l) => `  ${path.relative(state.root, l.file)}: ${l.text}`);
    throw astroError(DirectivesUnprocessed, list.join("\n"));
  }
  if (state.model && needsClientMermaid(await state.model)) copyMermaidAssets(portalDir);
  addContentSecurityPolicy(portalDir);
  if (!state.search.ownIndex) return;
  // The site's onboarding docs outside the portal are searched from the same box.
  const siteBase = state.routeBase.slice(0, state.routeBase.length - state.options.base.length);
  const docs = { siteDir: fileURLToPath(dir), baseUrl: `${siteBase.replace(/\/+$/, "")}/` };
  const result = await buildSearchIndex(portalDir, { docs });
  logger.info(
    `search index: ${result.pages} pages, ${(result.bytes / 1024).toFixed(0)} KB in ${result.ms.toFixed(0)} ms (${result.shards.built} indexes built, ${result.shards.cached} from cache)`,
  );
}

async function buildStart(state: PortalState, params: HookParameters<"astro:build:start">) {
  const { logger } = params;
  state.docs?.save();
  const failed = state.docs?.failures() ?? [];
  if (failed.length) {
    throw astroError(DocDirectivesFailed, failed.map((m) => `  ${m}`).join("\n"));
  }
  const start = performance.now();
  // Built already when docs needed it (content sync); plans do not change during a build.
  const portal = await (state.model ?? state.rebuild());
  // The model is complete: mermaid's parser (a worker holding mermaid) is not needed again.
  await stopMermaidWorker();
  reportBuild(portal, logger, performance.now() - start);
  failOnFindings(portal, state.options.failOn, logger);
}

/**
 * Render every directive recorded in stored docs again from `portal`; when one changed, the
 * ledger's new key makes the content layer drop its rendered docs (see content-layer.ts).
 */
async function replayDocs(
  docs: DocLedger,
  portal: PortalModel,
  logger: AstroIntegrationLogger,
): Promise<boolean> {
  const stale = await docs.replay(async (call) => renderDirective(call, portal));
  docs.save();
  if (stale.length === 0) return false;
  const list =
    stale.slice(0, 5).join(", ") + (stale.length > 5 ? ` and ${stale.length - 5} more` : "");
  logger.info(`docs: plan facts changed in ${list}; Astro's content store renders its docs again`);
  return true;
}

function failOnFindings(
  portal: PortalModel,
  failOn: PlanPortalOptions["failOn"],
  logger: AstroIntegrationLogger,
): void {
  if (failOn === "never") return;
  const levels = failOn === "error" ? ["error"] : ["error", "warning"];
  const hits = portal.plans.flatMap((p) =>
    p.checked.findings
      .filter((f) => levels.includes(f.severity))
      .map(
        (f) => `  ${p.repoPath}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`,
      ),
  );
  if (hits.length === 0) return;
  logger.error(`${hits.length} finding(s) at failOn level`);
  const error = astroError(
    FindingsFailBuild,
    hits.length,
    failOn,
    hits.slice(0, 50).join("\n") + (hits.length > 50 ? `\n  … and ${hits.length - 50} more` : ""),
  );
  // The findings are the message; where in plan-portal's code it was thrown is of no use to a reader.
  error.stack = `${error.name}: ${error.message}`;
  throw error;
}

/** Build-time SVG when a Chromium is found (mode auto/svg); otherwise one line on how to get it. */
async function startSvgRenderer(
  options: PlanPortalOptions,
  logger: AstroIntegrationLogger,
): Promise<SvgRenderer | null> {
  const { mode, chromium } = options.diagrams;
  if (mode === "client" || mode === "off") return null;
  if (chromium && !existsSync(chromium)) {
    logger.warn(
      `diagrams: planPortal({ diagrams: { chromium } }) names ${chromium}, which does not exist; looking for a Chromium in the usual places instead.`,
    );
  }
  // "svg" promises SVG at build: without a working Chromium the build stops instead of falling back.
  const unavailable = (what: string, startHint?: string): null => {
    if (mode === "svg") throw astroError(DiagramsNeedChromium, what, startHint);
    const hint =
      startHint ??
      'For SVG at build time install Chromium (apt-get install chromium) or set planPortal({ diagrams: { chromium: "/path/to/chrome" } }).';
    logger.warn(`diagrams: ${what} Mermaid diagrams are drawn in the browser instead. ${hint}`);
    return null;
  };
  try {
    const renderer = await createSvgRenderer(chromium ? { chromium } : {});
    return renderer ?? unavailable("no Chromium was found.");
  } catch (error) {
    if (!(error instanceof ChromiumStartError)) throw error;
    return unavailable(error.message, error.hint);
  }
}
