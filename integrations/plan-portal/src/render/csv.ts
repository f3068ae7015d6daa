import type { PortalAggregates } from "../aggregate/index.ts";
import { allRisks, openBlockers } from "./owners.ts";

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled. Plans
 * are untrusted, and a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or
 * CR before them) as a formula: such a cell gets a leading `'` (OWASP's CSV injection advice).
 */
export function csvField(value: string | number | boolean | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text: CRLF line ends (RFC 4180), a header row first. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export const CSV_TABLES = ["questions", "risks", "blockers"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type RowUrl = (planId: string, section: string) => string;
type Cell = string | number | boolean | null;
/** A header and rows whose first cell is the plan id. */
type Table = [header: string[], rows: Cell[][]];

/**
 * The CSV of one dashboard table; `url(planId, section)` is the plan page link of each row. With
 * `repositoryOf` (a portal over several repositories), a Repository column follows the plan's,
 * so a spreadsheet can filter by it.
 */
export function dashboardCsv(
  table: CsvTable,
  aggregates: PortalAggregates,
  url: RowUrl,
  repositoryOf?: (planId: string) => string | undefined,
): string {
  const [header, rows] =
    table === "questions"
      ? questionsCsv(aggregates, url)
      : table === "risks"
        ? risksCsv(aggregates, url)
        : blockersCsv(aggregates, url);
  if (!repositoryOf) return toCsv(header, rows);
  return toCsv(
    [header[0]!, "Repository", ...header.slice(1)],
    rows.map(([plan, ...rest]) => [plan!, repositoryOf(String(plan)) ?? "", ...rest]),
  );
}

function questionsCsv(aggregates: PortalAggregates, url: RowUrl): Table {
  return [
    [
      "Plan",
      "Plan title",
      "Question",
      "Text",
      "Owner",
      "Deadline",
      "Overdue",
      "Impact",
      "Line",
      "URL",
    ],
    aggregates.questions.map((q) => [
      q.planId,
      q.planTitle,
      q.id,
      q.text,
      q.owner,
      q.due ?? q.deadline,
      q.overdue ? "yes" : "no",
      q.impact,
      q.line,
      url(q.planId, q.section),
    ]),
  ];
}

function risksCsv(aggregates: PortalAggregates, url: RowUrl): Table {
  return [
    ["Plan", "Plan title", "Risk", "Probability", "Impact", "Owner", "Mitigation", "Line", "URL"],
    allRisks(aggregates).map((r) => [
      r.planId,
      r.planTitle,
      r.text,
      r.probability,
      r.impact,
      r.owner,
      r.mitigation,
      r.line,
      url(r.planId, r.section),
    ]),
  ];
}

function blockersCsv(aggregates: PortalAggregates, url: RowUrl): Table {
  return [
    ["Plan", "Plan title", "Dependency", "Status", "Owner", "Due", "Overdue", "Line", "URL"],
    openBlockers(aggregates).map((d) => [
      d.planId,
      d.planTitle,
      d.text,
      d.dependencyStatus,
      d.owner,
      d.due ?? d.dueText,
      d.overdue ? "yes" : "no",
      d.line,
      url(d.planId, d.section),
    ]),
  ];
}
