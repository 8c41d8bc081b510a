import {countryOf} from "../../models/markets/index.ts";
import {createChargeColumns} from "../../models/pricing/index.ts";
import {BATCH_ROWS} from "../message-batch.ts";
import type {TrafficPlan} from "../../models/traffic/traffic-plan.ts";
import {
  addToAggregate,
  createChargeAggregate,
  createWabaMonths,
  mergeAggregates,
} from "../aggregate/index.ts";
import type {ChargeAggregate, DayCalendar} from "../aggregate/index.ts";
import type {BillingData} from "../billing-data.ts";
import {createBillingKernel} from "../billing-kernel.ts";
import type {BillingOptions, BillingWarning} from "../billing-kernel.ts";
import {simulate} from "./simulate.ts";
import type {SimulationStats} from "./simulate.ts";

/** Users a shard gathers before it closes (a business is never split). */
export const SHARD_USERS = 200_000;

/** What one shard of businesses gives: its totals, its counts and its billing warnings. */
export interface ChargeShardResult {
  /** Charges and traffic by day x market x category. */
  aggregate: ChargeAggregate;
  stats: SimulationStats;
  warnings: BillingWarning[];
}

/** Options of a shard's run: the seed and the billing options. */
export interface ChargeShardOptions extends BillingOptions {
  seed: string | number;
  data: BillingData;
  /** The days the aggregate counts by. */
  calendar: DayCalendar;
  /**
   * Simulated time each business advances before its rows are billed (default: the whole
   * period, so each business is simulated and billed in one go while its state is in the CPU
   * caches). The totals do not depend on it: billing state belongs to one business.
   */
  windowMs?: number;
}

/**
 * Splits a plan's businesses into shards of consecutive positions, each closed once it holds
 * `shardUsers` users: `[bounds[k], bounds[k + 1])` is shard k. The split depends on the plan
 * alone, never on how many threads run the shards.
 * @example chargeShards(plan, 1).length // => plan.businesses.length + 1
 */
export function chargeShards(plan: TrafficPlan, shardUsers = SHARD_USERS): number[] {
  const bounds = [0];
  let users = 0;
  plan.businesses.forEach((business, i) => {
    users += business.totalUsers;
    if (users >= shardUsers && i + 1 < plan.businesses.length) {
      bounds.push(i + 1);
      users = 0;
    }
  });
  if (plan.businesses.length > 0) bounds.push(plan.businesses.length);
  return bounds;
}

/**
 * Simulates the businesses at positions `[from, to)` and bills them with a kernel of their own,
 * adding the charges and the traffic to a fresh aggregate. Billing state belongs to one business
 * (design.md), so a shard's totals do not depend on which other shards run, where or in which
 * order. Memory: the shard's per-user state (simulation and kernel), not its messages.
 * @throws InputError from the kernel (e.g. a market an edition lacks).
 * @example simulateChargeShard(plan, 0, plan.businesses.length, {seed: 42, data, calendar}).stats.messages // => 495867 (the shop of scenarios/loja-br-ecommerce.yaml)
 */
export function simulateChargeShard(
  plan: TrafficPlan,
  from: number,
  to: number,
  options: ChargeShardOptions,
): ChargeShardResult {
  const {data} = options;
  const context = {accounts: plan.accounts, markets: data.markets, cards: data.cards};
  const kernel = createBillingKernel(context, options);
  let users = 0;
  for (let b = from; b < to; b++) users += plan.businesses[b]!.totalUsers;
  kernel.reserve(users);
  const aggregate = createChargeAggregate(options.calendar, data.markets.markets);
  let charges = createChargeColumns(BATCH_ROWS);
  const months = createWabaMonths(plan.accounts.wabas.length);
  const only: number[] = [];
  for (let i = from; i < to; i++) only.push(i);
  const stats = simulate(
    plan,
    {
      seed: options.seed,
      countryOf: (e164) => countryOf(data.markets, e164),
      order: "business",
      // NOTE (perf): one window for the period: ~1.25x the simulation speed of daily windows
      // over many small businesses, for a buffer of one business's rows of the period
      windowMs: options.windowMs ?? Math.max(1, plan.endMs - plan.startMs),
      only,
      // the kernel and the aggregate key users by id: no number strings
      userNumbers: false,
      countryDigits: data.markets.maxPrefixLength,
    },
    (batch) => {
      if (charges.row.length < batch.length) charges = createChargeColumns(batch.tMs.length);
      kernel.bill(batch, charges);
      addToAggregate(aggregate, context, batch, charges, months);
    },
  );
  aggregate.users += users;
  return {aggregate, stats, warnings: kernel.warnings()};
}

/**
 * Adds shard results up in the order given (sums of whole numbers below 2^53, so exact): the
 * totals of the whole plan, equal however the shards were spread. Warnings of the same code
 * are counted together, first message kept.
 * @example mergeChargeShards([a, b]).stats.messages // => a.stats.messages + b.stats.messages
 */
export function mergeChargeShards(
  results: readonly ChargeShardResult[],
  calendar: DayCalendar,
  markets: readonly string[],
): ChargeShardResult {
  const aggregate = createChargeAggregate(calendar, markets);
  const stats: SimulationStats = {messages: 0, events: 0, pairs: 0, businesses: 0};
  const warnings: BillingWarning[] = [];
  const byCode = new Map<string, BillingWarning>();
  for (const result of results) {
    mergeAggregates(aggregate, result.aggregate);
    stats.messages += result.stats.messages;
    stats.events += result.stats.events;
    stats.pairs += result.stats.pairs;
    stats.businesses += result.stats.businesses;
    for (const warning of result.warnings) {
      const seen = byCode.get(warning.code);
      if (seen === undefined) {
        const copy = {...warning};
        byCode.set(warning.code, copy);
        warnings.push(copy);
      } else seen.count += warning.count;
    }
  }
  return {aggregate, stats, warnings};
}
