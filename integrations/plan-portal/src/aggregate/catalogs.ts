import type { CheckedPlan } from "../check/index.ts";
import { plainText } from "../parse/markdown.ts";
import type { Plan, TechnicalContextField } from "../parse/types.ts";
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

/** What a NEEDS CLARIFICATION marker asks or offers: `[NEEDS CLARIFICATION: Postgres or SQLite]` → the options. */
function markerText(marker: string): string {
  return marker
    .replace(/^[[(]?\s*NEEDS[ _-]CLARIFICATION\s*[:：]?\s*/i, "")
    .replace(/\s*[\])]$/, "")
    .trim();
}

/**
 * A Technical Context value as the tech-stack cell shows it, and whether it still waits for an
 * answer. The words of its NEEDS CLARIFICATION markers stay ("NEEDS CLARIFICATION: Postgres or
 * SQLite" shows "Postgres or SQLite", flagged), a question after a value in parentheses; template
 * placeholders and empty values show nothing.
 */
export function techStackCell(field: TechnicalContextField): { text: string; unresolved: boolean } {
  if (field.state !== "filled" && field.state !== "needs-clarification")
    return { text: "", unresolved: false };
  if (!field.clarification?.length) return { text: field.value, unresolved: false };
  // A struck-through marker is answered: the words after it are the answer.
  let text = field.raw.replace(/~~(.*?)~~/g, (struck, inner: string) =>
    /NEEDS[ _-]CLARIFICATION/i.test(inner) ? "" : struck,
  );
  const markers = field.clarification.filter((m) => text.includes(m));
  for (const marker of markers) {
    const at = text.indexOf(marker);
    if (at < 0) continue;
    const asked = markerText(marker);
    const before = text.slice(0, at).trimEnd();
    // After a value ("Vitest [NEEDS CLARIFICATION: which e2e runner?]") it reads as an aside.
    const shown = asked && before && !/[:;,]$/.test(before) ? ` (${asked})` : ` ${asked}`;
    text = text.slice(0, at) + shown + text.slice(at + marker.length);
  }
  text = plainText(text)
    .replace(/\(\s*\)/g, "")
    .replace(/\s+([,;])/g, "$1")
    .replace(/^[\s,;:—–-]+|[\s,;:(—–-]+$/g, "")
    .trim();
  return { text, unresolved: markers.length > 0 };
}
