import type {Worker} from "node:worker_threads";
import {InputError} from "../../models/input-error.ts";
import {startTypeScriptWorker} from "./start-typescript-worker.ts";
import type {UnitReply} from "./worker-messages.ts";

/** How {@link runUnitsInWorkers} spreads numbered units of work over threads. */
export interface UnitPoolOptions<Result> {
  /** Number of units; they are numbered `0 .. units - 1`. */
  units: number;
  /** Threads in all, this one included (or worker threads alone without `mainThread`). */
  workers: number;
  /** Whether this thread runs units too (default true); false leaves every unit to workers. */
  mainThread?: boolean;
  /** The worker's TypeScript entry; it calls {@link claimUnits} with the same counter. */
  entry: URL;
  /** The worker's `workerData`, given the shared counter it must claim units from. */
  workerData: (counter: SharedArrayBuffer) => unknown;
  /** Runs one unit in this thread. */
  runHere: (unit: number) => Result;
  /** Called after each unit with the units done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs units `0 .. units - 1` on `workers` threads: this one and `workers - 1` worker threads
 * (node:worker_threads, which Deno also provides) started on `entry`. Every thread claims its
 * next unit from a shared atomic counter, so none waits for another: this thread starts at once
 * while the workers boot, and yields between units to collect their results. Results come back
 * in unit order, so whatever consumes them in that order gets the same bytes whatever the
 * number of threads or who ran what.
 * @throws InputError from any thread (e.g. a market an edition lacks); the others stop.
 * @example (await runUnitsInWorkers({units: 3, workers: 2, entry, workerData, runHere})).length // => 3
 */
export async function runUnitsInWorkers<Result>(
  options: UnitPoolOptions<Result>,
): Promise<Result[]> {
  const {units, onProgress} = options;
  const mainThread = options.mainThread ?? true;
  const results: (Result | undefined)[] = new Array(units);
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const threads: Worker[] = [];
  let done = 0;
  let failure: Error | undefined;
  let finished: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const record = (unit: number, result: Result) => {
    results[unit] = result;
    done++;
    onProgress?.(done, units);
    if (done === units) finished();
  };
  const fail = (error: Error) => {
    failure ??= error;
    Atomics.store(next, 0, units); // nobody claims another unit
    finished();
  };
  try {
    // NOTE (perf): a worker takes time to start (its modules, ~0.15 s from the bundle cache, then
    // rate cards and plan), so this thread runs the first units; small runs may finish before it is up
    const count = mainThread
      ? Math.max(0, Math.min(options.workers - 1, units - 1))
      : Math.max(1, Math.min(options.workers, units));
    for (let w = 0; w < count; w++) {
      const worker = startTypeScriptWorker(options.entry, options.workerData(counter));
      threads.push(worker);
      worker.on("message", (reply: UnitReply<Result>) => {
        if (reply.type === "done") record(reply.unit, reply.result);
        else if (reply.type === "input-error") fail(new InputError(reply.problems));
        else fail(new Error(`worker failed: ${reply.message}`));
      });
      worker.on("error", (error) => fail(error));
      worker.on("exit", (code) => {
        if (code !== 0 && done < units) fail(new Error(`worker exited with code ${code}`));
      });
    }
    while (mainThread && failure === undefined) {
      const unit = Atomics.add(next, 0, 1);
      if (unit >= units) break;
      try {
        record(unit, options.runHere(unit));
      } catch (error) {
        fail(error as Error);
      }
      // let the workers' results in
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    if (units > 0) await allDone;
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results as Result[];
}

/**
 * The worker side of {@link runUnitsInWorkers}: claims units from the shared counter until none
 * is left, posting each unit's result (or the failure, after which it stops). `prepare` runs
 * once before the first claim (e.g. rebuilding a plan from texts) and its failure is posted too.
 * @example claimUnits(port, counter, units, (unit) => runReplication(plan, unit));
 */
export function claimUnits<Result>(
  port: {postMessage(message: UnitReply<Result>): void},
  counter: SharedArrayBuffer,
  prepare: () => {units: number; run: (unit: number) => Result},
): void {
  const next = new Int32Array(counter);
  try {
    const {units, run} = prepare();
    for (;;) {
      const unit = Atomics.add(next, 0, 1);
      if (unit >= units) break;
      port.postMessage({type: "done", unit, result: run(unit)});
    }
  } catch (error) {
    port.postMessage(
      error instanceof InputError
        ? {type: "input-error", problems: [...error.problems]}
        : {type: "error", message: (error as Error).stack ?? String(error)},
    );
  }
}
