// Benchmark site (b): a plain Astro 7 site rendering the plans as a content collection; the
// harness (integrations/plan-portal/bench/compare.ts) copies it, sets BENCH_SPECS_DIR and runs
// Pagefind over dist/ after the build.
import { defineConfig } from "astro/config";

export default defineConfig({
  // Keep Astro's cache inside the copied site (node_modules is a symlink to the repository's).
  cacheDir: "./.astro-cache",
});
