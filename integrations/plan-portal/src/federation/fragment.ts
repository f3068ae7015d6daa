import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { z } from "zod";
import type { JsonPlan } from "../contract/json.ts";
import { catalogError } from "../errors.ts";
import { PLAN_STATUSES } from "../vocabulary.ts";
import { FragmentInvalid, FragmentNotFound, FragmentVersionUnknown } from "./errors.ts";

/**
 * A portal fragment: what one repository's build publishes so that an organisation portal can
 * include it without re-parsing its plans. It is the built portal folder itself, with this
 * manifest at its top: the portal's pages below `/<name>/`, their plans.json and Pagefind index.
 */
export const FRAGMENT_FILE = "plan-portal-fragment.json";
/** Raised only when a fragment changes in a way an older organisation build cannot read. */
export const FRAGMENT_VERSION = 1;

const ManifestSchema = z.object({
  fragment: z.literal(FRAGMENT_VERSION),
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  title: z.string(),
  generated: z.string(),
  /** Root-relative path of the portal's pages (`/billing/`). */
  portal: z.string().regex(/^\/([^/]+\/)*$/),
  /** Pagefind's version: indexes merge only within one version. Null: built without search. */
  pagefind: z.string().nullable(),
});

export type FragmentManifest = z.output<typeof ManifestSchema>;

/** Pagefind's version, from its package.json (which its `exports` do not expose). */
function pagefindVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve("pagefind")));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pagefind" && pkg.version) return pkg.version;
    }
    const up = path.dirname(dir);
    if (up === dir) return "unknown";
    dir = up;
  }
}

/** The manifest a fragment build writes into its output folder. */
export function writeFragmentManifest(
  outDir: string,
  fragment: { name: string; title: string; today: string; search: boolean },
): FragmentManifest {
  const manifest: FragmentManifest = {
    fragment: FRAGMENT_VERSION,
    name: fragment.name,
    title: fragment.title,
    generated: fragment.today,
    portal: `/${fragment.name}/`,
    pagefind: fragment.search ? pagefindVersion() : null,
  };
  writeFileSync(path.join(outDir, FRAGMENT_FILE), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/** A fragment as the organisation portal reads it: where it is, its manifest and its plans. */
export interface Fragment {
  /** As the user named it (a folder or an URL), for messages. */
  where: string;
  /** The folder holding it, or null for a fragment served at `url`. */
  dir: string | null;
  /** The origin-and-path it is served from, with a trailing `/` (URL fragments), or null. */
  url: string | null;
  manifest: FragmentManifest;
  plans: (JsonPlan & { lastChange?: string })[];
}

function manifestOf(raw: unknown, where: string): FragmentManifest {
  const version = (raw as { fragment?: unknown } | null)?.fragment;
  if (version !== FRAGMENT_VERSION) {
    throw catalogError(
      FragmentVersionUnknown,
      where,
      JSON.stringify(version ?? null),
      FRAGMENT_VERSION,
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw catalogError(
      FragmentInvalid,
      where,
      `${FRAGMENT_FILE}: ${issue.path.join(".") || "(file)"} ${issue.message}`,
    );
  }
  return parsed.data;
}

function plansOf(raw: unknown, where: string): Fragment["plans"] {
  const body = raw as { version?: unknown; plans?: unknown } | null;
  if (body?.version !== 1 || !Array.isArray(body.plans)) {
    throw catalogError(
      FragmentInvalid,
      where,
      `its plans.json is not plan-portal's JSON contract version 1`,
    );
  }
  const plans: Fragment["plans"] = [];
  for (const [i, plan] of body.plans.entries()) {
    const parsed = FragmentPlanSchema.safeParse(plan);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw catalogError(
        FragmentInvalid,
        where,
        `plans[${i}].${issue.path.join(".")} in its plans.json: ${issue.message}`,
      );
    }
    plans.push(plan as Fragment["plans"][number]);
  }
  return plans;
}

/**
 * What the organisation portal reads of each plan of a fragment, checked: a fragment fetched by
 * URL is another team's output, and its values reach HTML attributes and the org plans.json.
 */
const FragmentPlanSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][\w./-]*$/),
    title: z.string(),
    status: z.enum(PLAN_STATUSES),
    score: z.number().finite(),
    openQuestions: z.array(z.unknown()),
  })
  .passthrough();

function readJson(file: string, where: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch (error) {
    throw catalogError(
      FragmentInvalid,
      where,
      `${path.basename(file)}: ${(error as Error).message}`,
    );
  }
}

/** A fragment in a folder (a CI artifact, a checkout of the published site). */
export function readFolderFragment(dir: string, where: string): Fragment {
  const file = path.join(dir, FRAGMENT_FILE);
  if (!existsSync(file)) throw catalogError(FragmentNotFound, where, `no ${FRAGMENT_FILE} in it`);
  const manifest = manifestOf(readJson(file, where), where);
  const plans = plansOf(readJson(path.join(dir, manifest.portal, "plans.json"), where), where);
  return { where, dir, url: null, manifest, plans };
}

async function fetchJson(url: string, where: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw catalogError(FragmentNotFound, where, `${url}: ${(error as Error).message}`);
  }
  if (!response.ok)
    throw catalogError(FragmentNotFound, where, `${url} answered ${response.status}`);
  try {
    return (await response.json()) as unknown;
  } catch (error) {
    throw catalogError(FragmentInvalid, where, `${url}: ${(error as Error).message}`);
  }
}

/** A fragment served over HTTP(S): its manifest and plans are fetched, nothing is copied. */
export async function readUrlFragment(where: string): Promise<Fragment> {
  const url = where.replace(/\/?$/, "/");
  const manifest = manifestOf(await fetchJson(new URL(FRAGMENT_FILE, url).href, where), where);
  const portal = new URL(manifest.portal.slice(1), url).href;
  const plans = plansOf(await fetchJson(new URL("plans.json", portal).href, where), where);
  return { where, dir: null, url, manifest, plans };
}
