import type {Worker} from "node:worker_threads";
import {InputError} from "../../models/input-error.ts";
import type {ScenarioSource} from "./load-scenario-plan.ts";
import {runReplication} from "./run-replication.ts";
import type {GroupReplication} from "./run-replication.ts";
import {scenarioUnits} from "./run-scenario.ts";
import {startTypeScriptWorker} from "./start-typescript-worker.ts";
import type {ProgressHandler} from "./run-scenario.ts";
import type {ScenarioPlan} from "./scenario-plan.ts";
import type {ScenarioResult} from "./scenario-result.ts";
import {summarizeScenario} from "./summarize-scenario.ts";
import type {WorkerReply, WorkerStart} from "./worker-messages.ts";

const WORKER_URL = new URL("./scenario-worker.ts", import.meta.url);

/** How {@link runScenarioInWorkers} spreads the units. */
export interface WorkerRunOptions {
  /** Threads in all, this one included (or worker threads alone without `mainThread`). */
  workers: number;
  onProgress?: ProgressHandler;
  /** Whether this thread runs units too (default true); false leaves every unit to workers. */
  mainThread?: boolean;
}

/**
 * Runs a planned scenario on `workers` threads: this one and `workers - 1` worker threads
 * (node:worker_threads, which Deno also provides). Every thread claims units (one traffic group
 * in one replication) from a shared atomic counter, so none waits for another: this thread
 * starts at once while the workers boot (each rebuilds the plan from `source`, ~1 s), and
 * yields between units to collect their results. Every unit is computed alone and the results
 * are summarised in unit order, so the result is byte-identical to `runScenario(plan)` whatever
 * the number of threads or who ran what.
 * `runScenarioInWorkers(plan, source, 2, onProgress)` is short for `{workers: 2, onProgress}`.
 * @throws InputError from any thread (e.g. a market an edition lacks); the others stop.
 * @example await runScenarioInWorkers(plan, source, {workers: 2}) // => the same ScenarioResult as runScenario(plan)
 */
export async function runScenarioInWorkers(
  plan: ScenarioPlan,
  source: ScenarioSource,
  workersOrOptions: number | WorkerRunOptions,
  progress?: ProgressHandler,
): Promise<ScenarioResult> {
  const options =
    typeof workersOrOptions === "number" ? {workers: workersOrOptions} : workersOrOptions;
  const onProgress = options.onProgress ?? progress;
  const mainThread = options.mainThread ?? true;
  const units = scenarioUnits(plan);
  const results: (GroupReplication | undefined)[] = new Array(units.length);
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const threads: Worker[] = [];
  let done = 0;
  let failure: Error | undefined;
  let finished: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const record = (unit: number, result: GroupReplication) => {
    results[unit] = result;
    done++;
    onProgress?.(done, units.length);
    if (done === units.length) finished();
  };
  const fail = (error: Error) => {
    failure ??= error;
    Atomics.store(next, 0, units.length); // nobody claims another unit
    finished();
  };
  try {
    // NOTE (perf): a worker costs ~1 s of CPU to start (TypeScript loader, modules, rate cards),
    // so this thread runs the first units; small scenarios may finish before a worker is up
    const count = mainThread
      ? Math.max(0, Math.min(options.workers - 1, units.length - 1))
      : Math.max(1, Math.min(options.workers, units.length));
    for (let w = 0; w < count; w++) {
      const start: WorkerStart = {source, counter};
      const worker = startTypeScriptWorker(WORKER_URL, start);
      threads.push(worker);
      worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "done") record(reply.unit, reply.result);
        else if (reply.type === "input-error") fail(new InputError(reply.problems));
        else fail(new Error(`scenario worker failed: ${reply.message}`));
      });
      worker.on("error", (error) => fail(error));
      worker.on("exit", (code) => {
        if (code !== 0 && done < units.length)
          fail(new Error(`scenario worker exited with code ${code}`));
      });
    }
    while (mainThread && failure === undefined) {
      const unit = Atomics.add(next, 0, 1);
      if (unit >= units.length) break;
      try {
        record(unit, runReplication(plan, units[unit]!.group, units[unit]!.replication));
      } catch (error) {
        fail(error as Error);
      }
      // let the workers' results in
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    if (units.length > 0) await allDone;
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  const byGroup: GroupReplication[][] = plan.groups.map(() => []);
  units.forEach((unit, k) => (byGroup[unit.group]![unit.replication] = results[k]!));
  return summarizeScenario(plan, byGroup);
}
