/**
 * Civil (calendar) dates as integers: a day number counts days since 1970-01-01, a month index
 * counts months since year 0 (year * 12 + month - 1). Both are timezone-free.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** @example dayNumber(1970, 1, 2) // => 1 */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Parses `YYYY-MM-DD` into a day number, or returns undefined if it is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = dayNumber(y, mo, d);
  return formatDayNumber(n) === text ? n : undefined;
}

/** @example formatDayNumber(0) // => "1970-01-01" */
export function formatDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Month index of a day number. @example monthIndexOfDay(dayNumber(2024, 3, 9)) // => 24290 */
export function monthIndexOfDay(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Day number of the first day of a month index. */
export function firstDayOfMonth(monthIndex: number): number {
  return dayNumber(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
}

/** True if the day number is the first of its month. */
export function isFirstOfMonth(day: number): boolean {
  return new Date(day * DAY_MS).getUTCDate() === 1;
}

/** `YYYY-MM` of a month index. */
export function formatMonthIndex(monthIndex: number): string {
  return formatDayNumber(firstDayOfMonth(monthIndex)).slice(0, 7);
}
