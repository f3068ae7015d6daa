import type { ErrorData } from "../errors.ts";

/** What can go wrong reading the fragments an organisation portal is built from. */

export const FragmentNotFound = {
  name: "PlanPortalFragmentNotFound",
  title: "Portal fragment not found.",
  kind: "usage",
  message: (where: string, why: string) => `No portal fragment at ${where} (${why}).`,
  hint: "Pass the folder (or URL) a repository's `plan-portal build --fragment NAME` wrote: it holds plan-portal-fragment.json.",
} satisfies ErrorData;

export const FragmentInvalid = {
  name: "PlanPortalFragmentInvalid",
  title: "Portal fragment cannot be read.",
  kind: "build",
  message: (where: string, what: string) =>
    `The portal fragment at ${where} cannot be used: ${what}.`,
  hint: "Rebuild that repository's fragment with `plan-portal build --fragment NAME` and publish the whole output folder.",
} satisfies ErrorData;

export const FragmentVersionUnknown = {
  name: "PlanPortalFragmentVersionUnknown",
  title: "Portal fragment of another schema version.",
  kind: "build",
  message: (where: string, found: string, ours: number) =>
    `The portal fragment at ${where} is schema version ${found}; this plan-portal reads version ${ours}.`,
  hint: "Build every fragment and the organisation portal with the same major version of plan-portal (upgrade the older ones), then federate again.",
} satisfies ErrorData;

export const FragmentNameTwice = {
  name: "PlanPortalFragmentNameTwice",
  title: "Two fragments with the same repository name.",
  kind: "usage",
  message: (name: string, first: string, second: string) =>
    `The fragments at ${first} and ${second} are both named "${name}".`,
  hint: "Give each repository's fragment its own name: `plan-portal build --fragment NAME`.",
} satisfies ErrorData;

export const FragmentFileClash = {
  name: "PlanPortalFragmentFileClash",
  title: "Two fragments write the same file.",
  kind: "build",
  message: (file: string, first: string, second: string) =>
    `${file} is in the fragments "${first}" and "${second}" with different content.`,
  hint: "Each fragment's pages live below /NAME/; rebuild the fragments with `plan-portal build --fragment NAME` so they do not overlap.",
} satisfies ErrorData;
