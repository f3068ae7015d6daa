/**
 * The directives onboarding docs use to point at plans. One table says what each accepts, so the
 * Sätteri and unified plugins, the error messages and the reference docs cannot disagree.
 */

import { describeError, PlanPortalError, type ErrorData } from "../errors.ts";

export type DirectiveKind = "text" | "leaf" | "container";

export interface DirectiveSpec {
  kind: Exclude<DirectiveKind, "container">;
  /** Attributes it accepts; anything else fails the build. */
  attributes: readonly string[];
  /** Attributes it cannot do without (`:plan` takes its id from the label instead). */
  required: readonly string[];
  example: string;
}

export const DIRECTIVES = {
  plan: {
    kind: "text",
    attributes: ["id", "label", "section"],
    required: [],
    example: ":plan[003-checkout-flow]",
  },
  "plan-card": {
    kind: "leaf",
    attributes: ["id"],
    required: ["id"],
    example: "::plan-card{id=003-checkout-flow}",
  },
  "open-questions": {
    kind: "leaf",
    attributes: ["plan", "owner"],
    required: [],
    example: "::open-questions{plan=003-checkout-flow owner=Priya}",
  },
  plans: {
    kind: "leaf",
    attributes: ["status"],
    required: [],
    example: "::plans{status=draft}",
  },
  "plan-diagram": {
    kind: "leaf",
    attributes: ["id", "name"],
    required: ["id"],
    example: "::plan-diagram{id=003-checkout-flow name=data-model}",
  },
  coverage: {
    kind: "leaf",
    attributes: ["id"],
    required: ["id"],
    example: "::coverage{id=003-checkout-flow}",
  },
} as const satisfies Record<string, DirectiveSpec>;

export type DirectiveName = keyof typeof DIRECTIVES;

export function isOwnDirective(name: string): name is DirectiveName {
  return Object.hasOwn(DIRECTIVES, name);
}

/** One directive as written in a doc, whichever markdown processor parsed it. */
export interface DirectiveCall {
  name: DirectiveName;
  kind: DirectiveKind;
  /** Text between `[` and `]`, or null when there were no brackets. */
  label: string | null;
  attributes: Record<string, string>;
  /** The doc, relative to the project root, and where the directive starts (1-based). */
  file: string;
  line: number;
  column: number;
}

/** A directive the build cannot honour; the message names the doc, line and column. */
export class DirectiveError extends PlanPortalError {
  /** Read by Astro's markdown and MDX error reporting for its "Location:" line. */
  readonly line: number;
  readonly column: number;
  readonly loc: { file: string; line: number; column: number };
  /** What is wrong, without the location (`plan-portal check` prints the location on its own). */
  readonly problem: string;
  constructor(
    call: Pick<DirectiveCall, "file" | "line" | "column">,
    entry: ErrorData,
    problem: string,
    hint: string,
  ) {
    super(
      entry,
      `${call.file}:${call.line}:${call.column}  ${problem}${hint ? ` ${hint}` : ""}`,
      hint,
    );
    this.problem = problem;
    this.line = call.line;
    this.column = call.column;
    this.loc = { file: call.file, line: call.line, column: call.column };
    // The doc's line is the location that matters; plan-portal's own frames would only distract.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** A catalogue entry for the directive at `call`: `throw directiveError(call, DirectiveNoDiagrams, id)`. */
export function directiveError<E extends ErrorData>(
  call: Pick<DirectiveCall, "file" | "line" | "column">,
  entry: E,
  ...details: Parameters<E["message"]>
): DirectiveError {
  const { message, hint } = describeError(entry, ...details);
  return new DirectiveError(call, entry, message, hint);
}

export function marker(kind: DirectiveKind): string {
  return kind === "text" ? ":" : kind === "leaf" ? "::" : ":::";
}
