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

const BITS = new Float64Array(1);
const BIT_WORDS = new Int32Array(BITS.buffer);

function mix(h: number, value: number): number {
  h = Math.imul(h ^ value, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * Interning of plan parts: a structural hash picks a bucket, and a deep comparison finds the
 * first-seen part with equal contents (numbers as by `Object.is`, strings, booleans, arrays,
 * typed arrays of the same type, plain objects with the same keys in the same order). Long typed
 * arrays (shared hourly tables and clocks) are told apart by identity, not by their contents.
 * NOTE (perf): a hash and a comparison walk allocate nothing, where a JSON text (or a signature
 * string) per part made interning the largest cost of planning 25,000 businesses.
 */
function createInterner(): {intern<T>(value: T): T; idOf(value: object): number} {
  const buckets = new Map<number, object[]>();
  const identities = new Map<object, number>();
  function identityOf(value: object): number {
    let id = identities.get(value);
    if (id === undefined) identities.set(value, (id = identities.size));
    return id;
  }
  function hashOf(value: unknown): number {
    switch (typeof value) {
      case "number":
        BITS[0] = value;
        return mix(mix(1, BIT_WORDS[0]!), BIT_WORDS[1]!);
      case "string": {
        let h = mix(2, value.length);
        for (let i = 0; i < value.length; i++) h = mix(h, value.charCodeAt(i));
        return h;
      }
      case "boolean":
        return value ? 3 : 4;
      case "object": {
        if (value === null) return 5;
        if (ArrayBuffer.isView(value)) {
          const array = value as unknown as ArrayLike<number>;
          if (array.length > 32) return mix(6, identityOf(value));
          let h = mix(7, array.length);
          for (let i = 0; i < array.length; i++) h = mix(h, hashOf(array[i]));
          return h;
        }
        if (Array.isArray(value)) {
          let h = mix(8, value.length);
          for (const item of value) h = mix(h, hashOf(item));
          return h;
        }
        // the values only: the comparison checks the names
        let h = 9;
        const record = value as Record<string, unknown>;
        for (const name in record) h = mix(h, hashOf(record[name]));
        return h;
      }
      default:
        return 10;
    }
  }
  function equal(a: unknown, b: unknown): boolean {
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
      return Object.is(a, b);
    if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
      if (a.constructor !== b.constructor) return false;
      const x = a as unknown as ArrayLike<number>;
      const y = b as unknown as ArrayLike<number>;
      if (x.length > 32 || y.length > 32) return a === b;
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
      return true;
    }
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
      return true;
    }
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const names = Object.keys(x);
    const others = Object.keys(y);
    if (names.length !== others.length) return false;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (name !== others[i] || !equal(x[name], y[name])) return false;
    }
    return true;
  }
  function intern<T>(value: T): T {
    if (typeof value !== "object" || value === null) return value;
    const h = hashOf(value);
    const bucket = buckets.get(h);
    if (bucket === undefined) {
      buckets.set(h, [value]);
      return value;
    }
    for (const seen of bucket) if (equal(seen, value)) return seen as T;
    bucket.push(value);
    return value;
  }
  return {intern, idOf: (value) => identityOf(intern(value))};
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
  const values = createInterner();
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
      return values.intern(value);
    },
    usMarketingBlockFrom: memo((timeZone) =>
      startOfLocalDay(timeZone, US_MARKETING_BLOCKED_FROM_DAY),
    ),
  };
}
