import {dayNumber, firstDayOfMonth} from "./civil-date.ts";

/** First and last month the engine's calendar covers (month indices, year * 12 + month - 1). */
export const CALENDAR_FIRST_MONTH = 2020 * 12;
export const CALENDAR_LAST_MONTH = 2040 * 12 - 1;

const DAY_MS = 86_400_000;
const clockFormatters = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, Float64Array>();

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
 * Start instants of every local month from CALENDAR_FIRST_MONTH to one past CALENDAR_LAST_MONTH in
 * a timezone: `starts[k]` begins month `CALENDAR_FIRST_MONTH + k`. Computed once per timezone.
 * About three Intl calls a month; a few ms per timezone.
 */
export function zoneMonthStarts(timeZone: string): Float64Array {
  let starts = cache.get(timeZone);
  if (starts === undefined) {
    const count = CALENDAR_LAST_MONTH - CALENDAR_FIRST_MONTH + 2;
    starts = new Float64Array(count);
    if (timeZone === "UTC" || timeZone === "Etc/UTC") {
      for (let k = 0; k < count; k++)
        starts[k] = firstDayOfMonth(CALENDAR_FIRST_MONTH + k) * DAY_MS;
    } else {
      for (let k = 0; k < count; k++)
        starts[k] = startOfLocalDay(timeZone, firstDayOfMonth(CALENDAR_FIRST_MONTH + k));
    }
    cache.set(timeZone, starts);
  }
  return starts;
}
