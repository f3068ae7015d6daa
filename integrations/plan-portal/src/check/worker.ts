/**
 * A check worker (issue 19): reads, parses and runs the plan rules on batches of plans, and
 * returns each plan's projection, never the model. Diagram verdicts come from the main thread,
 * which owns the mermaid parser and its cache, so each batch asks for them once.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { DiscoveredPlan } from "../discover/index.ts";
import type { DiagramValidation } from "../parse/types.ts";
import type { SourcedPlan } from "../sources/discover.ts";
import { batchDiagrams, parseBatch, prepareRun, projectBatch, type BatchRun } from "./batch.ts";
import type { ProjectedPlan } from "./projection.ts";
import type { Diagram } from "../parse/types.ts";

/** Main thread → worker. */
export type ToWorker =
  | { type: "batch"; id: number; plans: (DiscoveredPlan | SourcedPlan)[] }
  | { type: "verdicts"; id: number; verdicts: (DiagramValidation | undefined)[] };

/** Worker → main thread. */
export type FromWorker =
  | { type: "diagrams"; id: number; diagrams: Diagram[] }
  | { type: "done"; id: number; results: ProjectedPlan[] };

const port = parentPort!;
const prepared = prepareRun(workerData as BatchRun);
const waiting = new Map<number, (verdicts: (DiagramValidation | undefined)[]) => void>();

function send(message: FromWorker): void {
  port.postMessage(message);
}

async function runBatch(id: number, found: (DiscoveredPlan | SourcedPlan)[]): Promise<void> {
  const plans = parseBatch(found, prepared);
  const diagrams = batchDiagrams(plans);
  const verdicts =
    diagrams.length === 0
      ? []
      : await new Promise<(DiagramValidation | undefined)[]>((resolve) => {
          waiting.set(id, resolve);
          send({ type: "diagrams", id, diagrams });
        });
  send({ type: "done", id, results: projectBatch(found, plans, verdicts, prepared) });
}

port.on("message", (message: ToWorker) => {
  if (message.type === "verdicts") {
    waiting.get(message.id)?.(message.verdicts);
    waiting.delete(message.id);
  } else void runBatch(message.id, message.plans);
});
