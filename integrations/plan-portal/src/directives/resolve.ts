import path from "node:path";
import type { PortalModel } from "../render/store.ts";
import { renderDirective } from "./render.ts";
import { bodyStart } from "./source-lines.ts";
import { isOwnDirective, type DirectiveCall, type DirectiveKind } from "./spec.ts";

/** What both markdown plugins need to know about the site. */
export interface DirectiveSite {
  /** Project root: docs are named relative to it in messages. */
  root: string;
  /** Specs roots: plans are rendered by the same processor, and directives in plans stay text. */
  specsRoots: string[];
  portal(): Promise<PortalModel>;
  /**
   * We switched the processor's directive syntax on, so directives nobody handles (and text
   * such as `10:30` that merely looks like one) go back to the text they were written as.
   */
  restoreForeign: boolean;
  /** Told what each directive rendered to, or why it failed (docs the content layer stores). */
  observe?: (call: DirectiveCall, outcome: { html: string } | { error: Error }) => void;
}

/** The parts of a directive node both processors give us (mdast, remark-directive's shape). */
export interface DirectiveNode {
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  position?: { start: { line: number; column: number; offset?: number } };
}

/** Where docs live: what naming a doc and telling it from a plan needs (`check` has no portal). */
export type DocsSite = Pick<DirectiveSite, "root" | "specsRoots">;

/** Docs only: not plans, and not markdown rendered without a file (the portal's own plan pages). */
export function ownsFile(site: DocsSite, file: string | undefined): file is string {
  if (!file) return false;
  return !site.specsRoots.some((r) => file === r || file.startsWith(r + path.sep));
}

/**
 * The call for one of our directives in a doc, or null when the node is someone else's. `source`
 * is the text the processor parsed, when it may be only part of the file (a collection entry's
 * body): positions are moved to the file's own lines and columns.
 */
export function callFor(
  site: DocsSite,
  node: DirectiveNode,
  kind: DirectiveKind,
  label: string | null,
  file: string | undefined,
  source?: string,
): DirectiveCall | null {
  if (!isOwnDirective(node.name) || !ownsFile(site, file)) return null;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attributes ?? {})) attributes[k] = v ?? "";
  const line = node.position?.start.line ?? 1;
  const column = node.position?.start.column ?? 1;
  const start = source === undefined ? { lines: 0, columns: 0 } : bodyStart(file, source);
  return {
    name: node.name,
    kind,
    label,
    attributes,
    file: path.relative(site.root, file).split(path.sep).join("/"),
    line: line + start.lines,
    column: line === 1 ? column + start.columns : column,
  };
}

export async function resolveCall(site: DirectiveSite, call: DirectiveCall): Promise<string> {
  const portal = await site.portal();
  let html: string;
  try {
    html = renderDirective(call, portal);
  } catch (error) {
    site.observe?.(call, { error: error as Error });
    throw error;
  }
  site.observe?.(call, { html });
  return html;
}
