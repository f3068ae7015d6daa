import { z } from "zod";
import { allRules } from "./check/rules/index.ts";
import { didYouMean } from "./util/suggest.ts";
import { SourcesSchema } from "./sources/schema.ts";
import { DIAGRAM_MODES, SEVERITY_SETTINGS } from "./vocabulary.ts";

const severity = z.enum(SEVERITY_SETTINGS);

/** Options of `planPortal()`: what users write (`PlanPortalUserOptions`) and what code reads (`PlanPortalOptions`). */
export const PlanPortalOptionsSchema = z
  .object({
    /**
     * Folder(s) searched for `plan.md` at any depth, relative to the project root.
     * @example specsDir: ["specs", "apps/billing/specs"]
     */
    specsDir: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
        error: "must be a folder path, or a list of folder paths, relative to the project root",
      })
      .default("specs"),
    /**
     * Route under which the portal lives, below the site's `base`.
     * @example base: "/architecture"
     */
    base: z
      .string()
      .regex(/^\/[a-z0-9/_-]*$/i, "must start with / and use only letters, digits, -, _ and /")
      .default("/plans")
      .transform((b) => (b.length > 1 ? b.replace(/\/+$/, "") : "")),
    /**
     * Severity per rule id (`off`, `info`, `warning`, `error`).
     * @example rules: { "missing-spec": "off", "broken-link": "error" }
     */
    rules: z.record(z.string(), severity).default({}),
    /** Plan template defining required sections; default: `.specify/templates/plan-template.md` when present. */
    template: z.string().optional(),
    /**
     * "Today" for overdue questions, as YYYY-MM-DD; default: the build date. Set it for reproducible builds.
     * @example today: "2026-11-25"
     */
    today: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
      .optional(),
    /**
     * Fail `astro build` when findings of this severity (or worse) remain.
     * @example failOn: "error"
     */
    failOn: z.enum(["error", "warning", "never"]).default("never"),
    /**
     * Several repositories in one portal: local folders and git repositories (cloned shallow and
     * sparse into the cache, fetched on every build). When given, `specsDir` is not read.
     * @example sources: [{ name: "shop", path: "." }, { name: "billing", git: "https://github.com/acme/billing.git", ref: "main" }]
     */
    sources: SourcesSchema.optional(),
    /**
     * Base URL of an "Edit this plan" link; the plan's path from the project root is appended.
     * @example editUrl: "https://github.com/acme/harbor/edit/main/"
     */
    editUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Title shown in the header and the browser tab. */
    title: z.string().min(1).default("Plan Portal"),
    /**
     * Extra links in the portal's header, e.g. onboarding docs written with the plan directives.
     * @example links: [{ label: "Start here", href: "/docs/start-here/" }]
     */
    links: z
      .array(z.object({ label: z.string().min(1), href: z.string().min(1) }).strict())
      .default([]),
    /** Build a Pagefind search index and show the search box. */
    search: z.boolean().default(true),
    /**
     * The frame around the portal's pages: `"starlight"` renders them through Starlight's
     * `<StarlightPage>` (the site's header, sidebar, theme and search), `"portal"` in the portal's
     * own header and footer. `"auto"`: Starlight's when `@astrojs/starlight` is in the site.
     * @example frame: "portal"
     */
    frame: z.enum(["auto", "portal", "starlight"]).default("auto"),
    /**
     * Plan pages (and their spec, tasks, … pages) ship the search dialog (`/`, Ctrl+K) and the
     * light/dark switch: about 7 KB of inline JavaScript per page. Off by default: those pages ship
     * no JavaScript (the Search button opens the search on the plan index), and the theme follows
     * the system's preference on every page. Mermaid drawn in the browser (diagrams `client`, or
     * `auto` without Chromium) loads its script on the pages with diagrams either way.
     */
    planPageScripts: z.boolean().default(false),
    /**
     * Plan history from git (last change, question ages, staleness): `read` `"auto"` reads it when
     * the specs are in a git repository; `true` also notes when they are not; `false` never runs
     * git. `staleDays`: the `stale-plan` rule's threshold. `trendCommits`: how many of the newest
     * commits touching the specs the health page's trend covers (sampled; 0: none).
     * @example history: { staleDays: 30 }
     */
    history: z
      .object({
        read: z.union([z.boolean(), z.literal("auto")]).default("auto"),
        staleDays: z.number().int().positive().default(60),
        trendCommits: z.number().int().min(0).default(50),
      })
      .strict()
      .default({ read: "auto", staleDays: 60, trendCommits: 50 }),
    /** Mermaid diagrams: `auto` renders SVG at build when Chromium is found, else in the browser. */
    diagrams: z
      .object({
        mode: z.enum(DIAGRAM_MODES).default("auto"),
        /** Path to a Chromium/Chrome executable for build-time SVG. */
        chromium: z.string().optional(),
      })
      .default({ mode: "auto" }),
  })
  .strict()
  .superRefine((options, ctx) => {
    const ids = allRules.map((r) => r.id);
    for (const id of Object.keys(options.rules)) {
      if (ids.includes(id)) continue;
      const guess = didYouMean(id, ids);
      ctx.addIssue({
        code: "custom",
        path: ["rules", id],
        message: `unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ""}`,
      });
    }
  });

export type PlanPortalUserOptions = z.input<typeof PlanPortalOptionsSchema>;
export type PlanPortalOptions = z.output<typeof PlanPortalOptionsSchema>;
