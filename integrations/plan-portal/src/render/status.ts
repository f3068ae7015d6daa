import type { PlanStatus } from "../vocabulary.ts";

/** How each derived status reads, on badges and in directive output alike. */
export const STATUS_LABELS: Record<PlanStatus, string> = {
  ready: "Ready",
  draft: "Draft",
  "needs-clarification": "Needs clarification",
  blocked: "Blocked",
};
