import type {ScenarioSource} from "./load-scenario-plan.ts";
import {runReplication} from "./run-replication.ts";
import type {GroupReplication} from "./run-replication.ts";
import {scenarioUnits} from "./run-scenario.ts";
import {runUnitsInWorkers} from "./run-units-in-workers.ts";
import type {ProgressHandler} from "./run-scenario.ts";
import type {ScenarioPlan} from "./scenario-plan.ts";
import type {ScenarioResult} from "./scenario-result.ts";
import {summarizeScenario} from "./summarize-scenario.ts";
import type {WorkerStart} from "./worker-messages.ts";

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
 * starts at once while the workers boot (each loads its modules and rebuilds the plan from `source`), and
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
  const units = scenarioUnits(plan);
  const results = await runUnitsInWorkers({
    units: units.length,
    workers: options.workers,
    mainThread: options.mainThread ?? true,
    entry: WORKER_URL,
    workerData: (counter): WorkerStart => ({source, counter}),
    runHere: (unit) => runReplication(plan, units[unit]!.group, units[unit]!.replication),
    onProgress: options.onProgress ?? progress,
  });
  const byGroup: GroupReplication[][] = plan.groups.map(() => []);
  units.forEach((unit, k) => (byGroup[unit.group]![unit.replication] = results[k]!));
  return summarizeScenario(plan, byGroup);
}
