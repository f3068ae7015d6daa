import type { CheckedPlan } from "../check/index.ts";
import type { Plan } from "../parse/types.ts";
import { ref } from "./ref.ts";
import type { CatalogEntry, PortalAggregates } from "./types.ts";

type Catalogs = Pick<
  PortalAggregates,
  "components" | "externalDependencies" | "endpoints" | "entities" | "errorCodes"
>;

/** One entry per key, listing every plan's items under it; most-shared entries first. */
function catalog<T>(
  plans: CheckedPlan[],
  pick: (plan: Plan) => { key: string; line: number; item: T }[],
): CatalogEntry<T>[] {
  const byKey = new Map<string, CatalogEntry<T>>();
  for (const c of plans) {
    for (const { key, line, item } of pick(c.plan)) {
      if (!key) continue;
      const entry = byKey.get(key) ?? { key, items: [], plans: 0 };
      entry.items.push({ ...item, ...ref(c, line) });
      byKey.set(key, entry);
    }
  }
  const entries = [...byKey.values()];
  for (const e of entries) e.plans = new Set(e.items.map((i) => i.planId)).size;
  return entries.sort((a, b) => b.plans - a.plans || a.key.localeCompare(b.key));
}

/**
 * Where a component lives, as a folder: `services/checkout/src/`, `` `services/checkout/src` `` and
 * `services/checkout/src/cart.ts` are the same place, so plans touching it are seen together.
 */
export function normaliseLocation(location: string): string {
  const clean = location.replace(/[`*]/g, "").trim().replace(/^\.\//, "").replace(/\/+$/, "");
  const last = clean.split("/").pop() ?? "";
  return clean.includes("/") && /\.[a-z0-9]{1,5}$/i.test(last)
    ? clean.slice(0, clean.length - last.length - 1)
    : clean;
}

/** Rule whose findings say which endpoints and error codes plans define differently. */
const CONFLICT_RULE = "conflicting-definition";

/** Names (`METHOD /path`, error codes) that the conflicting-definition rule reported, by kind. */
function conflicts(plans: CheckedPlan[]): { endpoints: Set<string>; errorCodes: Set<string> } {
  const found = { endpoints: new Set<string>(), errorCodes: new Set<string>() };
  for (const c of plans) {
    for (const f of c.findings) {
      const name = f.ruleId === CONFLICT_RULE ? f.data?.["name"] : undefined;
      if (name === undefined) continue;
      if (f.messageId === "endpoint") found.endpoints.add(name);
      else if (f.messageId === "error-code") found.errorCodes.add(name);
    }
  }
  return found;
}

/** The catalogs of what plans build and use, with conflicting definitions flagged. */
export function catalogs(plans: CheckedPlan[]): Catalogs {
  const conflicting = conflicts(plans);
  return {
    components: catalog(plans, (p) =>
      p.components.map((x) => ({
        key: normaliseLocation(x.location),
        line: x.line,
        item: { name: x.name, responsibility: x.responsibility, change: x.change, phase: x.phase },
      })),
    ),
    externalDependencies: catalog(plans, (p) =>
      p.externalDependencies.map((x) => ({
        key: x.name,
        line: x.line,
        item: {
          type: x.type,
          protocol: x.protocol,
          purpose: x.purpose,
          criticality: x.criticality,
        },
      })),
    ),
    endpoints: catalog(plans, (p) =>
      p.endpoints.map((x) => ({
        key: `${x.method} ${x.path}`,
        line: x.line,
        item: {
          method: x.method,
          path: x.path,
          source: x.source,
          conflict: conflicting.endpoints.has(`${x.method} ${x.path}`),
        },
      })),
    ),
    entities: catalog(plans, (p) =>
      p.entities.map((x) => ({
        key: x.name,
        line: x.line,
        item: { phase: x.phase, description: x.description },
      })),
    ),
    errorCodes: catalog(plans, (p) =>
      p.errorCodes.map((x) => ({
        key: x.code,
        line: x.line,
        item: { description: x.description, collision: conflicting.errorCodes.has(x.code) },
      })),
    ),
  };
}
