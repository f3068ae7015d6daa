import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sha1 } from "../cache/disk-cache.ts";
import type { CheckedPlan } from "../check/index.ts";
import type { Finding } from "../check/types.ts";
import {
  BaselineInvalid,
  BaselineUnreadable,
  BaselineUnwritable,
  BaselineVersion,
  catalogError,
} from "../errors.ts";

/**
 * An accepted set of findings (`--write-baseline FILE`, read by `--baseline FILE`), version 1:
 * `{ "version": 1, "tool": "plan-portal", "findings": [{ "ruleId", "plan", "file",
 * "fingerprint", "message" }] }`. A finding matches an entry by rule, plan and fingerprint: a hash
 * of the rule, the plan, the file, what was found (`messageId`, else the message) and the text of
 * its line, trimmed — never the line number, so edits above a finding do not make it new.
 */
export interface Baseline {
  version: 1;
  tool: "plan-portal";
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  ruleId: string;
  /** The plan's id (its folder). */
  plan: string;
  /** The file the finding is in (plan.md's path, or spec.md's …), relative to the current directory. */
  file: string;
  fingerprint: string;
  /** For whoever reads the file; not matched. */
  message: string;
}

/** Reads a file's lines once per run (spec.md, tasks.md: findings outside plan.md). */
export type LineSource = (file: string) => string[];

export function lineSource(cwd: string): LineSource {
  const cache = new Map<string, string[]>();
  return (file) => {
    let lines = cache.get(file);
    if (!lines) {
      try {
        lines = readFileSync(path.resolve(cwd, file), "utf8").split(/\r\n|\r|\n/);
      } catch {
        lines = []; // gone: the fingerprint falls back to rule, plan and message
      }
      cache.set(file, lines);
    }
    return lines;
  };
}

export function entryOf(c: CheckedPlan, f: Finding, lines: LineSource): BaselineEntry {
  const file = f.file ?? c.plan.path;
  const text = (f.file ? lines(f.file) : c.plan.lines)[f.line - 1]?.trim() ?? "";
  const what = f.messageId ?? f.message;
  const fingerprint = sha1([f.ruleId, c.plan.id, file, what, text].join("\0")).slice(0, 20);
  return { ruleId: f.ruleId, plan: c.plan.id, file, fingerprint, message: f.message };
}

export function baselineOf(plans: CheckedPlan[], lines: LineSource): Baseline {
  const findings = plans.flatMap((c) => c.findings.map((f) => entryOf(c, f, lines)));
  return { version: 1, tool: "plan-portal", findings };
}

export function writeBaseline(file: string, cwd: string, baseline: Baseline): void {
  try {
    writeFileSync(path.resolve(cwd, file), JSON.stringify(baseline, null, 2) + "\n");
  } catch (error) {
    throw catalogError(BaselineUnwritable, file, (error as Error).message);
  }
}

const key = (e: Pick<BaselineEntry, "ruleId" | "plan" | "fingerprint">) =>
  `${e.ruleId}\0${e.plan}\0${e.fingerprint}`;

function isEntry(e: unknown): e is BaselineEntry {
  const x = e as Record<string, unknown> | null;
  return (
    typeof x === "object" &&
    x !== null &&
    ["ruleId", "plan", "file", "fingerprint"].every((k) => typeof x[k] === "string")
  );
}

export function readBaseline(file: string, cwd: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw catalogError(BaselineUnreadable, file, e.code === "ENOENT" ? "no such file" : e.message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw catalogError(BaselineInvalid, file, `not JSON (${(error as Error).message})`);
  }
  const d = data as Record<string, unknown> | null;
  if (typeof d !== "object" || d === null || d["tool"] !== "plan-portal")
    throw catalogError(BaselineInvalid, file, 'no "tool": "plan-portal"');
  if (d["version"] !== 1) throw catalogError(BaselineVersion, file, String(d["version"]));
  const findings = d["findings"];
  if (!Array.isArray(findings) || !findings.every(isEntry))
    throw catalogError(BaselineInvalid, file, '"findings" is not a list of baseline entries');
  return { version: 1, tool: "plan-portal", findings };
}

/**
 * Findings not in the baseline (new), and baseline entries no finding matched (fixed). Matching
 * counts: two equal findings against one entry leave one new. `scope`: plan ids compared (only
 * their entries can be fixed), all when absent.
 */
export function compareBaseline(
  plans: CheckedPlan[],
  baseline: Baseline,
  lines: LineSource,
  scope?: ReadonlySet<string>,
): { plans: CheckedPlan[]; fixed: BaselineEntry[] } {
  const left = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) {
    if (scope && !scope.has(e.plan)) continue;
    left.set(key(e), [...(left.get(key(e)) ?? []), e]);
  }
  const fresh = plans.map((c) => ({
    ...c,
    findings: c.findings.filter((f) => {
      const matches = left.get(key(entryOf(c, f, lines)));
      return !matches?.shift();
    }),
  }));
  return { plans: fresh, fixed: [...left.values()].flat() };
}
