import type { PortalFacts, PortalRule, Report } from "../types.ts";

interface Definition<P extends PortalFacts> {
  plan: P;
  meaning: string;
  at: Pick<Report, "line" | "column">;
}

/** `messageId` of its findings; `data.name` is the error code or `METHOD /path`. */
export type ConflictKind = "error-code" | "endpoint";
const WHAT: Record<ConflictKind, string> = { "error-code": "Error code", endpoint: "Endpoint" };

function conflicts<P extends PortalFacts>(
  defs: Map<string, Definition<P>[]>,
  kind: ConflictKind,
  report: (plan: P, r: Report) => void,
): void {
  for (const [name, list] of defs) {
    const meanings = new Set(list.map((d) => d.meaning));
    if (new Set(list.map((d) => d.plan)).size < 2 || meanings.size < 2) continue;
    for (const d of list) {
      const others = [
        ...new Set(
          list.filter((o) => o.plan !== d.plan && o.meaning !== d.meaning).map((o) => o.plan.id),
        ),
      ];
      if (!others.length) continue;
      report(d.plan, {
        message: `${WHAT[kind]} ${name} is defined differently in ${others.join(", ")}.`,
        messageId: kind,
        data: { name },
        hint: `Agree on one definition of ${name} and reference it from the other plan, or rename one of them.`,
        ...d.at,
      });
    }
  }
}

export default {
  id: "conflicting-definition",
  scope: "portal",
  description: "An error code or API endpoint defined by two plans means the same in both.",
  severity: "warning",
  check<P extends PortalFacts>(plans: P[], report: (plan: P, r: Report) => void) {
    const codes = new Map<string, Definition<P>[]>();
    const endpoints = new Map<string, Definition<P>[]>();
    for (const plan of plans) {
      for (const e of plan.errorCodes) {
        if (!e.description) continue;
        const meaning = e.description
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, " ")
          .trim();
        codes.set(e.code, [
          ...(codes.get(e.code) ?? []),
          { plan, meaning, at: { line: e.line, column: e.column } },
        ]);
      }
      for (const e of plan.endpoints) {
        if (e.source !== "heading") continue;
        const key = `${e.method} ${e.path}`;
        endpoints.set(key, [
          ...(endpoints.get(key) ?? []),
          { plan, meaning: e.contract, at: { line: e.line, column: e.column } },
        ]);
      }
    }
    conflicts(codes, "error-code", report);
    conflicts(endpoints, "endpoint", report);
  },
} satisfies PortalRule;
