import { describe, expect, it } from "vitest";
import { embedDiagrams } from "../src/diagrams/embed.ts";
import type { SvgRenderer } from "../src/diagrams/render-svg.ts";
import { darkColour, parseColour, themeSvg } from "../src/diagrams/svg-theme.ts";

/** Relative luminance (0 black … 1 white) of a `#rrggbb` colour, as WCAG defines it. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const pairOf = (text: string, light: string) =>
  new RegExp(`light-dark\\(${light}, (#[0-9a-f]{6})\\)`).exec(text)?.[1];

describe("one SVG for both themes", () => {
  const svg =
    '<svg id="m0123456789ab" style="max-width: 200px;"><style>#m0123456789ab{fill:#333;}#m0123456789ab .node rect{fill:#ECECFF;stroke:#9370DB;}#m0123456789ab .edgeLabel{background-color:rgba(232,232,232, 0.8);}</style>' +
    '<g><path fill="#ECECFF" stroke="hsl(240, 100%, 97.2745098039%)"/><rect style="fill:#90EE90 !important;stroke:#1f2937"/><text fill="none">x</text></g></svg>';
  const themed = themeSvg(svg, "graph TB\n  classDef P1 fill:#90EE90,stroke:#1f2937,color:#111;\n");

  it("turns mermaid's theme colours into light-dark() pairs: dark text light, pale fills dark", () => {
    expect(themed).toContain("fill:light-dark(#333333, ");
    const text = pairOf(themed, "#333333")!;
    const fill = pairOf(themed, "#ececff")!;
    expect(luminance(text)).toBeGreaterThan(0.4);
    expect(luminance(fill)).toBeLessThan(0.05);
    // Presentation attributes too (light-dark() is a valid value there), and hsl()/rgba() forms.
    expect(themed).toMatch(
      /<path fill="light-dark\(#ececff, #[0-9a-f]{6}\)" stroke="light-dark\(#f1f1ff, /,
    );
    expect(themed).toMatch(/background-color:light-dark\(#e8e8e8cc, #[0-9a-f]{6}cc\)/);
  });

  it("keeps the author's colours (classDef) and everything that is not a colour", () => {
    expect(themed).toContain('style="fill:#90EE90 !important;stroke:#1f2937"');
    expect(themed).toContain('<text fill="none">');
    expect(themed).toContain('style="max-width: 200px;"');
    expect(themed).toContain("#m0123456789ab .node rect{");
  });

  it("leaves a diagram whose init directive names a theme as mermaid drew it", () => {
    const source = '%%{init: {"theme": "forest"}}%%\ngraph TB\n  A --> B';
    expect(themeSvg(svg, source)).toBe(svg);
  });

  it("turns over a directive's themeVariables like the theme they restyle (the template sets some)", () => {
    const source =
      '%%{init: { "themeVariables": { "fontFamily":"Inter","primaryTextColor":"#333333"}}}%%\ngraph TB\n  A --> B';
    expect(themeSvg(svg, source)).toContain("fill:light-dark(#333333, ");
  });

  it("reads the colour forms mermaid writes", () => {
    expect(parseColour("#abc")).toEqual({ r: 170, g: 187, b: 204, a: 1 });
    expect(parseColour("rgba(232,232,232, 0.8)")).toEqual({ r: 232, g: 232, b: 232, a: 0.8 });
    expect(parseColour("hsl(0, 100%, 50%)")).toEqual({ r: 255, g: 0, b: 0, a: 1 });
    expect(parseColour("#12345")).toBeNull();
    expect(darkColour({ r: 255, g: 255, b: 255, a: 1 })).toEqual({
      r: 0.12 * 255,
      g: 0.12 * 255,
      b: 0.12 * 255,
      a: 1,
    });
  });
});

describe("diagram ids on a page", () => {
  it("gives a diagram shown twice on one page its own ids the second time", async () => {
    const drawn =
      '<svg id="m0123456789ab"><style>#m0123456789ab .edge{}</style><marker id="m0123456789ab_end"/></svg>';
    const renderer: SvgRenderer = {
      render: async () => ({ svg: drawn }),
      prefetch: () => {},
      stats: () => ({ rendered: 1, cached: 0 }),
      close: async () => {},
    };
    const block = '<pre><code class="language-mermaid">graph TB\n  A --> B</code></pre>';
    const source = "graph TB\n  A --> B";
    const figures = [0, 1].map((i) => ({ source, title: `Diagram ${i}`, validation: undefined }));
    const { html } = await embedDiagrams(`${block}<p>x</p>${block}`, figures, renderer, "auto");
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toContain("m0123456789ab");
    expect(ids).toContain("m0123456789ab-1_end");
    expect(html).toContain("#m0123456789ab-1 .edge{}");
    expect(new Set(ids).size).toBe(ids.length);
  });
});
