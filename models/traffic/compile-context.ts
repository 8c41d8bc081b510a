import type {CompiledAccounts} from "../accounts/compiled-accounts.ts";
import {startOfLocalDay} from "../calendar/zone-month-starts.ts";
import type {InputProblem} from "../input-error.ts";
import type {ActivityProfile} from "./activity-profile.ts";
import {createHourlyRates} from "./hourly-rates.ts";
import type {HourlyRates} from "./hourly-rates.ts";
import {createLocalClock} from "./local-clock.ts";
import type {LocalClock} from "./local-clock.ts";
import {US_MARKETING_BLOCKED_FROM_DAY} from "./marketing-limits.ts";
import type {NumberingPlans} from "./numbering-plan.ts";
import type {SeasonalSpike, SpikeTarget} from "./seasonal-spike.ts";

/** What the compile steps of one simulation share: inputs, the problem list and caches. */
export interface CompileContext {
  accounts: CompiledAccounts;
  numbering: NumberingPlans;
  startMs: number;
  endMs: number;
  problems: InputProblem[];
  /** The local clock of a timezone over the period (one per zone). */
  clockOf(timeZone: string): LocalClock;
  /** The hourly rate table of a (clock, profile, spikes, target) (one per distinct key). */
  ratesOf(
    clock: LocalClock,
    profile: ActivityProfile,
    spikes: readonly SeasonalSpike[],
    target: SpikeTarget,
  ): HourlyRates;
  /** PMP25-8: 2025-04-01 00:00 in a WABA's timezone. */
  usMarketingBlockFrom(timeZone: string): number;
  /** The WABA indices of a business, in accounts order. */
  wabasOf(business: number): readonly number[];
  /**
   * One shared copy of plan parts with equal contents (numbers, strings, arrays, typed arrays,
   * plain objects), so that thousands of businesses with the same settings hold one copy.
   * Plan parts are never mutated after compilation.
   */
  intern<T>(value: T): T;
}

/**
 * Hash-consing of plan parts: every distinct value gets a small id, and an object's id comes
 * from its shape and its children's ids, so equal ids mean deep-equal contents (numbers,
 * strings, arrays, typed arrays, plain objects). Long typed arrays (shared hourly tables and
 * clocks) are told apart by identity, not by their contents.
 * NOTE (perf): ids of children instead of a JSON text of the whole part (a call per value and a
 * decimal per float): interning was the largest cost of planning 25,000 businesses.
 */
function createValueIds(): {idOf(value: unknown): number; first(id: number): unknown} {
  const primitives = new Map<unknown, number>();
  const tables = new Map<object, number>();
  const signatures = new Map<string, number>();
  const firsts: unknown[] = [];
  let negativeZero = -1;
  const add = (value: unknown): number => {
    firsts.push(value);
    return firsts.length - 1;
  };
  function idOf(value: unknown): number {
    if (typeof value !== "object" || value === null) {
      // SameValueZero would merge -0 into 0
      if (value === 0 && 1 / value < 0)
        return negativeZero < 0 ? (negativeZero = add(value)) : negativeZero;
      let id = primitives.get(value);
      if (id === undefined) primitives.set(value, (id = add(value)));
      return id;
    }
    let id: number | undefined;
    let signature: string;
    if (ArrayBuffer.isView(value)) {
      const array = value as unknown as ArrayLike<number>;
      if (array.length > 32) {
        id = tables.get(value);
        if (id === undefined) tables.set(value, (id = add(value)));
        return id;
      }
      signature = `${value.constructor.name}[`;
      for (let i = 0; i < array.length; i++) signature += `${idOf(array[i])},`;
    } else if (Array.isArray(value)) {
      signature = "[";
      for (const item of value) signature += `${idOf(item)},`;
    } else {
      signature = "{";
      const record = value as Record<string, unknown>;
      for (const name of Object.keys(record)) signature += `${name}\u0000${idOf(record[name])},`;
    }
    id = signatures.get(signature);
    if (id === undefined) signatures.set(signature, (id = add(value)));
    return id;
  }
  return {idOf, first: (id) => firsts[id]};
}

function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

/**
 * Creates the context of one compilation.
 * NOTE (perf): clocks and hourly tables are shared by every business with the same timezone,
 * profile and spikes, and equal plan parts are interned, so thousands of businesses cost a few
 * tables and settings, not thousands (a plan part costs a JSON key once at compile time).
 * @example createCompileContext(accounts, plans, start, end).clockOf("UTC").timeZone // => "UTC"
 */
export function createCompileContext(
  accounts: CompiledAccounts,
  numbering: NumberingPlans,
  startMs: number,
  endMs: number,
): CompileContext {
  const clockOf = memo((timeZone) => createLocalClock(timeZone, startMs, endMs));
  const rateTables = new Map<string, HourlyRates>();
  const wabasByBusiness: number[][] = accounts.businesses.map(() => []);
  const values = createValueIds();
  accounts.wabas.forEach((waba, index) => wabasByBusiness[waba.business]!.push(index));
  return {
    accounts,
    numbering,
    startMs,
    endMs,
    problems: [],
    clockOf,
    ratesOf(clock, profile, spikes, target) {
      const key = `${clock.timeZone}|${target}|${values.idOf(profile)}|${values.idOf(spikes)}`;
      let rates = rateTables.get(key);
      if (rates === undefined) {
        rates = createHourlyRates(clock, profile, spikes, target);
        rateTables.set(key, rates);
      }
      return rates;
    },
    wabasOf: (business) => wabasByBusiness[business] ?? [],
    intern<T>(value: T): T {
      if (value === undefined || value === null || typeof value !== "object") return value;
      return values.first(values.idOf(value)) as T;
    },
    usMarketingBlockFrom: memo((timeZone) =>
      startOfLocalDay(timeZone, US_MARKETING_BLOCKED_FROM_DAY),
    ),
  };
}
