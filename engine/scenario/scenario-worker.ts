// Worker thread of `runScenarioInWorkers`: rebuilds the scenario plan from the texts it is given
// (no file access), then claims units from the shared counter and runs them until none is left,
// posting each unit's figures.
import {parentPort, workerData} from "node:worker_threads";
import {InputError} from "../../models/input-error.ts";
import {loadScenarioPlan} from "./load-scenario-plan.ts";
import {runReplication} from "./run-replication.ts";
import {scenarioUnits} from "./run-scenario.ts";
import type {WorkerReply, WorkerStart} from "./worker-messages.ts";

const port = parentPort!;
const post = (reply: WorkerReply) => port.postMessage(reply);
const {source, counter} = workerData as WorkerStart;
const next = new Int32Array(counter);

try {
  const plan = loadScenarioPlan(source);
  const units = scenarioUnits(plan);
  for (;;) {
    const unit = Atomics.add(next, 0, 1);
    if (unit >= units.length) break;
    const {group, replication} = units[unit]!;
    post({type: "done", unit, result: runReplication(plan, group, replication)});
  }
} catch (error) {
  post(
    error instanceof InputError
      ? {type: "input-error", problems: [...error.problems]}
      : {type: "error", message: (error as Error).stack ?? String(error)},
  );
}
