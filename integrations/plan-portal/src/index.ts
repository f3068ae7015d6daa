import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import { AstroError } from "astro/errors";
import { FindingsFailBuild, SpecsDirMissing } from "./errors.ts";
import { parseUserOptions } from "./options-errors.ts";
import type { PlanPortalOptions, PlanPortalUserOptions } from "./options.ts";
import { runPortalPipeline, todayUtc } from "./pipeline.ts";
import { ROUTES } from "./render/routes.ts";
import { moduleUrl } from "./util/module-url.ts";
import { specsRoots } from "./util/specs-roots.ts";
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
import { DiagramsNeedChromium, DirectivesUnprocessed, DocDirectivesFailed } from "./errors.ts";
import { openDocLedger, type DocLedger } from "./directives/content-layer.ts";
import { renderDirective } from "./directives/render.ts";
import { chooseFrame, framePlugin, hasStarlight, type Frame } from "./render/frame.ts";
import { searchPlacement, type SearchPlacement } from "./search/placement.ts";

export type { PlanPortalUserOptions } from "./options.ts";
export { planDirectives } from "./directives/register.ts";

/**
 * `integrations: [planPortal()]` turns the repository's specs/ into an architecture portal under
 * `/plans`. Hooks only: every step lives in its own module.
 */
export default function planPortal(userOptions: PlanPortalUserOptions = {}): AstroIntegration {
  const options: PlanPortalOptions = parseUserOptions(userOptions);
  let root = process.cwd();
  let roots: string[] = [];
  let model: Promise<PortalModel> | null = null;
  let rebuild: () => Promise<PortalModel> = () =>
    Promise.reject(new Error("plan-portal: config not resolved yet"));
  let closeSvg: () => Promise<void> = async () => {};
  /** In `astro dev`, rendered markdown also stays in memory between rebuilds. */
  let dev = false;
  /** URL path of the portal's base (site base included), e.g. `/plans`. */
  let routeBase = "";
  let frame: Frame = "portal";
  let starlight = false;
  let search: SearchPlacement = { ownIndex: false, dialog: false };
  /** Directives rendered into docs that Astro's content layer keeps between builds. */
  let docs: DocLedger | null = null;
  /** Commands that render content (not `astro preview`). */
  let renders = false;

  return {
    name: "plan-portal",
    hooks: {
      "astro:config:setup": ({ command, config, injectRoute, logger, updateConfig }) => {
        root = fileURLToPath(config.root);
        renders = command !== "preview";
        const dirs = Array.isArray(options.specsDir) ? options.specsDir : [options.specsDir];
        roots = specsRoots(dirs, root);
        dirs.forEach((dir, i) => {
          if (!existsSync(roots[i]!)) {
            throw new AstroError(SpecsDirMissing.message(dir, roots[i]!), SpecsDirMissing.hint);
          }
        });
        starlight = hasStarlight(config);
        frame = chooseFrame(options.frame, config);
        updateConfig({ vite: { plugins: [framePlugin(frame)] } });
        docs = openDocLedger({
          cacheDir: fileURLToPath(config.cacheDir),
          root,
          pagesDir: path.join(fileURLToPath(config.srcDir), "pages"),
        });
        // Docs link into plans through directives; first in the chain so others see plain HTML.
        const processor = registerDirectives(
          config.markdown.processor,
          { root, specsRoots: roots, portal: getPortal, observe: docs.record },
          docs.key,
        );
        if (!processor) {
          logger.warn(
            `directives: markdown processor "${config.markdown.processor.name}" is neither Sätteri nor unified, so :plan[…] and the other plan directives stay text.`,
          );
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
      },

      "astro:config:done": async ({ config, logger }) => {
        const siteBase = config.base.replace(/\/+$/, "");
        routeBase = `${siteBase}${options.base}`;
        search = searchPlacement(options.search, frame, starlight, siteBase);
        const settings: PortalSettings = {
          title: options.title,
          links: options.links,
          search: search.dialog,
          ...(search.bundle ? { searchBundle: search.bundle } : {}),
          frame,
          planPageScripts: options.planPageScripts,
          today: options.today ?? todayUtc(),
          routeBase: `${siteBase}${options.base}`,
          trailingSlash: config.trailingSlash,
          format: config.build.format,
        };
        let renderer: Promise<Renderer> | null = null;
        let svg: Promise<SvgRenderer | null> | null = null;
        closeSvg = async () => {
          const s = await svg;
          svg = null;
          await s?.close();
        };
        rebuild = () => {
          renderer ??= config.markdown.processor.createRenderer({
            image: config.image,
            syntaxHighlight: config.markdown.syntaxHighlight,
            shikiConfig: config.markdown.shikiConfig,
            gfm: config.markdown.gfm,
            smartypants: config.markdown.smartypants,
          }) as Promise<Renderer>;
          // One Chromium for SVG diagrams, started on the first build and kept for dev rebuilds.
          svg ??= startSvgRenderer(options, logger);
          model = Promise.all([renderer, svg]).then(async ([r, s]) =>
            buildPortal({
              pipeline: await runPortalPipeline(options, root, settings.today),
              options,
              root,
              settings,
              renderer: r,
              svg: s,
              markdownFingerprint: markdownFingerprint(config.markdown),
              keepInMemory: dev,
            }),
          );
          return model;
        };
        setStore({ get: () => model ?? rebuild() });
        // Before the content layer syncs: docs it keeps rendered must not show old plan facts.
        if (renders && docs?.hasDocs()) await replayDocs(docs, await rebuild(), logger);
      },

      "astro:server:setup": ({ server, logger, refreshContent }) => {
        dev = true;
        server.middlewares.use(serveMermaidAssets(`${routeBase}/${MERMAID_ASSETS}/`));
        watchPlans({
          server,
          roots,
          root,
          logger,
          rebuild: async (file) => {
            const next = await rebuild();
            reportFindings(next, logger, path.relative(root, file));
            if (docs && (await replayDocs(docs, next, logger))) await refreshContent?.({});
          },
        });
      },

      "astro:build:done": async ({ dir, logger }) => {
        await stopMermaidWorker();
        await closeSvg();
        const portalDir = path.join(fileURLToPath(dir), options.base);
        const leftovers = findLeftoverDirectives(fileURLToPath(dir), portalDir);
        if (leftovers.length) {
          const list = leftovers.map((l) => `  ${path.relative(root, l.file)}: ${l.text}`);
          throw new AstroError(
            DirectivesUnprocessed.message(list.join("\n")),
            DirectivesUnprocessed.hint,
          );
        }
        if (model && needsClientMermaid(await model)) copyMermaidAssets(portalDir);
        addContentSecurityPolicy(portalDir);
        if (!search.ownIndex) return;
        const result = await buildSearchIndex(portalDir);
        logger.info(
          `search index: ${result.pages} pages, ${(result.bytes / 1024).toFixed(0)} KB in ${result.ms.toFixed(0)} ms (${result.shards.built} indexes built, ${result.shards.cached} from cache)`,
        );
      },

      "astro:build:start": async ({ logger }) => {
        docs?.save();
        const failed = docs?.failures() ?? [];
        if (failed.length) {
          throw new AstroError(
            DocDirectivesFailed.message(failed.map((m) => `  ${m}`).join("\n")),
            DocDirectivesFailed.hint,
          );
        }
        const start = performance.now();
        // Built already when docs needed it (content sync); plans do not change during a build.
        const portal = await (model ?? rebuild());
        // The model is complete: mermaid's parser (a worker holding mermaid) is not needed again.
        await stopMermaidWorker();
        reportBuild(portal, logger, performance.now() - start);
        failOnFindings(portal, options.failOn, logger);
      },
    },
  };
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
  const error = new AstroError(
    FindingsFailBuild.message(
      hits.length,
      failOn,
      hits.slice(0, 50).join("\n") + (hits.length > 50 ? `\n  … and ${hits.length - 50} more` : ""),
    ),
    FindingsFailBuild.hint,
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
  const unavailable = (what: string, hint: string): null => {
    if (mode === "svg") throw new AstroError(DiagramsNeedChromium.message(what), hint);
    logger.warn(`diagrams: ${what} Mermaid diagrams are drawn in the browser instead. ${hint}`);
    return null;
  };
  try {
    const renderer = await createSvgRenderer(chromium ? { chromium } : {});
    return (
      renderer ??
      unavailable(
        "no Chromium was found.",
        mode === "svg"
          ? DiagramsNeedChromium.hint
          : 'For SVG at build time install Chromium (apt-get install chromium) or set planPortal({ diagrams: { chromium: "/path/to/chrome" } }).',
      )
    );
  } catch (error) {
    if (!(error instanceof ChromiumStartError)) throw error;
    return unavailable(error.message, error.hint);
  }
}
