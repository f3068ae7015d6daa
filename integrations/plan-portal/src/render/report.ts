import type { AstroIntegrationLogger } from "astro";
import type { PortalModel } from "./store.ts";
import { PLAN_STATUSES, PLAN_STATUS_LABELS } from "../vocabulary.ts";

/** What the build found, in the terminal: plans, findings by severity, time per stage. */
export function reportBuild(portal: PortalModel, logger: AstroIntegrationLogger, ms: number): void {
  const { summary, aggregates, timings } = portal;
  const s = aggregates.statusCounts;
  logger.info(
    `${summary.plans} plan${summary.plans === 1 ? "" : "s"}: ${PLAN_STATUSES.map((status) => `${s[status]} ${PLAN_STATUS_LABELS[status].toLowerCase()}`).join(", ")}`,
  );
  logger.info(
    `findings: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} info`,
  );
  logger.info(
    `stages: ${Object.entries(timings)
      .map(([stage, t]) => `${stage} ${t.toFixed(0)} ms`)
      .join(", ")} (total ${ms.toFixed(0)} ms)`,
  );
  const r = portal.renderStats;
  logger.info(
    `markdown: ${r.rendered + r.fromDisk + r.fromMemory} documents, ${r.rendered} rendered, ${r.fromDisk + r.fromMemory} from cache`,
  );
  const d = portal.diagramStats;
  const count = portal.plans.reduce((n, p) => n + p.checked.plan.diagrams.length, 0);
  if (count > 0) {
    logger.info(
      d.svg
        ? `diagrams: ${count} in plans, SVG at build (${d.rendered} drawn, ${d.cached} from cache)`
        : `diagrams: ${count} in plans, drawn in the browser (mode "${d.mode}")`,
    );
  }
  for (const n of portal.notices) logger.warn(`${n.path}: ${n.message} ${n.hint}`);
}

/** Findings of one plan after an edit in dev, like `plan-portal check` prints them. */
export function reportFindings(
  portal: PortalModel,
  logger: AstroIntegrationLogger,
  file: string,
): void {
  const plan = portal.plans.find((p) => file.startsWith(p.repoPath.replace(/plan\.md$/, "")));
  if (!plan) return;
  if (plan.checked.findings.length === 0) {
    logger.info(
      `${plan.repoPath}: no findings (${plan.checked.status}, score ${plan.checked.score})`,
    );
    return;
  }
  for (const f of plan.checked.findings) {
    const line = `${f.file ?? plan.repoPath}:${f.line}:${f.column}  ${f.message}  ${f.ruleId}`;
    if (f.severity === "error") logger.error(line);
    else if (f.severity === "warning") logger.warn(line);
    else logger.info(line);
  }
}
