import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { CheckedPlan } from "../check/index.ts";
import type { DiscoveryNotice } from "../discover/index.ts";
import { runPipeline, todayUtc, type PipelineOptions } from "../pipeline.ts";

/** The checked plans an answer is computed from, and the "today" they were checked against. */
export interface Snapshot {
  plans: CheckedPlan[];
  notices: DiscoveryNotice[];
  today: string;
}

/**
 * A stamp of every markdown file below the roots (path, size, modification time): when it is
 * unchanged, so are the plans, and the last run is reused. A folder that cannot be listed gives a
 * stamp that never repeats, so the pipeline runs and reports it as `check` would.
 */
export function markdownStamp(roots: readonly string[]): string {
  const parts: string[] = [];
  for (const root of roots) {
    try {
      const entries = readdirSync(root, { recursive: true, withFileTypes: true });
      for (const e of entries) {
        if (!e.isFile() || !e.name.endsWith(".md")) continue;
        const file = path.join(e.parentPath, e.name);
        const s = statSync(file);
        parts.push(`${file}\0${s.size}\0${s.mtimeMs}`);
      }
    } catch {
      return `unlistable\0${root}\0${performance.now()}`;
    }
  }
  return parts.sort().join("\n");
}

/**
 * The plans as `check` sees them, rerun through the same pipeline (and its diagram cache) when a
 * file changed or the day did, so an agent editing plans reads what it wrote.
 */
export class PlanSnapshots {
  private last: { stamp: string; snapshot: Snapshot } | null = null;
  private readonly options: PipelineOptions;
  /** Notices from before the pipeline (sources that could not be fetched), told with every run. */
  private readonly earlier: DiscoveryNotice[];

  constructor(options: PipelineOptions, earlier: DiscoveryNotice[] = []) {
    this.options = options;
    this.earlier = earlier;
  }

  async current(): Promise<Snapshot> {
    const today = this.options.today ?? todayUtc();
    const stamp = `${today}\n${markdownStamp(this.options.roots)}`;
    if (this.last?.stamp === stamp) return this.last.snapshot;
    const result = await runPipeline({ ...this.options, today });
    const snapshot = { plans: result.plans, notices: [...this.earlier, ...result.notices], today };
    this.last = { stamp, snapshot };
    return snapshot;
  }
}
