import { didYouMean } from "../util/suggest.ts";
import {
  DirectiveMissingAttribute,
  DirectiveUnknownAttribute,
  DirectiveUnknownName,
  DirectiveWrongKind,
} from "../errors.ts";
import {
  DIRECTIVES,
  directiveError,
  marker,
  type DirectiveCall,
  type DirectiveSpec,
} from "./spec.ts";

/** A name from a closed set (plan id, status, diagram name …), or a build error saying which exist. */
export function pick(
  call: DirectiveCall,
  what: string,
  input: string,
  candidates: string[],
  hint: string,
): string {
  const exact = candidates.find((c) => c === input);
  if (exact !== undefined) return exact;
  const folded = candidates.find((c) => c.toLowerCase() === input.toLowerCase());
  if (folded !== undefined) return folded;
  const written = `${marker(call.kind)}${call.name}`;
  throw directiveError(
    call,
    DirectiveUnknownName,
    written,
    what,
    input,
    didYouMean(input, candidates),
    hint,
  );
}

/** Kind, attributes and required arguments as the directive's spec says. */
export function validateCall(call: DirectiveCall): void {
  const spec: DirectiveSpec = DIRECTIVES[call.name];
  const written = `${marker(call.kind)}${call.name}`;
  if (call.kind !== spec.kind) {
    throw directiveError(
      call,
      DirectiveWrongKind,
      written,
      call.name,
      spec.kind !== "text",
      spec.example,
    );
  }
  for (const name of Object.keys(call.attributes)) {
    if (!spec.attributes.includes(name)) {
      const guess = didYouMean(name, [...spec.attributes]);
      throw directiveError(
        call,
        DirectiveUnknownAttribute,
        written,
        name,
        guess,
        [...spec.attributes],
        spec.example,
      );
    }
  }
  for (const name of spec.required) {
    if (!call.attributes[name]?.trim()) {
      throw directiveError(call, DirectiveMissingAttribute, written, name, spec.example);
    }
  }
}
