import { readFileSync } from "node:fs";
import path from "node:path";
import { aggregate, type PortalAggregates } from "../aggregate/index.ts";
import type { CheckedPlan } from "../check/index.ts";
import { toJsonPlan, type JsonPlan } from "../contract/json.ts";
import type { DiscoveryNotice } from "../discover/index.ts";
import type { PlanPortalOptions } from "../options.ts";
import { scanMarkdown } from "../parse/markdown.ts";
import type { PipelineResult } from "../pipeline.ts";
import { specsRoots } from "../util/specs-roots.ts";
import { lastChanges } from "./git-dates.ts";
import { componentsDiagram, graphDiagram } from "./cross-plan.ts";
import { embedDiagrams, figure, type DiagramMode, type EmbedResult } from "../diagrams/embed.ts";
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
  /** Cross-plan diagrams (plan graph, components by folder) as ready figures. */
  crossDiagrams: { graph: EmbedResult | null; components: EmbedResult | null };
  diagramStats: { mode: DiagramMode; svg: boolean; rendered: number; cached: number };
  /** Markdown documents (plans and sibling files) rendered now, and taken from the caches. */
  renderStats: RenderCounts;
  plans: PortalPlan[];
  byId: Map<string, PortalPlan>;
  aggregates: PortalAggregates;
  notices: DiscoveryNotice[];
  summary: { plans: number; errors: number; warnings: number; infos: number };
  timings: Record<string, number>;
}

/** What render receives from the stages before it (discover, parse, diagram validation, check). */
export type CheckedPortal = Pick<PipelineResult, "plans" | "notices" | "timings">;

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
      notices.push({
        path: shownAs,
        message: `could not be read (${code ?? (error as Error).message}), so its page is missing from the portal.`,
        hint: "Check the file's permissions (the build must be able to read it), then build again.",
      });
    }
    return null;
  }
}

export async function buildPortal(input: BuildInput): Promise<PortalModel> {
  const { options, root, settings, renderer, svg, pipeline: result } = input;
  const renderCounts: RenderCounts = { rendered: 0, fromDisk: 0, fromMemory: 0 };
  const cache = {
    disk:
      input.markdownFingerprint !== undefined ? renderDiskCache(input.markdownFingerprint) : null,
    keepInMemory: input.keepInMemory ?? false,
    counts: renderCounts,
  };
  const mode = options.diagrams.mode;
  const roots = specsRoots(options.specsDir, root);
  const t0 = performance.now();

  const folders = new Map<string, string>();
  for (const c of result.plans)
    folders.set(path.resolve(root, path.dirname(c.plan.path)), c.plan.id);
  const dates = lastChanges(
    result.plans.map((c) => path.resolve(root, c.plan.path)),
    roots,
  );

  const plans: PortalPlan[] = [];
  const checkedPlans: CheckedPlan[] = [];
  const readNotices: DiscoveryNotice[] = [];
  for (const parsedPlan of result.plans) {
    const file = path.resolve(root, parsedPlan.plan.path);
    const dir = path.dirname(file);
    const rewrite = linkRewriter(settings, dir, folders);
    const rendered = parsedPlan.plan.lines.length
      ? await renderMarkdown(
          renderer,
          parsedPlan.plan.lines.join("\n"),
          rewrite,
          parsedPlan.plan.id,
          cache,
        )
      : { html: "", headings: [] };
    const c = withRenderedSlugs(parsedPlan, rendered.headings);
    checkedPlans.push(c);
    const figures = c.plan.diagrams.map((d) => {
      // The figure says what the mermaid-syntax finding says, at the same place.
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
    const embedded = await embedDiagrams(rendered.html, figures, svg, mode);
    const doc = { html: embedded.html, headings: rendered.headings };
    const siblings: SiblingPage[] = [];
    for (const s of SIBLINGS) {
      const siblingFile = path.join(dir, s.file);
      const text = readSibling(siblingFile, s.kind, readNotices, path.relative(root, siblingFile));
      if (text === null) continue;
      const page = await renderMarkdown(renderer, text, rewrite, `${c.plan.id}/${s.file}`, cache);
      const fences = scanMarkdown(text).blocks.flatMap((b) =>
        b.kind === "fence" && b.lang === "mermaid" ? [b.content] : [],
      );
      const siblingFigures = fences.map((source) => ({
        source,
        title: `Diagram in ${s.title}`,
        validation: undefined,
      }));
      const withDiagrams = await embedDiagrams(page.html, siblingFigures, svg, mode);
      siblings.push({
        ...s,
        html: withDiagrams.html,
        headings: page.headings,
        clientDiagrams: withDiagrams.client,
      });
    }
    const repoPath = c.plan.path;
    plans.push({
      id: c.plan.id,
      checked: c,
      json: toJsonPlan(c, settings.today),
      ...doc,
      siblings,
      lastChange: dates.get(file) ?? null,
      repoPath,
      editHref: options.editUrl
        ? options.editUrl.replace(/\/?$/, "/") +
          repoPath.split("/").map(encodeURIComponent).join("/")
        : null,
      clientDiagrams: embedded.client,
      diagramFigures: embedded.figures ?? [],
    });
  }
  const t1 = performance.now();
  const aggregates = aggregate(checkedPlans, settings.today);
  const t2 = performance.now();
  const cross = async (source: string | null, title: string) =>
    source ? await figure({ source, title, validation: undefined }, svg, mode, 0) : null;
  const crossDiagrams = {
    graph: await cross(graphDiagram(aggregates, checkedPlans), "Plans and the plans they build on"),
    components: await cross(componentsDiagram(aggregates), "Folders that several plans touch"),
  };
  const t3 = performance.now();

  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const c of result.plans) {
    for (const f of c.findings) {
      if (f.severity === "error") errors++;
      else if (f.severity === "warning") warnings++;
      else infos++;
    }
  }
  return {
    settings,
    plans,
    byId: new Map(plans.map((p) => [p.id, p])),
    aggregates,
    notices: [...result.notices, ...readNotices],
    summary: { plans: plans.length, errors, warnings, infos },
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
