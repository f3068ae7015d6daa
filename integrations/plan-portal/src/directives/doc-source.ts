/**
 * What of an MDX file is not markdown, blanked out so a markdown parser sees only the body:
 * frontmatter (in .md too), ESM blocks, `{/* comments *\/}` and lines that hold only a JSX tag.
 * Every character becomes a space and line breaks stay, so lines and columns are those of the file.
 * (We parse MDX as markdown on purpose: an MDX parser would need acorn and fail on the first JSX
 * mistake, which `astro build` already reports; here only the directives matter.)
 */

const FRONTMATTER = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?=\r?\n|$)/;
const MDX_COMMENT = /\{\/\*[\s\S]*?\*\/\}/g;
const ESM_START = /^(?:import|export)(?=[\s{*])/;
const JSX_TAG_LINE = /^[ \t]*<\/?[A-Za-z][\w.:-]*(?:\s[^<>]*)?\/?>[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, " ");
}

/** The file with its frontmatter blanked (Astro reads it as data, not as markdown). */
export function withoutFrontmatter(source: string): string {
  return source.replace(FRONTMATTER, blank);
}

/** ESM blocks (from an `import`/`export` line after a blank line up to the next blank line) and JSX tag lines, outside code fences. */
function blankMdxLines(source: string): string {
  const lines = source.split("\n");
  let fence: string | null = null;
  let inEsm = false;
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const isBlank = line.trim() === "";
    const opener = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = null;
    } else if (inEsm || (previousBlank && ESM_START.test(line))) {
      inEsm = !isBlank;
      lines[i] = blank(line);
    } else if (opener) {
      fence = opener;
    } else if (JSX_TAG_LINE.test(line)) {
      lines[i] = blank(line);
    }
    previousBlank = isBlank;
  }
  return lines.join("\n");
}

/** The markdown body of an .mdx file, positions unchanged. */
export function mdxBody(source: string): string {
  return blankMdxLines(withoutFrontmatter(source).replace(MDX_COMMENT, blank));
}
