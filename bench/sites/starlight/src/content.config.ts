import { readFileSync } from "node:fs";
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import type { Loader } from "astro/loaders";
import { docsSchema } from "@astrojs/starlight/schema";

const specs = process.env.BENCH_SPECS_DIR;
if (!specs) throw new Error("Set BENCH_SPECS_DIR to the folder holding the plan folders.");

/** The plan's H1 without the template's "Implementation Plan:" prefix. */
function titleOf(file: string): string | undefined {
  const h1 = /^#\s+(.+)$/m.exec(readFileSync(file, "utf8"))?.[1];
  return h1?.replace(/^Implementation Plan:\s*/i, "").trim();
}

/**
 * Starlight requires a `title` in every doc's frontmatter, and plan.md files have none: this glob
 * loader over the specs folder adds one from the plan's H1 before the schema is applied, so the
 * source files are used as they are (no copies, no edits).
 */
function plans(base: string): Loader {
  const inner = glob({
    base: base.endsWith("/") ? base : `${base}/`,
    pattern: "**/plan.md",
    generateId: ({ entry }) => entry.replace(/\/plan\.md$/, ""),
  });
  return {
    name: "bench-plans-loader",
    load: (context) =>
      inner.load({
        ...context,
        parseData: (props) =>
          context.parseData({
            ...props,
            data: { title: (props.filePath && titleOf(props.filePath)) || props.id, ...props.data },
          }),
      }),
  };
}

export const collections = {
  docs: defineCollection({ loader: plans(specs), schema: docsSchema() }),
};
