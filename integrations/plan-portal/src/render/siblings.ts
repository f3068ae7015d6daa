/** The documents beside plan.md that get a page of their own. */
export type SiblingKind = "spec" | "tasks" | "research" | "data-model" | "quickstart" | "contracts";

export const SIBLINGS: { kind: SiblingKind; file: string; title: string }[] = [
  { kind: "spec", file: "spec.md", title: "Specification" },
  { kind: "tasks", file: "tasks.md", title: "Tasks" },
  { kind: "research", file: "research.md", title: "Research" },
  { kind: "data-model", file: "data-model.md", title: "Data model" },
  { kind: "quickstart", file: "quickstart.md", title: "Quickstart" },
  { kind: "contracts", file: "contracts", title: "Contracts" },
];
