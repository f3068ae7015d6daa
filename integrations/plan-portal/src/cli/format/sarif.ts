import { allRules } from "../../check/rules/index.ts";
import type { JsonReport } from "./json.ts";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** SARIF 2.1.0 for GitHub code scanning: one run, our rules as the driver's rules. */
export function formatSarif(report: JsonReport, version: string): string {
  const rules = allRules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    help: { text: `See docs/rules/${r.id}.md in the plan-portal package.` },
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.plans.flatMap((plan) =>
    plan.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.hint ? `${f.message} ${f.hint}` : f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: plan.path, uriBaseId: "%SRCROOT%" },
            region: {
              startLine: f.line,
              startColumn: f.column,
              ...(f.endLine ? { endLine: f.endLine } : {}),
              ...(f.endColumn ? { endColumn: f.endColumn } : {}),
            },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "plan-portal", version, rules } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
