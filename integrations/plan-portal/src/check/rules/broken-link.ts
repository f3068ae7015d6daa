import type { PlanRule } from "../types.ts";

export default {
  id: "broken-link",
  description: "Relative links point at files that exist.",
  severity: "warning",
  applies: ({ plan }) => plan.links.length > 0,
  check({ plan, exists }, report) {
    for (const link of plan.links) {
      const url = link.url;
      if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(url) || url.startsWith("/")) continue;
      let target: string;
      try {
        target = decodeURIComponent(url.split(/[?#]/)[0]!);
      } catch {
        target = url.split(/[?#]/)[0]!;
      }
      if (target === "" || exists(target)) continue;
      report({
        message: `Link "${link.text || url}" points at ${target}, which does not exist.`,
        hint: "Fix the path (it is relative to the plan's folder) or remove the link.",
        line: link.line,
        column: link.column,
      });
    }
  },
} satisfies PlanRule;
