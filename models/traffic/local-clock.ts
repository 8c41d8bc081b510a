import {offsetAt} from "../calendar/index.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Local time in one IANA timezone over a simulated period, precomputed per UTC hour so that hot
 * loops read an offset from a typed array instead of building a Date.
 */
export interface LocalClock {
  timeZone: string;
  /** Start of the first UTC hour bucket, ms. */
  baseMs: number;
  /** Number of hour buckets. */
  hours: number;
  /** UTC offset (local - UTC) at the start of each bucket, ms. */
  offsetMs: Float64Array;
}

export {offsetAt};

/**
 * Precomputes the offsets of `timeZone` for every UTC hour of `[startMs, endMs)`, plus a day of
 * margin on each side. O(hours) Intl calls, a few ms per simulated month.
 * @throws RangeError for an unknown timezone.
 * @example createLocalClock("UTC", 0, 86_400_000).hours // => 72
 */
export function createLocalClock(timeZone: string, startMs: number, endMs: number): LocalClock {
  const baseMs = Math.floor(startMs / HOUR_MS) * HOUR_MS - DAY_MS;
  const hours = Math.ceil((endMs - baseMs) / HOUR_MS) + 24;
  const offsetMs = new Float64Array(hours);
  // Offsets change on whole UTC hours in every zone in use, at most a few times a year: probe
  // every 24 hours and each hour in between only where the offset changed.
  let previous = offsetAt(timeZone, baseMs);
  offsetMs[0] = previous;
  for (let h = 24; h < hours + 24; h += 24) {
    const end = Math.min(h, hours - 1);
    const offset = offsetAt(timeZone, baseMs + end * HOUR_MS);
    const from = h - 24 + 1;
    if (offset === previous) {
      for (let k = from; k <= end; k++) offsetMs[k] = offset;
    } else {
      for (let k = from; k <= end; k++) offsetMs[k] = offsetAt(timeZone, baseMs + k * HOUR_MS);
    }
    previous = offset;
  }
  return {timeZone, baseMs, hours, offsetMs};
}

/**
 * The UTC offset at `tMs` (clamped to the clock's range), ms. O(1).
 * @example clockOffsetMs(createLocalClock("Asia/Kolkata", 0, 1), 0) // => 19800000
 */
export function clockOffsetMs(clock: LocalClock, tMs: number): number {
  let h = Math.floor((tMs - clock.baseMs) / HOUR_MS);
  if (h < 0) h = 0;
  else if (h >= clock.hours) h = clock.hours - 1;
  return clock.offsetMs[h]!;
}

/**
 * Local wall-clock time at `tMs` as ms since 1970-01-01 local. O(1).
 * @example localMs(createLocalClock("UTC", 0, 1), 42) // => 42
 */
export function localMs(clock: LocalClock, tMs: number): number {
  return tMs + clockOffsetMs(clock, tMs);
}

/**
 * The instant at which the local wall clock shows `wallMs` (ms since 1970-01-01 local); in a DST
 * gap, the instant just after it. O(1).
 * @example instantOfLocal(createLocalClock("Asia/Kolkata", 0, 1), 19800000) // => 0
 */
export function instantOfLocal(clock: LocalClock, wallMs: number): number {
  const guess = wallMs - clockOffsetMs(clock, wallMs);
  const t = wallMs - clockOffsetMs(clock, guess);
  return localMs(clock, t) === wallMs ? t : Math.max(guess, t);
}

/**
 * Local hour of day (0-23) of a local wall-clock time.
 * @example hourOfLocal(Date.UTC(2025, 0, 1, 13, 30)) // => 13
 */
export function hourOfLocal(wallMs: number): number {
  return Math.floor((((wallMs % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/**
 * Weekday of a local wall-clock time, Monday = 0.
 * @example weekdayOfLocal(Date.UTC(2025, 10, 3)) // => 0 (a Monday)
 */
export function weekdayOfLocal(wallMs: number): number {
  return (((Math.floor(wallMs / DAY_MS) + 3) % 7) + 7) % 7;
}

/**
 * Local day number (days since 1970-01-01) of a local wall-clock time.
 * @example dayOfLocal(86_400_000 * 3 + 5) // => 3
 */
export function dayOfLocal(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS);
}
