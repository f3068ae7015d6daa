import { readFileSync } from "node:fs";
import path from "node:path";
import { aggregate, type PortalAggregates } from "../aggregate/index.ts";
import type { CheckedPlan } from "../check/index.ts";
import { toJsonPlan, type JsonPlan } from "../contract/json.ts";
import type { DiscoveryNotice } from "../discover/index.ts";
import type { PlanPortalOptions } from "../options.ts";
import { scanMarkdown } from "../parse/markdown.ts";
import type { PipelineResult } from "../pipeline.ts";
import type { TrendPoint } from "../trend/index.ts";
import { specsRoots } from "../util/specs-roots.ts";
import { lastChanges } from "./git-dates.ts";
import { componentsDiagram } from "./cross-plan.ts";
import {
  embedDiagrams,
  figure,
  type DiagramFigure,
  type DiagramMode,
  type EmbedResult,
} from "../diagrams/embed.ts";
import { catalogNotice } from "../discover/notice.ts";
import { SiblingUnreadable } from "../errors.ts";
import type { SvgRenderer } from "../diagrams/render-svg.ts";
import { sectionAt } from "../parse/sections.ts";
import {
  renderDiskCache,
  renderMarkdown,
  type Heading,
  type RenderCounts,
  type RenderedDoc,
  type Renderer,
} from "./render-cache.ts";
import { anchorItems } from "./item-anchors.ts";
import { sha1 } from "../cache/disk-cache.ts";
import { Lru } from "../cache/lru.ts";
import { contractsMarkdown } from "./contracts.ts";
import { linkRewriter } from "./links.ts";
import { SIBLINGS, type SiblingKind } from "./siblings.ts";
import type { UrlSettings } from "./url.ts";
import type { Frame } from "./frame.ts";

export { SIBLINGS, type SiblingKind } from "./siblings.ts";

export type { Heading, Renderer, RenderedDoc } from "./render-cache.ts";

export interface SiblingPage extends RenderedDoc {
  kind: SiblingKind;
  file: string;
  title: string;
  /** Mermaid diagrams on the page are drawn in the browser (no SVG at build). */
  clientDiagrams: boolean;
}

export interface PortalPlan extends RenderedDoc {
  id: string;
  checked: CheckedPlan;
  json: JsonPlan;
  siblings: SiblingPage[];
  /** YYYY-MM-DD of the last commit touching plan.md (or its modification time). */
  lastChange: string | null;
  /** plan.md relative to the project root, with `/`. */
  repoPath: string;
  editHref: string | null;
  clientDiagrams: boolean;
  /** Each of `checked.plan.diagrams` as drawn on the plan page (undefined: not in the rendered page). */
  diagramFigures: (string | undefined)[];
  /** Lines of open questions and markers the plan page gives an id (item-anchors.ts). */
  itemLines: ReadonlySet<number>;
}

export interface PortalSettings extends UrlSettings {
  title: string;
  /** Extra header links (the site's onboarding docs), as configured. */
  links: { label: string; href: string }[];
  search: boolean;
  /**
   * Where the search dialog loads Pagefind and what its result URLs start with; absent: the
   * portal's own index below the portal. In a Starlight site Starlight's index (at the site's root)
   * holds the portal's pages, and the portal builds none of its own.
   */
  searchBundle?: { bundle: string; base: string };
  /** The frame pages render in (absent: the portal's own). */
  frame?: Frame;
  /** Plan pages get the search dialog and theme switch scripts (else they ship no JavaScript). */
  planPageScripts?: boolean;
  today: string;
}

export interface PortalModel {
  settings: PortalSettings;
  /**
   * Cross-plan diagrams (components by folder) as ready figures; the plan graph is drawn by its
   * page's script (graph-data.ts).
   */
  crossDiagrams: { components: EmbedResult | null };
  diagramStats: { mode: DiagramMode; svg: boolean; rendered: number; cached: number };
  /** Markdown documents (plans and sibling files) rendered now, and taken from the caches. */
  renderStats: RenderCounts;
  plans: PortalPlan[];
  byId: Map<string, PortalPlan>;
  aggregates: PortalAggregates;
  notices: DiscoveryNotice[];
  summary: { plans: number; errors: number; warnings: number; infos: number };
  timings: Record<string, number>;
  /** The portal at sampled past commits, oldest first (issue 20); null without history. */
  trend: TrendPoint[] | null;
}

/** What render receives from the stages before it (discover, parse, diagram validation, check). */
export type CheckedPortal = Pick<PipelineResult, "plans" | "notices" | "timings"> &
  Partial<Pick<PipelineResult, "trend">>;

export interface BuildInput {
  /** The checked plans and the notices of the earlier stages (see `runPortalPipeline`). */
  pipeline: CheckedPortal;
  /** Renders mermaid to SVG at build; null when no Chromium is available (browser fallback). */
  svg: SvgRenderer | null;
  options: PlanPortalOptions;
  /** Project root (absolute). */
  root: string;
  settings: PortalSettings;
  renderer: Renderer;
  /**
   * What else decides how markdown renders (the site's markdown configuration, Astro's version);
   * rendered documents are cached on disk under it. Absent: no disk cache.
   */
  markdownFingerprint?: string;
  /** Keep rendered documents in memory for the next rebuild (dev). */
  keepInMemory?: boolean;
}

/**
 * The plan with the rendered heading ids in place of the parser's slugs, so every link into a plan
 * uses the page's real anchors. A new value: check's result stays as check returned it.
 */
function withRenderedSlugs(c: CheckedPlan, headings: Heading[]): CheckedPlan {
  let next = 0;
  const sections = c.plan.sections.map((section) => {
    for (let i = next; i < headings.length; i++) {
      if (headings[i]!.depth === section.level) {
        next = i + 1;
        return { ...section, slug: headings[i]!.slug };
      }
    }
    return section;
  });
  return { ...c, plan: { ...c.plan, sections } };
}

/** A sibling document's text; null when the file is not there, a notice when it cannot be read. */
export function readSibling(
  file: string,
  kind: string,
  notices: DiscoveryNotice[],
  shownAs: string,
): string | null {
  try {
    return kind === "contracts" ? contractsMarkdown(file) : readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") {
      notices.push(catalogNotice(SiblingUnreadable, shownAs, code ?? (error as Error).message));
    }
    return null;
  }
}

/** What rendering every plan shares: settings, renderers, caches and the plans' folders. */
interface RenderContext {
  options: PlanPortalOptions;
  root: string;
  settings: PortalSettings;
  renderer: Renderer;
  svg: SvgRenderer | null;
  mode: DiagramMode;
  cache: Parameters<typeof renderMarkdown>[4];
  /** Plan folder (absolute) → plan id, for links between plans. */
  folders: Map<string, string>;
  /** plan.md (absolute) → YYYY-MM-DD of its last change. */
  dates: Map<string, string>;
  /** Sibling documents that exist but cannot be read. */
  readNotices: DiscoveryNotice[];
}

/** The plan's diagrams as figures; each says what its mermaid-syntax finding says, at its place. */
function planFigures(c: CheckedPlan): DiagramFigure[] {
  return c.plan.diagrams.map((d) => {
    const end = d.sourceLine + d.source.split("\n").length;
    const finding = c.findings.find(
      (f) => f.ruleId === "mermaid-syntax" && f.line >= d.line && f.line <= end,
    );
    return {
      source: d.source,
      title: `${d.kind === "erDiagram" ? "Entity relationship diagram" : "Diagram"} in “${sectionAt(c.plan.sections, d.line)?.title ?? c.plan.title}”`,
      validation: d.validation,
      ...(finding
        ? {
            error: {
              message: finding.data?.["problem"] ?? finding.message,
              line: finding.line,
              column: finding.column,
            },
          }
        : {}),
    };
  });
}

/**
 * Every plan's diagrams that mermaid can draw, in plan order: queued before the plans render, so
 * Chromium draws them in batches while the plans' markdown renders, rather than one at a time.
 */
function drawableDiagrams(plans: CheckedPlan[]): string[] {
  return plans.flatMap((c) =>
    c.plan.diagrams.filter((d) => d.validation?.ok !== false).map((d) => d.source),
  );
}

/**
 * Rendered pages with their diagrams in place, kept between dev rebuilds (`keepInMemory`): taking
 * every plan's SVGs from the disk cache again was most of a rebuild at 1,000 plans (issue 19).
 * Bounded like the rendered-markdown memory; a page with a diagram left to the browser (a failed
 * drawing) is not kept, so the next rebuild tries again.
 */
const embedMemory = new Lru<string, EmbedResult>({
  maxEntries: 50_000,
  maxWeight: 64 * 1024 * 1024,
  weigh: (e) => e.html.length,
});

async function embedKept(
  ctx: RenderContext,
  html: string,
  figures: DiagramFigure[],
): Promise<EmbedResult> {
  if (!ctx.cache.keepInMemory || figures.length === 0) {
    return embedDiagrams(html, figures, ctx.svg, ctx.mode);
  }
  const key = sha1(`${ctx.mode}\0${ctx.svg ? "svg" : "none"}\0${html}\0${JSON.stringify(figures)}`);
  const kept = embedMemory.get(key);
  if (kept) return kept;
  const result = await embedDiagrams(html, figures, ctx.svg, ctx.mode);
  if (!result.client || !ctx.svg) embedMemory.set(key, result);
  return result;
}

/** The sibling documents beside plan.md that exist and can be read, rendered with their diagrams. */
async function renderSiblings(
  ctx: RenderContext,
  planId: string,
  dir: string,
  rewrite: (href: string) => string | null,
): Promise<SiblingPage[]> {
  const siblings: SiblingPage[] = [];
  for (const s of SIBLINGS) {
    const siblingFile = path.join(dir, s.file);
    const shownAs = path.relative(ctx.root, siblingFile);
    const text = readSibling(siblingFile, s.kind, ctx.readNotices, shownAs);
    if (text === null) continue;
    const page = await renderMarkdown(
      ctx.renderer,
      text,
      rewrite,
      `${planId}/${s.file}`,
      ctx.cache,
    );
    // Scanning every sibling again on each dev rebuild is most of this stage: most have no diagram.
    const fences = !/mermaid/i.test(text)
      ? []
      : scanMarkdown(text).blocks.flatMap((b) =>
          b.kind === "fence" && b.lang === "mermaid" ? [b.content] : [],
        );
    const siblingFigures = fences.map((source) => ({
      source,
      title: `Diagram in ${s.title}`,
      validation: undefined,
    }));
    const withDiagrams = await embedKept(ctx, page.html, siblingFigures);
    siblings.push({
      ...s,
      html: withDiagrams.html,
      headings: page.headings,
      clientDiagrams: withDiagrams.client,
    });
  }
  return siblings;
}

/** Where plan.md can be edited: `editUrl` with the plan's path below it. */
function editHref(editUrl: string | undefined, repoPath: string): string | null {
  if (!editUrl) return null;
  return editUrl.replace(/\/?$/, "/") + repoPath.split("/").map(encodeURIComponent).join("/");
}

/** One plan's page: plan.md rendered with its diagrams, its siblings, and its JSON. */
async function renderPlan(ctx: RenderContext, checked: CheckedPlan): Promise<PortalPlan> {
  const file = path.resolve(ctx.root, checked.plan.path);
  const dir = path.dirname(file);
  const rewrite = linkRewriter(ctx.settings, dir, ctx.folders);
  const rendered = checked.plan.lines.length
    ? await renderMarkdown(
        ctx.renderer,
        checked.plan.lines.join("\n"),
        rewrite,
        checked.plan.id,
        ctx.cache,
      )
    : { html: "", headings: [] };
  const c = withRenderedSlugs(checked, rendered.headings);
  const embedded = await embedKept(ctx, rendered.html, planFigures(c));
  const siblings = await renderSiblings(ctx, c.plan.id, dir, rewrite);
  const anchored = anchorItems(embedded.html, c.plan);
  return {
    id: c.plan.id,
    checked: c,
    json: toJsonPlan(c, ctx.settings.today),
    html: anchored.html,
    headings: rendered.headings,
    siblings,
    lastChange: ctx.dates.get(file) ?? null,
    repoPath: c.plan.path,
    editHref: c.plan.repository
      ? editHref(c.plan.repository.editUrl, c.plan.repository.path)
      : editHref(ctx.options.editUrl, c.plan.path),
    clientDiagrams: embedded.client,
    diagramFigures: embedded.figures ?? [],
    itemLines: new Set(anchored.lines),
  };
}

/** The components-by-folder diagram, drawn like any plan's figure. */
async function crossPlanDiagrams(
  aggregates: PortalAggregates,
  svg: SvgRenderer | null,
  mode: DiagramMode,
): Promise<PortalModel["crossDiagrams"]> {
  const cross = async (source: string | null, title: string) =>
    source ? await figure({ source, title, validation: undefined }, svg, mode, 0) : null;
  return {
    components: await cross(componentsDiagram(aggregates), "Folders that several plans touch"),
  };
}

/** How many plans, and findings by severity. */
function summarize(plans: CheckedPlan[]): PortalModel["summary"] {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const c of plans) {
    for (const f of c.findings) {
      if (f.severity === "error") errors++;
      else if (f.severity === "warning") warnings++;
      else infos++;
    }
  }
  return { plans: plans.length, errors, warnings, infos };
}

/**
 * Each plan's last change: its feature folder's last commit from the history stage; for plans
 * without history (history off, no git), plan.md's last commit or modification time (git-dates.ts).
 */
function lastChangeDates(plans: CheckedPlan[], root: string, roots: string[]): Map<string, string> {
  const file = (c: CheckedPlan) => path.resolve(root, c.plan.path);
  const without = plans.filter((c) => !c.history?.lastChange);
  const dates = without.length ? lastChanges(without.map(file), roots) : new Map<string, string>();
  for (const c of plans) if (c.history?.lastChange) dates.set(file(c), c.history.lastChange);
  return dates;
}

/** What rendering shares, from the build's input: caches, plan folders and last-change dates. */
function renderContext(input: BuildInput, counts: RenderCounts): RenderContext {
  const { options, root, settings, renderer, svg, pipeline } = input;
  const folders = new Map<string, string>();
  for (const c of pipeline.plans)
    folders.set(path.resolve(root, path.dirname(c.plan.path)), c.plan.id);
  const dates = lastChangeDates(pipeline.plans, root, specsRoots(options.specsDir, root));
  const disk =
    input.markdownFingerprint !== undefined ? renderDiskCache(input.markdownFingerprint) : null;
  return {
    options,
    root,
    settings,
    renderer,
    svg,
    mode: options.diagrams.mode,
    cache: { disk, keepInMemory: input.keepInMemory ?? false, counts },
    folders,
    dates,
    readNotices: [],
  };
}

export async function buildPortal(input: BuildInput): Promise<PortalModel> {
  const { settings, svg, pipeline: result } = input;
  const renderCounts: RenderCounts = { rendered: 0, fromDisk: 0, fromMemory: 0 };
  const t0 = performance.now();
  const ctx = renderContext(input, renderCounts);
  const mode = ctx.mode;
  const plans: PortalPlan[] = [];
  if (svg && mode !== "client" && mode !== "off") svg.prefetch(drawableDiagrams(result.plans));
  for (const checked of result.plans) plans.push(await renderPlan(ctx, checked));
  const checkedPlans = plans.map((p) => p.checked);
  const t1 = performance.now();
  const aggregates = aggregate(checkedPlans, settings.today);
  const t2 = performance.now();
  const crossDiagrams = await crossPlanDiagrams(aggregates, svg, mode);
  const t3 = performance.now();
  return {
    settings,
    plans,
    byId: new Map(plans.map((p) => [p.id, p])),
    aggregates,
    notices: [...result.notices, ...ctx.readNotices],
    summary: summarize(result.plans),
    trend: result.trend ?? null,
    crossDiagrams,
    renderStats: renderCounts,
    diagramStats: {
      mode,
      svg: svg !== null && mode !== "client" && mode !== "off",
      ...(svg?.stats() ?? { rendered: 0, cached: 0 }),
    },
    timings: {
      ...result.timings,
      render: t1 - t0,
      aggregate: t2 - t1,
      "cross-plan diagrams": t3 - t2,
    },
  };
}
