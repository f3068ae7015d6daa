import { remarkDirective, remarkPlanDirectives } from "./remark.ts";
import type { DirectiveSite } from "./resolve.ts";
import { satteriDirectives } from "./satteri.ts";

/** The parts of `config.markdown.processor` we touch (Sätteri's or unified's options object). */
interface ConfiguredProcessor {
  name: string;
  options: {
    features?: { directive?: boolean };
    mdastPlugins?: unknown[];
    remarkPlugins?: unknown[];
  };
}

const KEY = Symbol.for("plan-portal:directive-site");

/** The site as the integration set it up, for plugin lists written before it ran (see planDirectives). */
function registeredSite(): DirectiveSite {
  const site = (globalThis as Record<symbol, unknown>)[KEY] as DirectiveSite | undefined;
  if (!site) {
    throw new Error(
      "planDirectives() is in a remark plugin list, but the planPortal() integration is not in astro.config's integrations.",
    );
  }
  return site;
}

/**
 * For plugin lists that replace the processor's own, i.e. `mdx({ remarkPlugins: [...planDirectives(), …] })`:
 * remark-directive and the plan directives, reading plans from the planPortal() integration.
 */
export function planDirectives(): unknown[] {
  return [remarkDirective, remarkPlanDirectives(registeredSite)];
}

export type Registration = "satteri" | "unified" | null;

function pluginName(entry: unknown): string | undefined {
  const fn = Array.isArray(entry) ? entry[0] : entry;
  return typeof fn === "function" ? fn.name : undefined;
}

/**
 * Put the directive plugin first in the site's markdown chain (MDX inherits it from there).
 * Sätteri runs no remark plugins: its directive syntax is a feature flag and the plugin hooks its
 * mdast stage. Unified gets remark-directive unless the site already has it. `storeKey` goes into
 * the plugin's entry, which is part of the Astro config's digest: when it changes, the content
 * layer drops the docs it keeps rendered (see content-layer.ts).
 */
export function registerDirectives(
  processor: ConfiguredProcessor,
  site: Omit<DirectiveSite, "restoreForeign">,
  storeKey?: object,
): Registration {
  const { options } = processor;
  (globalThis as Record<symbol, unknown>)[KEY] = { ...site, restoreForeign: true };
  if (processor.name === "satteri" && Array.isArray(options.mdastPlugins)) {
    options.features ??= {};
    const restoreForeign = options.features.directive !== true;
    options.features.directive = true;
    const plugin = satteriDirectives({ ...site, restoreForeign });
    options.mdastPlugins.unshift(storeKey ? { ...plugin, storeKey } : plugin);
    return "satteri";
  }
  if (processor.name === "unified" && Array.isArray(options.remarkPlugins)) {
    const present = options.remarkPlugins.some(
      (p) => p === remarkDirective || pluginName(p) === "remarkDirective",
    );
    const plugin = remarkPlanDirectives({ ...site, restoreForeign: !present });
    const ours = storeKey ? [plugin, storeKey] : plugin;
    options.remarkPlugins.unshift(...(present ? [ours] : [remarkDirective, ours]));
    return "unified";
  }
  return null;
}
