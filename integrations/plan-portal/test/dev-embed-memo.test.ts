import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SvgRenderer } from "../src/diagrams/render-svg.ts";
import { parseUserOptions } from "../src/options-errors.ts";
import { runPortalPipeline } from "../src/pipeline.ts";
import { buildPortal } from "../src/render/store.ts";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

/** Stands in for Astro's markdown renderer: the mermaid blocks as the real one writes them. */
const renderer = {
  async render(content: string) {
    const fences = [...content.matchAll(/```mermaid\n([\s\S]*?)```/g)];
    return {
      code: fences.map((m) => `<pre><code class="language-mermaid">${m[1]}</code></pre>`).join(""),
      metadata: { headings: [] },
    };
  },
};

/** A renderer that draws every diagram as an empty SVG and counts what it was asked for. */
function countingSvg(): SvgRenderer & { asked: number } {
  const svg = {
    asked: 0,
    async render() {
      svg.asked++;
      return { svg: `<svg id="m000000000000"></svg>` };
    },
    prefetch() {},
    stats: () => ({ rendered: 0, cached: 0 }),
    close: async () => {},
  };
  return svg;
}

const settings = {
  title: "t",
  links: [],
  search: false,
  today: "2026-11-25",
  routeBase: "/plans",
  trailingSlash: "ignore" as const,
  format: "directory" as const,
};

describe("dev rebuilds keep pages with their diagrams", () => {
  const options = parseUserOptions({ today: "2026-11-25", diagrams: { mode: "auto" } });
  const build = async (svg: SvgRenderer, keepInMemory: boolean) =>
    buildPortal({
      pipeline: await runPortalPipeline(options, root, "2026-11-25"),
      options,
      root,
      renderer,
      svg,
      settings,
      keepInMemory,
    });

  it("asks for no plan diagram again when nothing changed, and builds the same pages", async () => {
    const svg = countingSvg();
    const first = await build(svg, true);
    const askedFirst = svg.asked;
    expect(askedFirst).toBeGreaterThan(0);
    const second = await build(svg, true);
    // Only the cross-plan diagrams, which follow from every plan, are looked up again.
    const cross = Object.values(second.crossDiagrams).filter(Boolean);
    expect(svg.asked - askedFirst).toBe(cross.length);
    expect(second.plans.map((p) => p.html)).toEqual(first.plans.map((p) => p.html));
  });

  it("keeps nothing outside dev (a build runs once)", async () => {
    const svg = countingSvg();
    await build(svg, false);
    const askedFirst = svg.asked;
    await build(svg, false);
    expect(svg.asked).toBe(2 * askedFirst);
  });
});
