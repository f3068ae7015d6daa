import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";

const specs = process.env.BENCH_SPECS_DIR;
if (!specs) throw new Error("Set BENCH_SPECS_DIR to the folder holding the plan folders.");

export const collections = {
  plans: defineCollection({
    loader: glob({
      base: specs.endsWith("/") ? specs : `${specs}/`,
      pattern: "**/plan.md",
      generateId: ({ entry }) => entry.replace(/\/plan\.md$/, ""),
    }),
  }),
};
