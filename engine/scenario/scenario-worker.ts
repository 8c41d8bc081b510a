// Worker thread of `runScenarioInWorkers`: rebuilds the scenario plan from the texts it is given
// (no file access), then claims units from the shared counter and runs them until none is left,
// posting each unit's figures.
import {parentPort, workerData} from "node:worker_threads";
import {loadScenarioPlan} from "./load-scenario-plan.ts";
import {runReplication} from "./run-replication.ts";
import {scenarioUnits} from "./run-scenario.ts";
import {claimUnits} from "./run-units-in-workers.ts";
import type {WorkerStart} from "./worker-messages.ts";

const {source, counter} = workerData as WorkerStart;

claimUnits(parentPort!, counter, () => {
  const plan = loadScenarioPlan(source);
  const units = scenarioUnits(plan);
  return {
    units: units.length,
    run: (unit) => runReplication(plan, units[unit]!.group, units[unit]!.replication),
  };
});
