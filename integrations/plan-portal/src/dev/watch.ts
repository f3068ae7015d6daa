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
  /**
   * Rebuilds the portal model after `files` changed (and reports what follows from it); resolves
   * to a note on where the time went, for the terminal's line.
   */
  rebuild: (files: string[]) => Promise<string | void>;
}

/** Editors write a file in several steps (and tools several files): wait this long for the last. */
export const DEBOUNCE_MS = 30;

/**
 * Saves turned into rebuilds: saves within `debounceMs` of each other are one rebuild, and one
 * rebuild runs at a time. Saves that arrive while one runs wait for it and then run together,
 * once, reading the files as they are then — so a burst of saves ends in a rebuild of the last
 * state, never in a queue of rebuilds of states already overwritten. `rebuild` reports its own
 * failures (watchPlans logs them); a rejection would be unhandled.
 */
export function coalesceRebuilds(
  rebuild: (files: string[]) => Promise<void>,
  debounceMs = DEBOUNCE_MS,
): (file: string) => void {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let pending = new Set<string>();
  const start = async () => {
    timer = null;
    if (running || pending.size === 0) return;
    running = true;
    const files = [...pending];
    pending = new Set();
    try {
      await rebuild(files);
    } finally {
      running = false;
    }
    // Saves made during the rebuild: one more, unless their debounce timer will start it.
    if (pending.size > 0 && !timer) void start();
  };
  return (file: string) => {
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void start(), debounceMs);
  };
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
  const update = async (files: string[]) => {
    const start = performance.now();
    try {
      const note = await rebuild(files);
      const shown = path.relative(root, files[files.length - 1]!);
      const more = files.length > 1 ? ` and ${files.length - 1} more` : "";
      logger.info(
        `plans updated in ${(performance.now() - start).toFixed(0)} ms (${shown}${more})${note ? `: ${note}` : ""}`,
      );
      reloadPages(server, inRoots);
    } catch (error) {
      logger.error(
        `could not rebuild plans: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  };
  const changed = coalesceRebuilds(update);
  const onFile = (file: string) => {
    if (inRoots(file)) changed(file);
  };
  server.watcher.on("add", onFile);
  server.watcher.on("change", onFile);
  server.watcher.on("unlink", onFile);
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
