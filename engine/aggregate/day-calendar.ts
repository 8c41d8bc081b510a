import {
  formatDayNumber,
  lastAtOrBelow,
  parseIsoDate,
  startOfLocalDay,
} from "../../models/calendar/index.ts";
import {InputError} from "../../models/input-error.ts";

/** The local days of a run's period in one timezone: their start instants and labels. */
export interface DayCalendar {
  timezone: string;
  /** `starts[d]` begins day d; `starts[days.length]` ends the period. */
  starts: Float64Array;
  days: readonly string[];
}

/**
 * Days from `start` (inclusive) to `end` (exclusive), local dates `YYYY-MM-DD` in `timezone`.
 * @throws InputError for dates that are not real dates or an empty period.
 * @example createDayCalendar("2025-11-01", "2025-11-03", "UTC").days // => ["2025-11-01", "2025-11-02"]
 */
export function createDayCalendar(start: string, end: string, timezone: string): DayCalendar {
  const first = parseIsoDate(start);
  const last = parseIsoDate(end);
  if (first === undefined)
    throw new InputError({
      path: "period.start",
      message: "invalid date",
      value: start,
      expected: "YYYY-MM-DD",
    });
  if (last === undefined)
    throw new InputError({
      path: "period.end",
      message: "invalid date",
      value: end,
      expected: "YYYY-MM-DD",
    });
  if (last <= first)
    throw new InputError({
      path: "period.end",
      message: "empty period",
      value: end,
      expected: `a date after ${start}`,
    });
  const count = last - first;
  const starts = new Float64Array(count + 1);
  const days: string[] = [];
  for (let d = 0; d <= count; d++) {
    starts[d] = startOfLocalDay(timezone, first + d);
    if (d < count) days.push(formatDayNumber(first + d));
  }
  return {timezone, starts, days};
}

/** Day index of an instant (bisection), -1 before the period, `days.length` after it. */
export function dayIndexOf(calendar: DayCalendar, tMs: number): number {
  return lastAtOrBelow(calendar.starts, tMs);
}
