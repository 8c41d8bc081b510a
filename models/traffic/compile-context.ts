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
 * A JSON key that tells typed arrays, arrays and non-finite numbers apart. Long typed arrays
 * (shared hourly tables and clocks) are keyed by identity, not by their contents.
 */
function internKey(value: unknown, idOf: (table: object) => number): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      const array = v as Uint8Array;
      if (array.length <= 32) return {[`#${v.constructor.name}`]: Array.from(array)};
      return `#table${idOf(array)}`;
    }
    if (typeof v === "number" && !Number.isFinite(v)) return `#${v}`;
    if (v === undefined) return "#undefined";
    return v;
  });
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
  const interned = new Map<string, unknown>();
  const identity = new WeakMap<object, number>();
  let tables = 0;
  accounts.wabas.forEach((waba, index) => wabasByBusiness[waba.business]!.push(index));
  return {
    accounts,
    numbering,
    startMs,
    endMs,
    problems: [],
    clockOf,
    ratesOf(clock, profile, spikes, target) {
      const key = `${clock.timeZone}|${target}|${profile.hourly.join(",")}|${profile.weekly.join(",")}|${JSON.stringify(spikes)}`;
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
      const key = internKey(value, (table) => {
        let id = identity.get(table);
        if (id === undefined) identity.set(table, (id = tables++));
        return id;
      });
      const seen = interned.get(key);
      if (seen !== undefined) return seen as T;
      interned.set(key, value);
      return value;
    },
    usMarketingBlockFrom: memo((timeZone) =>
      startOfLocalDay(timeZone, US_MARKETING_BLOCKED_FROM_DAY),
    ),
  };
}
