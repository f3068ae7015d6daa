/**
 * One SVG for both themes: mermaid draws each diagram once, in its light theme, and every theme
 * colour of the result becomes `light-dark(light, dark)`. Which one shows follows the page's
 * color-scheme (portal.css: the system's preference, or the theme switch's data-theme), so the
 * page's toggle and prefers-color-scheme both recolour the diagram without drawing it twice.
 *
 * Colours the plan's author gave nodes (classDef, style) stay as written: mermaid's own dark theme
 * keeps them too, and the author chose their text colour to match. A diagram whose directive names
 * a theme keeps that theme.
 */

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Hex, rgb()/rgba() and hsl()/hsla() literals: the forms mermaid writes colours in. */
const COLOUR = /#[0-9a-fA-F]{3,8}\b|rgba?\([^()]*\)|hsla?\([^()]*\)/g;
/** Presentation attributes that carry a colour (light-dark() is a valid value there). */
const COLOUR_ATTRIBUTE = /\s(fill|stroke|color|stop-color|flood-color)="([^"]*)"/g;
/** CSS text in the SVG: its `<style>` element and `style` attributes. */
const CSS_TEXT = /(<style>)([\s\S]*?)(<\/style>)|(\sstyle=")([^"]*)(")/g;
/** Mermaid's init directives (`%%{init: {...}}%%`). */
const DIRECTIVE = /%%\{[\s\S]*?\}%%/g;
/** A directive that names a theme (or brings its own CSS): the author's look, kept whole. */
const NAMED_THEME = /["']?\b(theme|themeCSS)\b["']?\s*:/;

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

function rgbToHsl({ r, g, b }: Rgba): [number, number, number] {
  const [x, y, z] = [r / 255, g / 255, b / 255];
  const max = Math.max(x, y, z);
  const min = Math.min(x, y, z);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return [0, 0, l];
  const s = d / (1 - Math.abs(2 * l - 1));
  const h =
    max === x
      ? 60 * (((y - z) / d + 6) % 6)
      : max === y
        ? 60 * ((z - x) / d + 2)
        : 60 * ((x - y) / d + 4);
  return [h, s, l];
}

/** The colour a literal names, or null for anything this module does not read. */
export function parseColour(text: string): Rgba | null {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(text);
  if (hex) {
    let digits = hex[1]!;
    if (digits.length === 3 || digits.length === 4) digits = [...digits].map((c) => c + c).join("");
    if (digits.length !== 6 && digits.length !== 8) return null;
    const n = (i: number) => parseInt(digits.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: digits.length === 8 ? n(6) / 255 : 1 };
  }
  const fn = /^(rgba?|hsla?)\(([^()]*)\)$/i.exec(text);
  if (!fn) return null;
  const parts = fn[2]!.split(/[\s,/]+/).filter(Boolean);
  const number = (p: string | undefined, scale: number) =>
    p === undefined ? NaN : p.endsWith("%") ? (parseFloat(p) / 100) * scale : parseFloat(p);
  const alpha = parts[3] === undefined ? 1 : number(parts[3], 1);
  let rgb: [number, number, number];
  if (fn[1]!.toLowerCase().startsWith("rgb"))
    rgb = [number(parts[0], 255), number(parts[1], 255), number(parts[2], 255)];
  else rgb = hslToRgb(parseFloat(parts[0] ?? ""), number(parts[1], 1), number(parts[2], 1));
  if (![...rgb, alpha].every(Number.isFinite)) return null;
  const [r, g, b] = rgb.map((v) => Math.max(0, Math.min(255, v))) as [number, number, number];
  return { r, g, b, a: Math.max(0, Math.min(1, alpha)) };
}

const hex2 = (v: number) => Math.round(v).toString(16).padStart(2, "0");

/** `#rrggbb`, or `#rrggbbaa` when not opaque. */
function formatColour(c: Rgba): string {
  return `#${hex2(c.r)}${hex2(c.g)}${hex2(c.b)}${c.a < 1 ? hex2(c.a * 255) : ""}`;
}

/**
 * The dark theme's counterpart: lightness turned over (white background → near black, dark text →
 * light grey) within 12–90 %, hue kept, pale fills muted so that they sit quietly on the dark page.
 */
export function darkColour(c: Rgba): Rgba {
  const [h, s, l] = rgbToHsl(c);
  const lightness = 0.12 + 0.78 * (1 - l);
  const saturation = l > 0.8 ? s * 0.45 : s;
  const [r, g, b] = hslToRgb(h, saturation, lightness);
  return { r, g, b, a: c.a };
}

const key = (c: Rgba) => formatColour(c).toLowerCase();

/**
 * The colours a diagram's statements name (classDef, style, linkStyle, a sequence's `rect`), as
 * normalised keys. A directive's themeVariables are not among them: those restyle mermaid's light
 * theme, and turn over with it.
 */
function authorColours(source: string): Set<string> {
  const keys = new Set<string>();
  for (const [literal] of source.replace(DIRECTIVE, "").matchAll(COLOUR)) {
    const c = parseColour(literal);
    if (c) keys.add(key(c));
  }
  return keys;
}

/** A colour literal as `light-dark(it, its dark counterpart)`, unless the author chose it. */
function themedLiteral(literal: string, kept: Set<string>): string {
  const c = parseColour(literal);
  if (!c || kept.has(key(c))) return literal;
  return `light-dark(${formatColour(c)}, ${formatColour(darkColour(c))})`;
}

/**
 * Mermaid's light-theme SVG with each theme colour as `light-dark()`, in its `<style>`, `style`
 * attributes and colour attributes. The input is already sanitized; this adds only colours it
 * formatted itself. A source whose init directive names a theme comes back unchanged.
 */
export function themeSvg(svg: string, source: string): string {
  if ([...source.matchAll(DIRECTIVE)].some(([d]) => NAMED_THEME.test(d))) return svg;
  const kept = authorColours(source);
  const inCss = (css: string) => css.replace(COLOUR, (literal) => themedLiteral(literal, kept));
  return svg
    .replace(CSS_TEXT, (whole, open, css, close, attrOpen, attrCss, attrClose) =>
      open !== undefined ? open + inCss(css) + close : attrOpen + inCss(attrCss) + attrClose,
    )
    .replace(COLOUR_ATTRIBUTE, (whole, name: string, value: string) =>
      parseColour(value.trim()) ? ` ${name}="${themedLiteral(value.trim(), kept)}"` : whole,
    );
}
