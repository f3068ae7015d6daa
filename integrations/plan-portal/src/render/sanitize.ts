import sanitizeHtml from "sanitize-html";

type Options = sanitizeHtml.IOptions;
type Transform = sanitizeHtml.Transformer;

/** Markdown's and Shiki's tags, plus headings, details, task boxes and inline marks. */
const ALLOWED_TAGS: Options["allowedTags"] = [
  ...sanitizeHtml.defaults.allowedTags,
  "img",
  "h1",
  "h2",
  "details",
  "summary",
  "del",
  "ins",
  "input",
  "span",
  "section",
  "sup",
  "sub",
  "kbd",
  "mark",
];

/** Ids, classes and ARIA everywhere; links, images and Shiki's styled code keep what they need. */
const ALLOWED_ATTRIBUTES: Options["allowedAttributes"] = {
  "*": [
    "id",
    "class",
    "title",
    "lang",
    "dir",
    "aria-label",
    "aria-hidden",
    "aria-describedby",
    "role",
  ],
  h2: ["id"],
  a: ["href", "name", "data-footnote-ref", "data-footnote-backref"],
  img: ["src", "alt", "width", "height", "loading", "decoding"],
  input: ["type", "checked", "disabled"],
  pre: ["style", "tabindex", "data-language"],
  code: ["style", "data-language"],
  span: ["style"],
  td: ["style", "align"],
  th: ["style", "align"],
  ol: ["start"],
};

/** Colours (Shiki's themes among them) and simple text styling; nothing that loads or positions. */
const ALLOWED_STYLES: Options["allowedStyles"] = {
  "*": {
    color: [/^#[0-9a-f]{3,8}$/i, /^var\(--[\w-]+\)$/],
    "background-color": [/^#[0-9a-f]{3,8}$/i, /^var\(--[\w-]+\)$/],
    "font-style": [/^italic$/],
    "font-weight": [/^bold$|^\d{3}$/],
    "text-decoration": [/^underline$|^line-through$/],
    "text-align": [/^left$|^right$|^center$/],
    "--shiki-dark": [/^#[0-9a-f]{3,8}$/i],
    "--shiki-light": [/^#[0-9a-f]{3,8}$/i],
    "--shiki-dark-bg": [/^#[0-9a-f]{3,8}$/i],
    "--shiki-light-bg": [/^#[0-9a-f]{3,8}$/i],
  },
};

/** Links between plan files become portal links; a link the portal cannot serve keeps its text. */
function linkTag(rewriteHref: (href: string) => string | null): Transform {
  return (tagName, attribs) => {
    const attrs = { ...attribs };
    if (attrs["href"]) {
      const target = rewriteHref(attrs["href"]);
      // A link the portal cannot serve would 404: keep the text, say where it pointed.
      if (target === null)
        return {
          tagName: "span",
          attribs: { class: "unresolved-link", title: `Not in the portal: ${attrs["href"]}` },
        };
      attrs["href"] = target;
    }
    return { tagName, attribs: attrs };
  };
}

/** Task list checkboxes only, and never editable. */
const taskCheckbox: Transform = (tagName, attribs) =>
  attribs["type"] === "checkbox"
    ? {
        tagName,
        attribs: {
          type: "checkbox",
          disabled: "",
          // A read-only task box still needs a name for screen readers.
          "aria-label": attribs["checked"] !== undefined ? "Done" : "Not done",
          ...(attribs["checked"] !== undefined ? { checked: "" } : {}),
        },
      }
    : { tagName: "span", attribs: {} };

/**
 * Plans are untrusted: the rendered HTML keeps markdown's output (and what Shiki emits) and drops
 * everything that can run code or load remote frames: scripts, event handlers, iframes, objects,
 * forms, `javascript:`/`data:` URLs, inline SVG. `rewriteHref` maps links between plan files to
 * portal pages.
 */
export function sanitizePlanHtml(
  html: string,
  rewriteHref: (href: string) => string | null,
): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    disallowedTagsMode: "discard",
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedStyles: ALLOWED_STYLES,
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowProtocolRelative: false,
    transformTags: { a: linkTag(rewriteHref), input: taskCheckbox },
  });
}

/**
 * A `#` link after each h2–h4 that has an id, so every section can be linked to; wide tables in a
 * scrollable region keyboard users can reach.
 */
export function addHeadingAnchors(html: string): string {
  return html
    .replace(
      /<table>/g,
      '<div class="table-scroll" tabindex="0" role="region" aria-label="Table">\n<table>',
    )
    .replace(/<\/table>/g, "</table>\n</div>")
    .replace(
      /<(h[2-4]) id="([^"]+)"([^>]*)>([\s\S]*?)<\/\1>/g,
      (_all, tag: string, id: string, rest: string, inner: string) =>
        `<${tag} id="${id}"${rest}>${inner}<a class="heading-anchor" href="#${id}" aria-label="Link to this section" data-pagefind-ignore>#</a></${tag}>`,
    );
}
