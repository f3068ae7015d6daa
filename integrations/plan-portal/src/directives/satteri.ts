import { fileURLToPath } from "node:url";
import { callFor, resolveCall, type DirectiveNode, type DirectiveSite } from "./resolve.ts";
import type { DirectiveKind } from "./spec.ts";

/** The slice of Sätteri's visitor context we use (its types live in a package we do not depend on). */
interface VisitorContext {
  readonly fileURL: URL | undefined;
  readonly source: string;
  readonly sourceFormat: "markdown" | "mdx";
  replaceNode(node: unknown, content: unknown): void;
  textContent(node: unknown): string;
}

interface SatteriDirective extends DirectiveNode {
  children?: unknown[];
  position?: {
    start: { line: number; column: number; offset?: number };
    end: { line: number; column: number; offset?: number };
  };
}

/**
 * Sätteri mdast plugin: our directives become HTML; with `restoreForeign`, every other directive
 * becomes the text it was written as (Sätteri's directive syntax is all or nothing).
 */
export function satteriDirectives(site: DirectiveSite) {
  const visit = (kind: DirectiveKind) => async (node: SatteriDirective, ctx: VisitorContext) => {
    const file = ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined;
    const label = kind === "text" && node.children?.length ? ctx.textContent(node) : null;
    const call = callFor(site, node, kind, label, file, ctx.source);
    if (call) {
      const html = await resolveCall(site, call);
      // MDX has no raw HTML nodes, and re-parsing HTML as JSX mangles inline SVG styles: hand the
      // string to Astro's <Fragment set:html> (MDX pages get Fragment among their components).
      ctx.replaceNode(
        node,
        ctx.sourceFormat === "mdx"
          ? {
              type: kind === "text" ? "mdxJsxTextElement" : "mdxJsxFlowElement",
              name: "Fragment",
              attributes: [{ type: "mdxJsxAttribute", name: "set:html", value: html }],
              children: [],
            }
          : { type: "html", value: html },
      );
      return;
    }
    if (!site.restoreForeign) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const text = ctx.source.slice(start, end);
    ctx.replaceNode(
      node,
      kind === "text"
        ? { type: "text", value: text }
        : { type: "paragraph", children: [{ type: "text", value: text }] },
    );
  };
  return {
    name: "plan-portal-directives",
    options: { position: true },
    textDirective: visit("text"),
    leafDirective: visit("leaf"),
    containerDirective: visit("container"),
  };
}
