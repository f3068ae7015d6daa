import type { PortalAggregates } from "../aggregate/index.ts";
import type { PlanStatus } from "../vocabulary.ts";

/** Mermaid labels: quoted, with characters mermaid would read as syntax replaced. */
function label(text: string): string {
  return `"${text
    .replace(/["\n\r]/g, " ")
    .replace(/[<>]/g, "")
    .replace(/#/g, "#35;")
    .slice(0, 60)}"`;
}

/** The mermaid class a plan node gets for each status (mermaid class names stay short). */
const STATUS_CLASS: Record<PlanStatus, string> = {
  ready: "ready",
  draft: "draft",
  "needs-clarification": "clarify",
  blocked: "blocked",
};
const CLASS_DEFS = [
  "classDef ready fill:#e4f5ea,stroke:#137a3c,color:#0b3d1e",
  "classDef draft fill:#fdf1cc,stroke:#6b4f00,color:#3d2d00",
  "classDef clarify fill:#ffe6d5,stroke:#8a3b00,color:#4a1f00",
  "classDef blocked fill:#fde3e4,stroke:#a1161c,color:#5c0b0e",
  "classDef folder fill:#eef2f7,stroke:#64748b,color:#1f2937",
];

/** Folders that more than one plan touches, with the plans touching them. */
export function componentsDiagram(aggregates: PortalAggregates): string | null {
  const shared = aggregates.components.filter((c) => c.plans > 1 && c.key).slice(0, 40);
  if (!shared.length) return null;
  const lines = ["graph LR"];
  const planNodes = new Map<string, string>();
  shared.forEach((entry, f) => {
    lines.push(`  f${f}[${label(entry.key)}]:::folder`);
    for (const item of new Map(entry.items.map((i) => [i.planId, i])).values()) {
      if (!planNodes.has(item.planId)) {
        planNodes.set(item.planId, `p${planNodes.size}`);
        lines.push(
          `  ${planNodes.get(item.planId)}[${label(item.planTitle)}]:::${STATUS_CLASS[item.status]}`,
        );
      }
      lines.push(`  ${planNodes.get(item.planId)} --> f${f}`);
    }
  });
  return [...lines, ...CLASS_DEFS.map((l) => `  ${l}`)].join("\n");
}
