// Worker thread of `simulateChargesInWorkers`: rebuilds the traffic plan from the texts it is
// given (no file access), then claims shards from the shared counter and simulates and bills
// them until none is left, posting each shard's totals.
import {parentPort, workerData} from "node:worker_threads";
import {claimUnits} from "../scenario/run-units-in-workers.ts";
import {shardRunner} from "./simulate-charges-workers.ts";
import type {SimulateChargesWorkerStart} from "./simulate-charges-workers.ts";
import {loadSimulation} from "./simulation-source.ts";

const {source, options, counter} = workerData as SimulateChargesWorkerStart;

claimUnits(parentPort!, counter, () => {
  const {bounds, run} = shardRunner(loadSimulation(source), options);
  return {units: bounds.length - 1, run};
});
