import type { Nodes } from "mdast";
import { directiveFromMarkdown } from "mdast-util-directive";
import { fromMarkdown } from "mdast-util-from-markdown";
import { directive } from "micromark-extension-directive";
import type { DocFinding } from "../contract/json.ts";
import { mdxBody, withoutFrontmatter } from "./doc-source.ts";
import { KINDS, textOf } from "./remark.ts";
import { callFor, type DocsSite } from "./resolve.ts";
import { DirectiveError, type DirectiveCall } from "./spec.ts";
import { resolveTarget, type TargetPlan, type TargetPlans } from "./targets.ts";

/**
 * `plan-portal check` over the site's docs: every plan directive a doc holds, checked by the same
 * resolveTarget the build renders with, without building. Pure: the doc's text in, findings out.
 */

export const DOC_RULE = {
  id: "doc-directive",
  description:
    "Plan directives in the site's .md/.mdx docs name plans, sections, owners, statuses and diagrams that exist.",
  severity: "error",
} as const;

/** A finding in a doc: `file` is the doc (relative to the current directory, with `/`). */
export type { DocFinding } from "../contract/json.ts";

export interface DocResult {
  /** How many of our directives the doc holds. */
  directives: number;
  findings: DocFinding[];
}

interface Located {
  call: DirectiveCall;
  end: { line: number; column: number } | undefined;
}

/** Micromark's `mdxMd`: MDX has no indented code, HTML or autolinks (its JSX takes their place). */
const MDX_MARKDOWN = { disable: { null: ["autolink", "codeIndented", "htmlFlow", "htmlText"] } };

function parse(source: string, mdx: boolean): Nodes {
  return fromMarkdown(mdx ? mdxBody(source) : withoutFrontmatter(source), {
    extensions: mdx ? [directive(), MDX_MARKDOWN] : [directive()],
    mdastExtensions: [directiveFromMarkdown()],
  });
}

/** Our directives in a doc, where they start and end; code (fenced, indented, inline) holds none. */
export function directivesIn(source: string, file: string, site: DocsSite): Located[] {
  const found: Located[] = [];
  const walk = (node: Nodes) => {
    const kind = KINDS[node.type];
    if (kind && "name" in node) {
      const label = kind === "text" && node.children.length ? textOf(node) : null;
      const call = callFor(site, node, kind, label, file);
      // Like the build: our directive is replaced whole, so directives inside it are never seen.
      if (call) return void found.push({ call, end: node.position?.end });
    }
    if ("children" in node) node.children.forEach(walk);
  };
  walk(parse(source, /\.mdx$/i.test(file)));
  return found;
}

function toFinding({ call, end }: Located, error: DirectiveError): DocFinding {
  return {
    ruleId: DOC_RULE.id,
    severity: DOC_RULE.severity,
    message: error.problem,
    ...(error.hint ? { hint: error.hint } : {}),
    line: call.line,
    column: call.column,
    ...(end ? { endLine: end.line, endColumn: end.column } : {}),
    file: call.file,
  };
}

/** Every directive in one doc against the plans; anything but a DirectiveError is a bug and propagates. */
export function checkDoc<P extends TargetPlan>(
  source: string,
  file: string,
  site: DocsSite,
  plans: TargetPlans<P>,
): DocResult {
  const located = directivesIn(source, file, site);
  const findings: DocFinding[] = [];
  for (const item of located) {
    try {
      resolveTarget(item.call, plans);
    } catch (error) {
      if (!(error instanceof DirectiveError)) throw error;
      findings.push(toFinding(item, error));
    }
  }
  return { directives: located.length, findings };
}
