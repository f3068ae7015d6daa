import remarkDirective from "remark-directive";
import { callFor, resolveCall, type DirectiveNode, type DirectiveSite } from "./resolve.ts";
import type { DirectiveKind } from "./spec.ts";

export interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { line: number; column: number; offset?: number }; end: { offset?: number } };
}

/** mdast's directive node types (remark-directive's), by the kind of directive they are. */
export const KINDS: Record<string, DirectiveKind> = {
  textDirective: "text",
  leafDirective: "leaf",
  containerDirective: "container",
};

/** A text directive's label as plain text. */
export function textOf(node: MdNode): string {
  return node.value ?? (node.children ?? []).map(textOf).join("");
}

/**
 * remark transformer for the unified processor (markdown and MDX): our directives become HTML
 * nodes (MDX keeps them through its rehype-raw pass); with `restoreForeign`, others become text.
 */
export function remarkPlanDirectives(siteOrLookup: DirectiveSite | (() => DirectiveSite)) {
  return function remarkPlanPortalDirectives() {
    return async (tree: MdNode, file: { path?: string; value?: unknown }) => {
      const site = typeof siteOrLookup === "function" ? siteOrLookup() : siteOrLookup;
      const source = String(file.value ?? "");
      const jobs: Promise<void>[] = [];
      const walk = (parent: MdNode) => {
        const children = parent.children;
        if (!children) return;
        children.forEach((node, i) => {
          const kind = KINDS[node.type];
          if (!kind) return walk(node);
          const label = kind === "text" && node.children?.length ? textOf(node) : null;
          const call = callFor(
            site,
            node as MdNode & DirectiveNode,
            kind,
            label,
            file.path,
            source,
          );
          if (call) {
            jobs.push(
              resolveCall(site, call).then((html) => {
                children[i] = { type: "html", value: html };
              }),
            );
            return;
          }
          walk(node);
          const start = node.position?.start.offset;
          const end = node.position?.end.offset;
          if (!site.restoreForeign || start === undefined || end === undefined) return;
          const text = { type: "text", value: source.slice(start, end) };
          children[i] = kind === "text" ? text : { type: "paragraph", children: [text] };
        });
      };
      walk(tree);
      await Promise.all(jobs);
    };
  };
}

export { remarkDirective };
