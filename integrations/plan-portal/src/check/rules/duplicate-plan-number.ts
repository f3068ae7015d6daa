import type { PortalFacts, PortalRule, Report } from "../types.ts";

export default {
  id: "duplicate-plan-number",
  scope: "portal",
  description: "Plans in one specs folder do not share a number.",
  severity: "error",
  check<P extends PortalFacts>(plans: P[], report: (plan: P, r: Report) => void) {
    const byKey = new Map<string, P[]>();
    for (const plan of plans) {
      if (plan.number === null) continue;
      const key = `${plan.path.slice(0, plan.path.length - plan.folder.length - "/plan.md".length)}#${plan.number}`;
      byKey.set(key, [...(byKey.get(key) ?? []), plan]);
    }
    for (const group of byKey.values()) {
      if (group.length < 2) continue;
      for (const plan of group) {
        const others = group.filter((p) => p !== plan).map((p) => p.folder);
        report(plan, {
          message: `Plan number ${String(plan.number).padStart(3, "0")} is also used by ${others.join(", ")}.`,
          hint: "Renumber one of the feature folders (and its branch) so every plan has its own number.",
          line: 1,
          column: 1,
        });
      }
    }
  },
} satisfies PortalRule;
