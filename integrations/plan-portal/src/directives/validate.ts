import { didYouMean } from "../util/suggest.ts";
import {
  DIRECTIVES,
  DirectiveError,
  marker,
  type DirectiveCall,
  type DirectiveSpec,
} from "./spec.ts";

function suggestion(input: string, candidates: string[]): string {
  const near = didYouMean(input, candidates);
  return near ? ` Did you mean "${near}"?` : "";
}

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
  throw new DirectiveError(
    call,
    `${marker(call.kind)}${call.name}: no ${what} "${input}".${suggestion(input, candidates)}`,
    hint,
  );
}

/** Kind, attributes and required arguments as the directive's spec says. */
export function validateCall(call: DirectiveCall): void {
  const spec: DirectiveSpec = DIRECTIVES[call.name];
  const written = `${marker(call.kind)}${call.name}`;
  if (call.kind !== spec.kind) {
    throw new DirectiveError(
      call,
      `${written}: "${call.name}" is a ${spec.kind === "text" ? "text (inline) directive with one colon" : "leaf (block) directive with two colons on a line of its own"}: write ${spec.example}.`,
    );
  }
  for (const name of Object.keys(call.attributes)) {
    if (!spec.attributes.includes(name)) {
      throw new DirectiveError(
        call,
        `${written}: unknown attribute "${name}".${suggestion(name, [...spec.attributes])} It takes ${spec.attributes.map((a) => `"${a}"`).join(", ")}; for example ${spec.example}.`,
      );
    }
  }
  for (const name of spec.required) {
    if (!call.attributes[name]?.trim()) {
      throw new DirectiveError(
        call,
        `${written}: missing "${name}". Write it like ${spec.example}.`,
      );
    }
  }
}
