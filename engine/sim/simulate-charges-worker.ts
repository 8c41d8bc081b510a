// Worker thread of `simulateChargesInWorkers`: takes the compiled traffic plan it is given (a
// structured clone) and compiles the rate cards from their texts (no file access), then claims
// shards from the shared counter and simulates and bills them until none is left, posting each
// shard's totals.
import {parentPort, workerData} from "node:worker_threads";
import {compileBillingData} from "../billing-data.ts";
import {claimUnits} from "../scenario/run-units-in-workers.ts";
import {shardRunner} from "./simulate-charges-workers.ts";
import type {SimulateChargesWorkerStart} from "./simulate-charges-workers.ts";

const {plan, rateCards, options, counter} = workerData as SimulateChargesWorkerStart;

claimUnits(parentPort!, counter, () => {
  const {bounds, run} = shardRunner({plan, data: compileBillingData(rateCards)}, options);
  return {units: bounds.length - 1, run};
});
