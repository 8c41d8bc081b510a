import {formatDayNumber} from "../../models/calendar/index.ts";
import {createDayCalendar} from "../aggregate/index.ts";
import type {DayCalendar} from "../aggregate/index.ts";
import type {TrafficPlan} from "../../models/traffic/traffic-plan.ts";
import type {RateCardTexts} from "../billing-data.ts";
import type {BillingOptions} from "../billing-kernel.ts";
import {runUnitsInWorkers} from "../scenario/run-units-in-workers.ts";
import {
  chargeShards,
  mergeChargeShards,
  simulateChargeShard,
  SHARD_USERS,
} from "./charge-shards.ts";
import type {ChargeShardResult} from "./charge-shards.ts";
import {loadSimulation} from "./simulation-source.ts";
import type {LoadedSimulation, SimulationSource} from "./simulation-source.ts";

const WORKER_URL = new URL("./simulate-charges-worker.ts", import.meta.url);
const DAY_MS = 86_400_000;

/** Options of {@link simulateChargesInWorkers}: the seed, billing options and threads. */
export interface ShardedChargesOptions extends BillingOptions {
  seed: string | number;
  /** Threads in all, this one included (default 1: no worker thread). */
  workers?: number;
  /** Whether this thread runs shards too (default true); false leaves them all to workers. */
  mainThread?: boolean;
  /** Users per shard (default {@link SHARD_USERS}); the result does not depend on it either. */
  shardUsers?: number;
  /** Called after each shard with the shards done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * What a simulate-charges worker starts with: the compiled plan (structured-cloned, shared parts
 * stay shared) and the rate-card texts.
 * NOTE (perf): a clone of the plan costs ~0.5 s for 25,000 businesses where parsing and
 * compiling the simulation file again cost ~4 s and a few hundred MB of transient heap.
 */
export interface SimulateChargesWorkerStart {
  plan: TrafficPlan;
  rateCards: RateCardTexts;
  options: Omit<ShardedChargesOptions, "onProgress" | "workers" | "mainThread">;
  counter: SharedArrayBuffer;
}

/** The UTC days covering a plan's period, the aggregate's day axis. */
export function periodCalendar(startMs: number, endMs: number): DayCalendar {
  const first = Math.floor(startMs / DAY_MS);
  const last = Math.max(first + 1, Math.ceil(endMs / DAY_MS));
  return createDayCalendar(formatDayNumber(first), formatDayNumber(last), "UTC");
}

/** The shards of a loaded simulation and how to run one (the same in every thread). */
export function shardRunner(
  loaded: Pick<LoadedSimulation, "plan" | "data">,
  options: Omit<ShardedChargesOptions, "onProgress" | "workers" | "mainThread">,
): {bounds: number[]; calendar: DayCalendar; run: (shard: number) => ChargeShardResult} {
  const {plan, data} = loaded;
  const bounds = chargeShards(plan, options.shardUsers ?? SHARD_USERS);
  const calendar = periodCalendar(plan.startMs, plan.endMs);
  const shardOptions = {...options, data, calendar};
  return {
    bounds,
    calendar,
    run: (shard) => simulateChargeShard(plan, bounds[shard]!, bounds[shard + 1]!, shardOptions),
  };
}

/**
 * Simulates a simulation file's traffic and bills it, split by business into shards of about
 * `shardUsers` users (design.md: billing state belongs to one business) that run on `workers`
 * threads: this one and `workers - 1` worker threads, each given a copy of the plan.
 * Shard totals are whole numbers added in shard order, so the result (totals by day x market x
 * category, counts, warnings) is byte-identical for any number of workers. Memory: the plan,
 * plus the per-user state of one shard per thread; never the messages.
 * @throws InputError for a bad simulation, or from billing in any thread.
 * @example (await simulateChargesInWorkers(source, {seed: 42, workers: 2})).stats.messages // => 495867 (the shop of scenarios/loja-br-ecommerce.yaml)
 */
export async function simulateChargesInWorkers(
  source: SimulationSource,
  options: ShardedChargesOptions,
  loaded: LoadedSimulation = loadSimulation(source),
): Promise<ChargeShardResult> {
  const {onProgress, workers = 1, mainThread = true, ...shared} = options;
  const {bounds, calendar, run} = shardRunner(loaded, shared);
  const shards = bounds.length - 1;
  const results =
    (workers <= 1 && mainThread) || shards <= 1
      ? Array.from({length: shards}, (_, k) => {
          const result = run(k);
          onProgress?.(k + 1, shards);
          return result;
        })
      : await runUnitsInWorkers({
          units: shards,
          workers,
          mainThread,
          entry: WORKER_URL,
          workerData: (counter): SimulateChargesWorkerStart => ({
            plan: loaded.plan,
            rateCards: source.rateCards,
            options: shared,
            counter,
          }),
          runHere: run,
          ...(onProgress === undefined ? {} : {onProgress}),
        });
  return mergeChargeShards(results, calendar, loaded.data.markets.markets);
}
