// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import { unified } from "@astrojs/markdown-remark";
import planPortal from "plan-portal";

export default defineConfig({
  site: "https://harbor.example.com",
  // Astro's default markdown processor is Sätteri; EXAMPLE_PROCESSOR=unified builds the same site
  // (plans and onboarding docs with their directives) with remark/rehype instead.
  ...(process.env.EXAMPLE_PROCESSOR === "unified" ? { markdown: { processor: unified() } } : {}),
  // The example site is the portal: its front door is the plan index.
  redirects: { "/": "/plans/" },
  integrations: [
    planPortal({
      title: "Harbor plans",
      specsDir: "specs",
      // A fixed "today" keeps the demo's overdue questions stable; omit it to use the build date.
      today: "2026-11-25",
      editUrl: "https://github.com/harbor-coffee/harbor/edit/main/",
      // The search dialog (/, Ctrl+K) and the theme switch on plan pages too (default: plan pages
      // ship no JavaScript and the theme follows the system).
      planPageScripts: true,
      // Onboarding docs in src/pages/docs link into plans with directives (see docs/directives.md).
      links: [
        { label: "Start here", href: "/docs/start-here/" },
        { label: "Directives", href: "/docs/directives/" },
      ],
    }),
    mdx(),
  ],
});
