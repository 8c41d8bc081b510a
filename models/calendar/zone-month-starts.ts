import {dayNumber, firstDayOfMonth, monthIndexOfDay} from "./civil-date.ts";

/** First and last month the engine's calendar covers (month indices, year * 12 + month - 1). */
export const CALENDAR_FIRST_MONTH = 2020 * 12;
export const CALENDAR_LAST_MONTH = 2040 * 12 - 1;
/** Months the calendar covers; month starts run from index 0 to CALENDAR_MONTHS (one past). */
export const CALENDAR_MONTHS = CALENDAR_LAST_MONTH - CALENDAR_FIRST_MONTH + 1;

const DAY_MS = 86_400_000;
const clockFormatters = new Map<string, Intl.DateTimeFormat>();
/** Per timezone, the month starts computed so far (NaN where not yet needed). */
const monthStartCache = new Map<string, Float64Array>();

/** True if the runtime knows the IANA timezone name. */
export function isTimeZone(name: string): boolean {
  try {
    clockFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The timezone's wall-clock formatter, made once. */
function clockFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = clockFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The UTC offset of a timezone at an instant (local wall clock minus UTC), in ms.
 * @example offsetAt("Asia/Kolkata", 0) // => 19800000
 */
export function offsetAt(timeZone: string, ms: number): number {
  const field = {year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0};
  for (const part of clockFor(timeZone).formatToParts(ms)) {
    if (part.type in field) field[part.type as keyof typeof field] = Number(part.value);
  }
  const wall =
    dayNumber(field.year, field.month, field.day) * DAY_MS +
    ((field.hour * 60 + field.minute) * 60 + field.second) * 1000;
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The local calendar day (day number) of an instant in a timezone. */
export function localDayOf(timeZone: string, ms: number): number {
  return Math.floor((ms + offsetAt(timeZone, ms)) / DAY_MS);
}

/**
 * The first instant (UTC ms) whose local date in `timeZone` is `day` or later: local midnight, or
 * the end of a DST gap where midnight does not exist. Where the offset is the same 30 h either
 * side of midnight it is midnight minus that offset; around a change of offset, bisection to the
 * millisecond over ±30 h.
 * NOTE (perf): two or three Intl calls instead of about thirty for most days.
 */
export function startOfLocalDay(timeZone: string, day: number): number {
  const midnight = day * DAY_MS;
  const offset = offsetAt(timeZone, midnight);
  if (
    offsetAt(timeZone, midnight - 30 * 3_600_000) === offset &&
    offsetAt(timeZone, midnight + 30 * 3_600_000) === offset
  )
    return midnight - offset;
  let lo = day * DAY_MS - 30 * 3_600_000;
  let hi = day * DAY_MS + 30 * 3_600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDayOf(timeZone, mid) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The first instant (UTC ms) of local month `CALENDAR_FIRST_MONTH + k` in a timezone, for
 * `0 <= k <= CALENDAR_MONTHS` (the last is one past the calendar). Computed on first use and kept.
 * NOTE (perf): month by month as needed, not the calendar's 240 months at once: about three Intl
 * calls a month, so a month of traffic costs a few months per timezone instead of ~6 ms.
 */
export function localMonthStart(timeZone: string, k: number): number {
  let starts = monthStartCache.get(timeZone);
  if (starts === undefined) {
    starts = new Float64Array(CALENDAR_MONTHS + 1).fill(NaN);
    monthStartCache.set(timeZone, starts);
  }
  let start = starts[k]!;
  if (Number.isNaN(start)) {
    const day = firstDayOfMonth(CALENDAR_FIRST_MONTH + k);
    start =
      timeZone === "UTC" || timeZone === "Etc/UTC" ? day * DAY_MS : startOfLocalDay(timeZone, day);
    starts[k] = start;
  }
  return start;
}

/**
 * The local month of an instant in a timezone, as `k` with `localMonthStart(k) <= tMs <
 * localMonthStart(k + 1)`: -1 before the calendar, `CALENDAR_MONTHS` after it. UTC offsets stay
 * within a day or so, so it is the UTC month or one next to it.
 * @example localMonthOf("Asia/Tokyo", Date.UTC(2026, 9, 31, 20)) === localMonthOf("UTC", Date.UTC(2026, 10, 1)) // => true
 */
export function localMonthOf(timeZone: string, tMs: number): number {
  const utc = monthIndexOfDay(Math.floor(tMs / DAY_MS)) - CALENDAR_FIRST_MONTH;
  if (utc > CALENDAR_MONTHS) return CALENDAR_MONTHS;
  for (let k = Math.min(utc + 1, CALENDAR_MONTHS); k >= Math.max(utc - 1, 0); k--) {
    if (localMonthStart(timeZone, k) <= tMs) return k;
  }
  return -1;
}
