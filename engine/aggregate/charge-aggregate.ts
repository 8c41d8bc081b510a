import {CATEGORY_COUNT, DIRECTION, NO_CATEGORY, STATUS, TEMPLATE_TYPE} from "../../models/codes.ts";
import {isConversationModel} from "../../models/pricing/index.ts";
import type {BillingContext, ChargeColumns} from "../../models/pricing/index.ts";
import {
  CALENDAR_FIRST_MONTH,
  CALENDAR_MONTHS,
  firstDayOfMonth,
  localMonthOf,
  localMonthStart,
} from "../../models/calendar/index.ts";
import {marketEraOfDay} from "../../models/markets/index.ts";
import type {MessageBatch} from "../message-batch.ts";
import type {DayCalendar} from "./day-calendar.ts";

/** Message categories counted for traffic (not charges): the template categories, then service. */
export const MESSAGE_CATEGORY_NAMES = [
  "marketing",
  "utility",
  "authentication",
  "service",
] as const;
const MESSAGE_CATEGORIES = MESSAGE_CATEGORY_NAMES.length;
const SERVICE = 3;

/**
 * Totals of a run by local day x market x category (design.md "engine/aggregate"): charge records,
 * conversations, billable records and amounts by charge category; delivered business messages by
 * message category; inbound messages by market. Flat Float64Arrays, `[(day * markets + market) *
 * categories + category]`; micro-unit sums stay exact below 2^53.
 */
export interface ChargeAggregate {
  calendar: DayCalendar;
  markets: readonly string[];
  /** Charge records (conversations and messages) by day x market x charge category. */
  records: Float64Array;
  conversations: Float64Array;
  billable: Float64Array;
  amountMicros: Float64Array;
  /** Delivered business messages by day x market x message category. */
  delivered: Float64Array;
  failed: Float64Array;
  /** Inbound messages by day x market. */
  inbound: Float64Array;
  /** Distinct users seen (set by the producer, e.g. the simulator's population). */
  users: number;
}

/** Creates an empty aggregate over a calendar. */
export function createChargeAggregate(
  calendar: DayCalendar,
  markets: readonly string[],
): ChargeAggregate {
  const cells = calendar.days.length * markets.length;
  return {
    calendar,
    markets,
    records: new Float64Array(cells * CATEGORY_COUNT),
    conversations: new Float64Array(cells * CATEGORY_COUNT),
    billable: new Float64Array(cells * CATEGORY_COUNT),
    amountMicros: new Float64Array(cells * CATEGORY_COUNT),
    delivered: new Float64Array(cells * MESSAGE_CATEGORIES),
    failed: new Float64Array(cells * MESSAGE_CATEGORIES),
    inbound: new Float64Array(cells),
    users: 0,
  };
}

/**
 * Each WABA's local month [start, end) and market era as `addToAggregate` last found them: valid
 * for any later batch of the same accounts, so that a stream's batches look a month up only when
 * a WABA crosses into another.
 */
export interface WabaMonths {
  start: Float64Array;
  end: Float64Array;
  era: Int32Array;
}

/** No WABA's month known yet. */
export function createWabaMonths(wabaCount: number): WabaMonths {
  return {
    start: new Float64Array(wabaCount).fill(Infinity),
    end: new Float64Array(wabaCount).fill(-Infinity),
    era: new Int32Array(wabaCount),
  };
}

/**
 * Adds a billed batch: its charges by their time and market, its messages by theirs. Rows outside
 * the calendar's period are clamped to its first or last day (a simulation's replies can spill
 * past the end by minutes). Pass the same `months` with each batch of a stream.
 * O(n log days); allocation-free with `months`.
 * NOTE (perf): without a `months` kept from batch to batch, each batch made and filled three
 * arrays of every WABA of the accounts (~0.5 MB a batch for a BSP's 27,414) and looked up again
 * the month of each WABA it met.
 */
export function addToAggregate(
  aggregate: ChargeAggregate,
  context: BillingContext,
  batch: MessageBatch,
  charges: ChargeColumns,
  months: WabaMonths = createWabaMonths(context.accounts.wabas.length),
): void {
  const {calendar, markets} = aggregate;
  const marketCount = markets.length;
  const lastDay = calendar.days.length - 1;
  const starts = calendar.starts;
  let day = 0;
  const dayOf = (tMs: number): number => {
    // times come in order: walk forward from the last day, bisect only on a jump back
    if (tMs < starts[day]!) day = 0;
    while (day < lastDay && tMs >= starts[day + 1]!) day++;
    return day;
  };
  for (let j = 0; j < charges.length; j++) {
    const cell =
      (dayOf(charges.tMs[j]!) * marketCount + charges.market[j]!) * CATEGORY_COUNT +
      charges.category[j]!;
    aggregate.records[cell]! += 1;
    if (isConversationModel(charges.model[j]!)) aggregate.conversations[cell]! += 1;
    aggregate.billable[cell]! += charges.billable[j]!;
    aggregate.amountMicros[cell]! += charges.amountMicros[j]!;
  }
  day = 0;
  const {marketByEra, countries} = context.markets;
  // NOTE (perf): each WABA's current local month and its market era are kept while its messages
  // stay inside that month, so the month is looked up only when a WABA crosses into another.
  const {start: monthStart, end: monthEnd, era: monthEra} = months;
  for (let i = 0; i < batch.length; i++) {
    const w = batch.waba[i]!;
    const t = batch.tMs[i]!;
    if (t < monthStart[w]! || t >= monthEnd[w]!) {
      const timeZone = context.accounts.wabas[w]!.timezone;
      const k = Math.max(0, localMonthOf(timeZone, t));
      monthStart[w] = localMonthStart(timeZone, k);
      monthEnd[w] = k < CALENDAR_MONTHS ? localMonthStart(timeZone, k + 1) : Infinity;
      monthEra[w] = marketEraOfDay(context.markets, firstDayOfMonth(CALENDAR_FIRST_MONTH + k));
    }
    const era = monthEra[w]!;
    const market = marketByEra[era * countries.length + batch.country[i]!]!;
    const cell = dayOf(batch.tMs[i]!) * marketCount + market;
    if (batch.direction[i] === DIRECTION.inbound) {
      aggregate.inbound[cell]! += 1;
      continue;
    }
    const category =
      batch.type[i] === TEMPLATE_TYPE && batch.category[i] !== NO_CATEGORY
        ? batch.category[i]!
        : SERVICE;
    if (batch.status[i] === STATUS.failed)
      aggregate.failed[cell * MESSAGE_CATEGORIES + category]! += 1;
    else aggregate.delivered[cell * MESSAGE_CATEGORIES + category]! += 1;
  }
}

/** Adds `from` into `into` cell by cell (shards merge by addition in a fixed order). */
export function mergeAggregates(into: ChargeAggregate, from: ChargeAggregate): void {
  for (const key of [
    "records",
    "conversations",
    "billable",
    "amountMicros",
    "delivered",
    "failed",
    "inbound",
  ] as const) {
    const target = into[key];
    const source = from[key];
    for (let k = 0; k < target.length; k++) target[k]! += source[k]!;
  }
  into.users += from.users;
}
