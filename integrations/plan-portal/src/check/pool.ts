import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { DiscoveredPlan } from "../discover/index.ts";
import type { Diagram, DiagramValidation, Plan } from "../parse/types.ts";
import type { SourcedPlan } from "../sources/discover.ts";
import {
  validateDiagrams,
  withVerdicts,
  type ValidationRun,
} from "../diagrams/validate-mermaid.ts";
import { moduleUrl } from "../util/module-url.ts";
import {
  batchDiagrams,
  parseBatch,
  prepareRun,
  projectBatch,
  readPlan,
  type BatchRun,
  type PreparedRun,
} from "./batch.ts";
import { checkProjected, type CheckedProjection, type ProjectedPlan } from "./projection.ts";
import type { FromWorker, ToWorker } from "./worker.ts";

export interface WorkerCheckOptions {
  found: readonly (DiscoveredPlan | SourcedPlan)[];
  run: BatchRun;
  /** Threads; default one per core (`os.availableParallelism()`), never more than batches. */
  workers?: number;
  /** Plans per message: large enough that messaging costs little, small enough to share out. */
  batchSize?: number;
  /** Each worker's old-generation limit in MB (default DEFAULT_HEAP_MB). */
  heapMb?: number;
}

export interface WorkerCheckResult {
  /** In the order of `found`, as `checkPlans` returns them. */
  plans: CheckedProjection[];
  diagrams: ValidationRun;
}

/** The diagram validation runs of every batch, added up. */
function addRun(total: ValidationRun, run: ValidationRun): ValidationRun {
  const error = total.error ?? run.error;
  return {
    validated: total.validated + run.validated,
    cached: total.cached + run.cached,
    ...(error ? { error } : {}),
  };
}

/**
 * Read, parse and run the plan rules of every plan in worker threads, then the portal rules here
 * over the projections: the findings, scores and statuses of `runPipeline` + `checkPlans` (no
 * history), holding one projection per plan instead of its model.
 */
export async function checkInWorkers(options: WorkerCheckOptions): Promise<WorkerCheckResult> {
  const size = options.batchSize ?? 25;
  const batches: (DiscoveredPlan | SourcedPlan)[][] = [];
  for (let i = 0; i < options.found.length; i += size)
    batches.push(options.found.slice(i, i + size));
  let diagrams: ValidationRun = { validated: 0, cached: 0 };
  const verdictsFor = async (list: Diagram[]) => {
    const { run, verdicts } = await validateDiagrams(list);
    diagrams = addRun(diagrams, run);
    return verdicts;
  };
  let prepared: PreparedRun | null = null;
  const here = () => (prepared ??= prepareRun(options.run));
  const inProcess = async (batch: readonly (DiscoveredPlan | SourcedPlan)[]) => {
    const parsed = parseBatch(batch, here());
    return projectBatch(batch, parsed, await verdictsFor(batchDiagrams(parsed)), here());
  };
  const results = await runBatches(batches, {
    run: options.run,
    // At least one worker: with none, no batch would ever run and the check would never end.
    count: Math.max(1, Math.min(options.workers ?? availableParallelism(), batches.length)),
    heapMb: options.heapMb ?? DEFAULT_HEAP_MB,
    verdictsFor,
    inProcess,
  });
  const reload = async (index: number): Promise<Plan> => {
    const plan = readPlan(options.found[index]!, here());
    return withVerdicts([plan], await verdictsFor(plan.diagrams))[0]!;
  };
  const plans = await checkProjected(results.flat(), here().settings, here().rules, reload);
  return { plans, diagrams };
}

/**
 * Each worker's old generation, in MB. Uncapped, V8 let each worker grow to ~170 MB on 25-plan
 * batches (bench:check, 5,000 plans: peak RSS 526 MB with two workers, 359 MB with one; 332 MB
 * with two capped at 256). A batch too large for it (a plan near MAX_PLAN_BYTES) is checked in
 * the main thread instead.
 */
const DEFAULT_HEAP_MB = 256;

type Batch = (DiscoveredPlan | SourcedPlan)[];

interface BatchRunner {
  run: BatchRun;
  count: number;
  heapMb: number;
  verdictsFor: (list: Diagram[]) => Promise<(DiagramValidation | undefined)[]>;
  /** The batch checked here, when its worker ran out of memory. */
  inProcess: (batch: Batch) => Promise<ProjectedPlan[]>;
}

/** Hands batches to `count` workers, the next one to whichever finishes first; results by batch. */
function runBatches(batches: readonly Batch[], runner: BatchRunner): Promise<ProjectedPlan[][]> {
  const results: ProjectedPlan[][] = new Array(batches.length);
  if (batches.length === 0) return Promise.resolve(results);
  const workers: Worker[] = [];
  return new Promise<ProjectedPlan[][]>((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    const held = new Map<Worker, number>();
    const alive = new Set<Worker>();
    const done = (id: number, projected: ProjectedPlan[]) => {
      results[id] = projected;
      if (++finished === batches.length) resolve(results);
    };
    const give = (worker: Worker) => {
      if (next >= batches.length) return;
      const id = next++;
      held.set(worker, id);
      worker.postMessage({ type: "batch", id, plans: batches[id]! } satisfies ToWorker);
    };
    // Its batch here; with no worker left, every batch not handed out yet too.
    const outOfMemory = async (worker: Worker) => {
      alive.delete(worker);
      const ids = held.has(worker) ? [held.get(worker)!] : [];
      if (alive.size === 0) while (next < batches.length) ids.push(next++);
      for (const id of ids) done(id, await runner.inProcess(batches[id]!));
    };
    const onMessage = (worker: Worker) => (message: FromWorker) => {
      if (message.type === "diagrams") {
        runner
          .verdictsFor(message.diagrams)
          .then(
            (verdicts) =>
              worker.postMessage({ type: "verdicts", id: message.id, verdicts } satisfies ToWorker),
            fail,
          );
        return;
      }
      held.delete(worker);
      done(message.id, message.results);
      give(worker);
    };
    for (let i = 0; i < runner.count; i++) {
      const worker = new Worker(moduleUrl("./worker", import.meta.url), {
        workerData: runner.run,
        resourceLimits: { maxOldGenerationSizeMb: runner.heapMb },
      });
      workers.push(worker);
      alive.add(worker);
      worker.on("message", onMessage(worker));
      worker.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY") outOfMemory(worker).catch(fail);
        else fail(workerFailed(error.message));
      });
      worker.on("exit", (code) => {
        if (alive.has(worker) && finished < batches.length)
          fail(workerFailed(`it exited with code ${code}`));
      });
      give(worker);
    }
  }).finally(() => Promise.all(workers.map((w) => w.terminate())));
}

/** A worker that dies is a bug in plan-portal: say so, instead of waiting for it for ever. */
function workerFailed(why: string): Error {
  return new Error(`A plan-portal check worker failed (${why}); this is a bug in plan-portal.`);
}
