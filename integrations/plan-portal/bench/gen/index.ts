/**
 * The benchmark plan generator as a library: `generatePlans({ plans, out, seed, roots })` writes
 * N plan folders below `out` (`out/specs/NNN-name/` or, with several roots,
 * `out/root-K/specs/NNN-name/`), deterministic from the seed and the shape sources.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatePlan, type PlanRef } from "./plan.ts";
import { loadShapes, type Shapes } from "./shapes.ts";

export { MAX_PLAN_BYTES, MIN_PLAN_BYTES, TODAY } from "./plan.ts";

const repo = path.resolve(import.meta.dirname, "..", "..", "..", "..");
/** The example specs and, when present, the shared corpus beside the repository. */
export const DEFAULT_SOURCES = [
  path.join(repo, "specs"),
  path.resolve(repo, "..", "shared", "corpus"),
];

export interface GenerateOptions {
  plans: number;
  out: string;
  seed?: string;
  roots?: number;
  /** Folders of real plans to learn shapes from (default: DEFAULT_SOURCES that exist). */
  sources?: readonly string[];
  /** Already loaded shapes (skips reading the sources). */
  shapes?: Shapes;
}

export interface GenerateResult {
  /** The specs folders written, one per root. */
  specsRoots: string[];
  plans: { id: string; root: string; dir: string; planBytes: number; defects: string[] }[];
  /** plan.md bytes over all plans. */
  planBytes: number;
  /** Bytes of every file written. */
  totalBytes: number;
  shapesFrom: number;
}

/** Written into `out` so a later run may replace it (and nothing else is ever deleted). */
const MARKER = ".bench-gen.json";

export function generatePlans(options: GenerateOptions): GenerateResult {
  const { plans, out } = options;
  const seed = options.seed ?? "plan-portal";
  const roots = Math.max(1, Math.min(options.roots ?? 1, plans));
  if (!Number.isInteger(plans) || plans < 1) throw new Error(`--plans must be a positive integer`);
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(path.join(out, MARKER)))
      throw new Error(
        `${out} is not empty and was not written by the generator; pass a new folder`,
      );
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  const shapes = options.shapes ?? loadShapes(options.sources ?? DEFAULT_SOURCES);

  const result: GenerateResult = {
    specsRoots: [],
    plans: [],
    planBytes: 0,
    totalBytes: 0,
    shapesFrom: shapes.plans,
  };
  let index = 0;
  for (let k = 0; k < roots; k++) {
    const count = Math.floor(plans / roots) + (k < plans % roots ? 1 : 0);
    const specs = roots === 1 ? path.join(out, "specs") : path.join(out, `root-${k + 1}`, "specs");
    result.specsRoots.push(specs);
    const pad = count > 999 ? 4 : 3;
    const earlier: PlanRef[] = [];
    for (let n = 1; n <= count; n++, index++) {
      // Cross-references go to the last few plans of the same root, as real plans do.
      const plan = generatePlan({
        seed,
        index,
        number: n,
        pad,
        earlier: earlier.slice(-12),
        shapes,
      });
      const dir = path.join(specs, plan.id);
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(plan.files)) {
        writeFileSync(path.join(dir, name), text);
        result.totalBytes += Buffer.byteLength(text);
      }
      const planBytes = Buffer.byteLength(plan.files["plan.md"]!);
      result.planBytes += planBytes;
      result.plans.push({ id: plan.id, root: specs, dir, planBytes, defects: plan.defects });
      earlier.push({ id: plan.id, title: plan.title });
    }
  }
  writeFileSync(
    path.join(out, MARKER),
    JSON.stringify(
      { plans, seed, roots, specsRoots: result.specsRoots.map((r) => path.relative(out, r)) },
      null,
      2,
    ) + "\n",
  );
  return result;
}
