import {dayNumber, firstDayOfMonth} from "./civil-date.ts";

/** First and last month the engine's calendar covers (month indices, year * 12 + month - 1). */
export const CALENDAR_FIRST_MONTH = 2020 * 12;
export const CALENDAR_LAST_MONTH = 2040 * 12 - 1;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, Float64Array>();

/** True if the runtime knows the IANA timezone name. */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local calendar day (day number) of an instant in a timezone. */
export function localDayOf(timeZone: string, ms: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
    else if (part.type === "day") day = Number(part.value);
  }
  return dayNumber(year, month, day);
}

/**
 * The first instant (UTC ms) whose local date in `timeZone` is `day` or later: local midnight, or
 * the end of a DST gap where midnight does not exist. Bisection to the millisecond over ±30 h.
 */
export function startOfLocalDay(timeZone: string, day: number): number {
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
 * O(months x log) Intl calls; a few ms per timezone.
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
