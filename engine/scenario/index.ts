// the result contract (summary.json)
export type {ScenarioResult, StrategyRun} from "./scenario-result.ts";
// planning a scenario file
export {loadScenarioPlan, withOverrides} from "./load-scenario-plan.ts";
export type {ScenarioOverrides, ScenarioSource} from "./load-scenario-plan.ts";
export {planScenario} from "./scenario-plan.ts";
export type {ScenarioPlan, ScenarioRun, TrafficGroup} from "./scenario-plan.ts";
export {applyRateChanges} from "./apply-rate-changes.ts";
// running: units, replications, workers
export {replicationSeed} from "./replication-seed.ts";
export {runReplication} from "./run-replication.ts";
export type {GroupReplication} from "./run-replication.ts";
export {figuresFromAggregate} from "./replication-figures.ts";
export type {ReplicationFigures} from "./replication-figures.ts";
export {markupMicros} from "./markup-micros.ts";
export {runScenario, scenarioUnits} from "./run-scenario.ts";
export type {ProgressHandler, ScenarioUnit} from "./run-scenario.ts";
export {runScenarioInWorkers} from "./run-scenario-workers.ts";
export type {WorkerRunOptions} from "./run-scenario-workers.ts";
// summaries and tables
export {summarizeScenario} from "./summarize-scenario.ts";
export {scenarioTables} from "./scenario-tables.ts";
// worker threads on TypeScript entries (Node with tsx, or Deno), claiming numbered units
export {claimUnits, runUnitsInWorkers} from "./run-units-in-workers.ts";
export type {UnitPoolOptions} from "./run-units-in-workers.ts";
export type {UnitReply} from "./worker-messages.ts";
export {startTypeScriptWorker} from "./start-typescript-worker.ts";
