import { fileURLToPath } from "node:url";
import type { StarlightPlugin } from "@astrojs/starlight/types";
import { PortalTwice } from "./errors.ts";
import { astroError } from "./options-errors.ts";
import planPortal, { type PlanPortalUserOptions } from "./index.ts";
import { moduleUrl } from "./util/module-url.ts";

/** The portal's stylesheet: scoped, so Starlight's pages keep their look and directives get theirs. */
const STYLES = fileURLToPath(new URL("./render/styles/portal.css", import.meta.url));
const SIDEBAR = fileURLToPath(moduleUrl("./render/starlight-sidebar", import.meta.url));

/**
 * `starlight({ plugins: [planPortalStarlight({ …planPortal options })] })`: the portal inside a
 * Starlight site. Adds the planPortal() integration with its pages in Starlight's frame, a Plans
 * group at the end of the sidebar, and the portal's (scoped) styles for directives in the docs.
 * Search is Starlight's: its index holds the docs and the portal's pages (none is built twice).
 */
export default function planPortalStarlight(options: PlanPortalUserOptions = {}): StarlightPlugin {
  return {
    name: "plan-portal",
    hooks: {
      "config:setup"({ addIntegration, addRouteMiddleware, astroConfig, config, updateConfig }) {
        if (astroConfig.integrations.some((i) => i.name === "plan-portal")) {
          throw astroError(PortalTwice);
        }
        addIntegration(
          planPortal({
            frame: "starlight",
            ...options,
            search: options.search !== false && config.pagefind !== false,
          }),
        );
        addRouteMiddleware({ entrypoint: SIDEBAR });
        const css = config.customCss ?? [];
        if (!css.includes(STYLES)) updateConfig({ customCss: [...css, STYLES] });
      },
    },
  };
}

export type { PlanPortalUserOptions } from "./index.ts";
