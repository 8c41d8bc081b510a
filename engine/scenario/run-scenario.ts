import {runReplication} from "./run-replication.ts";
import type {GroupReplication} from "./run-replication.ts";
import type {ScenarioPlan} from "./scenario-plan.ts";
import type {ScenarioResult} from "./scenario-result.ts";
import {summarizeScenario} from "./summarize-scenario.ts";

/** A unit of work: one traffic group in one replication. */
export interface ScenarioUnit {
  group: number;
  replication: number;
}

/** Called after each unit with the units done and the total. */
export type ProgressHandler = (done: number, total: number) => void;

/**
 * The units of a plan in their fixed order: groups outer, replications inner.
 * @example scenarioUnits(plan).length // => groups x replications
 */
export function scenarioUnits(plan: ScenarioPlan): ScenarioUnit[] {
  return plan.groups.flatMap((_, group) =>
    Array.from({length: plan.file.replications}, (_, replication) => ({group, replication})),
  );
}

/**
 * Runs every strategy x sweep point x replication in this thread and summarises them.
 * `runScenarioInWorkers` gives the same bytes with several threads.
 * @throws InputError from billing (e.g. a market an edition lacks).
 * @example runScenario(plan).runs.map((r) => r.total.mean) // => [10234.5, 9876.1]
 */
export function runScenario(plan: ScenarioPlan, onProgress?: ProgressHandler): ScenarioResult {
  const units = scenarioUnits(plan);
  const byGroup: GroupReplication[][] = plan.groups.map(() => []);
  units.forEach((unit, k) => {
    byGroup[unit.group]![unit.replication] = runReplication(plan, unit.group, unit.replication);
    onProgress?.(k + 1, units.length);
  });
  return summarizeScenario(plan, byGroup);
}
