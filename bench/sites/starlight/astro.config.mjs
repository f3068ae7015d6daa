// Benchmark site (c): Starlight with the plans as its docs collection and its default Pagefind
// search; the harness (integrations/plan-portal/bench/compare.ts) copies it and sets
// BENCH_SPECS_DIR.
import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";

export default defineConfig({
  // Keep Astro's cache inside the copied site (node_modules is a symlink to the repository's).
  cacheDir: "./.astro-cache",
  integrations: [starlight({ title: "Plans (Starlight)" })],
});
