/**
 * Reference biller, part 3: local calendar dates in an IANA timezone via Intl.DateTimeFormat.
 */

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws RangeError for an unknown timezone, which is what we want.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local calendar date "YYYY-MM-DD" of an instant in a timezone. */
export function refLocalDate(ms: number, timeZone: string): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year.padStart(4, "0")}-${month}-${day}`;
}

/** The local month key "YYYY-MM" of an instant in a timezone. */
export function refLocalMonth(ms: number, timeZone: string): string {
  return refLocalDate(ms, timeZone).slice(0, 7);
}

/** Throws unless the timezone is a valid IANA name. */
export function refCheckTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Parses an ISO 8601 time with an explicit `Z` or ±hh:mm offset into epoch ms; throws otherwise. */
export function refParseTime(text: unknown, where: string): number {
  if (typeof text !== "string") throw new Error(`reference: ${where}: time must be a string`);
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const ms = ok ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new Error(`reference: ${where}: invalid time "${text}"`);
  return ms;
}
