import path from "node:path";
import type { PortalModel } from "../render/store.ts";
import { renderDirective } from "./render.ts";
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
}

/** The parts of a directive node both processors give us (mdast, remark-directive's shape). */
export interface DirectiveNode {
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  position?: { start: { line: number; column: number; offset?: number } };
}

/** Docs only: not plans, and not markdown rendered without a file (the portal's own plan pages). */
export function ownsFile(site: DirectiveSite, file: string | undefined): file is string {
  if (!file) return false;
  return !site.specsRoots.some((r) => file === r || file.startsWith(r + path.sep));
}

/** The call for one of our directives in a doc, or null when the node is someone else's. */
export function callFor(
  site: DirectiveSite,
  node: DirectiveNode,
  kind: DirectiveKind,
  label: string | null,
  file: string | undefined,
): DirectiveCall | null {
  if (!isOwnDirective(node.name) || !ownsFile(site, file)) return null;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attributes ?? {})) attributes[k] = v ?? "";
  return {
    name: node.name,
    kind,
    label,
    attributes,
    file: path.relative(site.root, file).split(path.sep).join("/"),
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
  };
}

export async function resolveCall(site: DirectiveSite, call: DirectiveCall): Promise<string> {
  return renderDirective(call, await site.portal());
}
