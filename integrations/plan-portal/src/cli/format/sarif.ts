import { allRules, ruleDocPath } from "../../check/rules/index.ts";
import type { Finding } from "../../check/types.ts";
import { DOC_RULE } from "../../directives/check-docs.ts";
import type { JsonReport } from "../../contract/json.ts";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** One SARIF result: a finding in a file (plan.md or a doc), its own artifact location. */
function result(file: string, f: Finding, index: Map<string, number>) {
  return {
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.hint ? `${f.message} ${f.hint}` : f.message },
    locations: [
      {
        physicalLocation: {
          // A feature rule's finding is in spec.md, tasks.md or a checklist: `file` says which.
          artifactLocation: { uri: f.file ?? file, uriBaseId: "%SRCROOT%" },
          region: {
            startLine: f.line,
            startColumn: f.column,
            ...(f.endLine ? { endLine: f.endLine } : {}),
            ...(f.endColumn ? { endColumn: f.endColumn } : {}),
          },
        },
      },
    ],
  };
}

/** SARIF 2.1.0 for GitHub code scanning: one run, our rules (and doc-directive) as the driver's rules. */
export function formatSarif(report: JsonReport, version: string): string {
  const rules = [...allRules, DOC_RULE].map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    help: { text: `See ${ruleDocPath(r.id)} in the plan-portal package.` },
    helpUri: `https://unpkg.com/plan-portal@${version}/${ruleDocPath(r.id)}`,
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const files = [...report.plans, ...(report.docs ?? [])];
  const results = files.flatMap((file) => file.findings.map((f) => result(file.path, f, index)));
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
