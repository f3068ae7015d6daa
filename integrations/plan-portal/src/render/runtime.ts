import type { PortalModel } from "./store.ts";

/**
 * The portal model lives in the integration's process; injected pages read it from here instead
 * of having every plan serialised into the page bundle. Astro prerenders pages in the same Node
 * process that runs the integration (build and dev alike).
 */
const KEY = Symbol.for("plan-portal:store");

export interface StoreHandle {
  get(): Promise<PortalModel>;
}

export function setStore(handle: StoreHandle): void {
  (globalThis as Record<symbol, unknown>)[KEY] = handle;
}

export async function getPortal(): Promise<PortalModel> {
  const handle = (globalThis as Record<symbol, unknown>)[KEY] as StoreHandle | undefined;
  if (!handle) {
    throw new Error(
      "plan-portal pages were rendered without the plan-portal integration's data. Add planPortal() to `integrations` in astro.config, and keep its pages prerendered (they read plans at build time).",
    );
  }
  return handle.get();
}
