import {CATEGORY_COUNT} from "../../models/codes.ts";
import type {ChargeAggregate} from "../aggregate/index.ts";
import {MESSAGE_CATEGORY_NAMES} from "../aggregate/index.ts";

/** Message categories of traffic counts (template categories, then service). */
const MESSAGE_CATEGORIES = MESSAGE_CATEGORY_NAMES.length;

/**
 * What one strategy x sweep point x replication produced, reduced to what summaries need:
 * Meta's charges in micro-units by day x charge category and by market x charge category,
 * charge records, conversations and billable records by charge category, delivered and failed
 * business messages by message category, inbound messages, users, and the markup. Micro-unit
 * sums are exact integers in doubles (below 2^53). Plain arrays of numbers, so a worker posts
 * them as they are.
 */
export interface ReplicationFigures {
  /** `[day * CATEGORY_COUNT + category]`, micro-units. */
  amountByDay: Float64Array;
  /** `[market * CATEGORY_COUNT + category]`, micro-units. */
  amountByMarket: Float64Array;
  /** `[market * CATEGORY_COUNT + category]`: charge records (conversations and messages). */
  recordsByMarket: Float64Array;
  /** By charge category. */
  conversations: Float64Array;
  billable: Float64Array;
  /** By message category (MESSAGE_CATEGORY_NAMES). */
  delivered: Float64Array;
  failed: Float64Array;
  inbound: number;
  users: number;
  /** Meta's charges, micro-units (the sum of `amountByDay`). */
  metaMicros: number;
  /** The reseller's markup, micro-units (0 without one). */
  markupMicros: number;
}

/**
 * Reduces a run's day x market x category aggregate to its figures (markup still 0).
 * O(days x markets x categories).
 * @example figuresFromAggregate(aggregate, 60000).metaMicros // => 12345678900
 */
export function figuresFromAggregate(
  aggregate: ChargeAggregate,
  users: number,
): ReplicationFigures {
  const days = aggregate.calendar.days.length;
  const markets = aggregate.markets.length;
  const amountByDay = new Float64Array(days * CATEGORY_COUNT);
  const amountByMarket = new Float64Array(markets * CATEGORY_COUNT);
  const recordsByMarket = new Float64Array(markets * CATEGORY_COUNT);
  const conversations = new Float64Array(CATEGORY_COUNT);
  const billable = new Float64Array(CATEGORY_COUNT);
  const delivered = new Float64Array(MESSAGE_CATEGORIES);
  const failed = new Float64Array(MESSAGE_CATEGORIES);
  let inbound = 0;
  let metaMicros = 0;
  for (let d = 0; d < days; d++) {
    for (let m = 0; m < markets; m++) {
      const cell = d * markets + m;
      for (let c = 0; c < CATEGORY_COUNT; c++) {
        const k = cell * CATEGORY_COUNT + c;
        const amount = aggregate.amountMicros[k]!;
        amountByDay[d * CATEGORY_COUNT + c]! += amount;
        amountByMarket[m * CATEGORY_COUNT + c]! += amount;
        recordsByMarket[m * CATEGORY_COUNT + c]! += aggregate.records[k]!;
        conversations[c]! += aggregate.conversations[k]!;
        billable[c]! += aggregate.billable[k]!;
        metaMicros += amount;
      }
      for (let c = 0; c < MESSAGE_CATEGORIES; c++) {
        delivered[c]! += aggregate.delivered[cell * MESSAGE_CATEGORIES + c]!;
        failed[c]! += aggregate.failed[cell * MESSAGE_CATEGORIES + c]!;
      }
      inbound += aggregate.inbound[cell]!;
    }
  }
  return {
    amountByDay,
    amountByMarket,
    recordsByMarket,
    conversations,
    billable,
    delivered,
    failed,
    inbound,
    users,
    metaMicros,
    markupMicros: 0,
  };
}
