// discrete-event core
export {createEventQueue, eventOrder, MAX_PRIORITY} from "./event-queue.ts";
export type {EventQueue} from "./event-queue.ts";
export {
  createSimulation,
  MAX_SLOT,
  NORMAL,
  PASSIVATE,
  SimulationError,
  URGENT,
} from "./simulation.ts";
export type {EventHandler, Process, Simulation} from "./simulation.ts";
// random streams and distributions
export {
  createRandomStreams,
  createSfc32,
  forkStream,
  seedWord,
  sfc32Below,
  sfc32Next,
  sfc32Seed,
  sfc32Word,
} from "./random-streams.ts";
export type {RandomStream, RandomStreams} from "./random-streams.ts";
export {hashUnit, mix32} from "./hash32.ts";
export {
  arrivalPiecewiseAt,
  arrivalPiecewiseIn,
  bernoulli,
  categorical,
  createCategorical,
  exponential,
  logFactorial,
  lognormal,
  nextArrivalByThinning,
  poisson,
  standardNormal,
  uniformInt,
} from "./distributions.ts";
// traffic simulation
export {createBusinessSimulation} from "./business-simulation.ts";
export type {BusinessSimulation} from "./business-simulation.ts";
export {simulate, simulateBatches} from "./simulate.ts";
export type {SimulateOptions, SimulationStats} from "./simulate.ts";
export {simulateCharges} from "./simulate-charges.ts";
export type {SimulateChargesOptions} from "./simulate-charges.ts";
// simulate and bill by shards of businesses, on worker threads
export {loadSimulation} from "./simulation-source.ts";
export type {LoadedSimulation, SimulationSource} from "./simulation-source.ts";
export {
  chargeShards,
  mergeChargeShards,
  SHARD_USERS,
  simulateChargeShard,
} from "./charge-shards.ts";
export type {ChargeShardOptions, ChargeShardResult} from "./charge-shards.ts";
export {periodCalendar, simulateChargesInWorkers} from "./simulate-charges-workers.ts";
export type {ShardedChargesOptions} from "./simulate-charges-workers.ts";
export {summaryOfAggregate} from "./summary-of-aggregate.ts";
export {createRowBuffer, pushRow} from "./row-buffer.ts";
export type {RowBuffer} from "./row-buffer.ts";
// message log output
export {createMessageLogEncoder} from "./format-message-log.ts";
