import path from "node:path";
import type { AstroIntegration, AstroIntegrationLogger } from "astro";

type DevServer = Parameters<
  NonNullable<AstroIntegration["hooks"]["astro:server:setup"]>
>[0]["server"];

export interface PlanWatch {
  server: DevServer;
  /** The specs folders; a `.md` file below one is a plan or a sibling document. */
  roots: string[];
  /** The project root, for the paths the terminal shows. */
  root: string;
  logger: AstroIntegrationLogger;
  /** Rebuilds the portal model after `file` changed (and reports what follows from it). */
  rebuild: (file: string) => Promise<void>;
}

/**
 * `astro dev`: a plan edit rebuilds the model, then every page that shows plan facts follows
 * without a restart — the injected pages (Astro's static-paths cache cleared through the content
 * layer's signal) and the site's docs that embed plans through directives.
 */
export function watchPlans({ server, roots, root, logger, rebuild }: PlanWatch): void {
  const inRoots = (file: string) =>
    roots.some((r) => file.startsWith(r + path.sep)) && file.endsWith(".md");
  for (const r of roots) server.watcher.add(r);
  let timer: NodeJS.Timeout | null = null;
  const changed = (file: string) => {
    if (!inRoots(file)) return;
    if (timer) clearTimeout(timer);
    // Editors write a file in several steps; wait for the last one.
    timer = setTimeout(() => void update(file), 30);
  };
  const update = async (file: string) => {
    const start = performance.now();
    try {
      await rebuild(file);
      logger.info(
        `plans updated in ${(performance.now() - start).toFixed(0)} ms (${path.relative(root, file)})`,
      );
      reloadPages(server, inRoots);
    } catch (error) {
      logger.error(`could not rebuild plans: ${(error as Error).message}`);
    }
  };
  server.watcher.on("add", changed);
  server.watcher.on("change", changed);
  server.watcher.on("unlink", changed);
}

/** Pages and docs render again from the new model, then browsers reload. */
function reloadPages(server: DevServer, inRoots: (file: string) => boolean): void {
  for (const [name, environment] of Object.entries(server.environments)) {
    if (name === "client") continue;
    // Astro caches getStaticPaths in dev; this signal clears it, so added and deleted plans get
    // (or lose) their pages.
    environment.hot.send("astro:content-changed", {});
    // Docs render plan facts through directives: re-render them from the new model.
    for (const [id, mod] of environment.moduleGraph.idToModuleMap) {
      if (/\.mdx?$/.test(id) && !inRoots(id)) environment.moduleGraph.invalidateModule(mod);
    }
  }
  server.ws.send({ type: "full-reload" });
}
