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
  // NOTE (perf): the loops read locals only (columns, totals, the current day): a variable a
  // closure captures lives in a context slot, loaded and stored at every row
  const {records, conversations, billable, amountMicros} = aggregate;
  const {tMs: chargeTimes, market: chargeMarket, category: chargeCategory} = charges;
  const {model, billable: chargeBillable, amountMicros: chargeMicros} = charges;
  let day = 0;
  for (let j = 0; j < charges.length; j++) {
    day = dayFrom(starts, lastDay, day, chargeTimes[j]!);
    const cell = (day * marketCount + chargeMarket[j]!) * CATEGORY_COUNT + chargeCategory[j]!;
    records[cell]! += 1;
    if (isConversationModel(model[j]!)) conversations[cell]! += 1;
    billable[cell]! += chargeBillable[j]!;
    amountMicros[cell]! += chargeMicros[j]!;
  }
  const {inbound, failed, delivered} = aggregate;
  const {waba, tMs, country, direction, type, category: templateCategory, status} = batch;
  const {marketByEra, countries} = context.markets;
  const countryCount = countries.length;
  // NOTE (perf): each WABA's current local month and its market era are kept while its messages
  // stay inside that month, so the month is looked up only when a WABA crosses into another.
  const {start: monthStart, end: monthEnd, era: monthEra} = months;
  day = 0;
  for (let i = 0; i < batch.length; i++) {
    const w = waba[i]!;
    const t = tMs[i]!;
    if (t < monthStart[w]! || t >= monthEnd[w]!) {
      const timeZone = context.accounts.wabas[w]!.timezone;
      const k = Math.max(0, localMonthOf(timeZone, t));
      monthStart[w] = localMonthStart(timeZone, k);
      monthEnd[w] = k < CALENDAR_MONTHS ? localMonthStart(timeZone, k + 1) : Infinity;
      monthEra[w] = marketEraOfDay(context.markets, firstDayOfMonth(CALENDAR_FIRST_MONTH + k));
    }
    const market = marketByEra[monthEra[w]! * countryCount + country[i]!]!;
    day = dayFrom(starts, lastDay, day, t);
    const cell = day * marketCount + market;
    if (direction[i] === DIRECTION.inbound) {
      inbound[cell]! += 1;
      continue;
    }
    const messageCategory =
      type[i] === TEMPLATE_TYPE && templateCategory[i] !== NO_CATEGORY
        ? templateCategory[i]!
        : SERVICE;
    if (status[i] === STATUS.failed) failed[cell * MESSAGE_CATEGORIES + messageCategory]! += 1;
    else delivered[cell * MESSAGE_CATEGORIES + messageCategory]! += 1;
  }
}

/**
 * The calendar day of `tMs`, clamped to `[0, lastDay]`, searched from `day`: times come in
 * order, so walk forward from the last row's day, from the first day only on a jump back.
 */
function dayFrom(starts: Float64Array, lastDay: number, day: number, tMs: number): number {
  let d = tMs < starts[day]! ? 0 : day;
  while (d < lastDay && tMs >= starts[d + 1]!) d++;
  return d;
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
