/**
 * Strict ISO 8601 instants as the log writes them (`2024-03-04T10:00:00-03:00`, `...Z`, optional
 * fraction of a second), parsed by arithmetic: no Date object, no locale.
 */

const DAY_MS = 86_400_000;

/** Days from 1970-01-01 to a civil date (proleptic Gregorian); Howard Hinnant's algorithm. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: Uint8Array, from: number, count: number): number {
  let value = 0;
  for (let k = from; k < from + count; k++) {
    const c = text[k]! - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * ms since the epoch of `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`, or NaN if the text is not such
 * an instant (wrong shape, impossible date, no offset).
 * @example parseIsoInstant("2024-03-04T10:00:00-03:00") // => 1709557200000
 */
export function parseIsoInstant(text: string): number {
  if (text.length > SCRATCH.length) return NaN;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c > 127) return NaN; // not to be taken mod 256 for an ASCII character
    SCRATCH[k] = c;
  }
  return parseIsoInstantBytes(SCRATCH, 0, text.length);
}

const SCRATCH = new Uint8Array(64);
/** The date bytes (`YYYY-MM-DD`) of the last instant parsed with a valid date, and its day number. */
const lastDate = new Uint8Array(10);
let lastDays = 0;

/** The same for the bytes [start, end) of a line, without making a string. */
export function parseIsoInstantBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  // NOTE (perf): bytes[start + k] inline; tsx wraps every nested function in a naming call.
  if (
    length < 17 ||
    bytes[start + 4] !== 45 ||
    bytes[start + 7] !== 45 ||
    bytes[start + 10] !== 84 ||
    bytes[start + 13] !== 58
  )
    return NaN;
  // NOTE (perf): a log's times come in order, so most share the previous one's (checked) date
  let k = 0;
  while (k < 10 && bytes[start + k] === lastDate[k]) k++;
  let days = lastDays;
  if (k < 10) {
    const year = digits(bytes, start, 4);
    const month = digits(bytes, start + 5, 2);
    const day = digits(bytes, start + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1) return NaN;
    const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
    if (day > MONTH_DAYS[month - 1]! + leap) return NaN;
    days = daysFromCivil(year, month, day);
    for (k = 0; k < 10; k++) lastDate[k] = bytes[start + k]!;
    lastDays = days;
  }
  const hour = digits(bytes, start + 11, 2);
  const minute = digits(bytes, start + 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  k = 16;
  let second = 0;
  let ms = 0;
  if (bytes[start + k] === 58) {
    second = digits(bytes, start + k + 1, 2);
    if (second < 0 || second > 59) return NaN;
    k += 3;
    if (bytes[start + k] === 46) {
      let scale = 100;
      k++;
      const first = k;
      while (k < length && bytes[start + k]! >= 48 && bytes[start + k]! <= 57) {
        ms += (bytes[start + k]! - 48) * scale;
        scale /= 10;
        k++;
      }
      if (k === first) return NaN;
      ms = Math.floor(ms);
    }
  }
  let offsetMinutes = 0;
  const sign = bytes[start + k];
  if (sign === 90 /* Z */ && k + 1 === length) offsetMinutes = 0;
  else if ((sign === 43 || sign === 45) && k + 6 === length && bytes[start + k + 3] === 58) {
    const oh = digits(bytes, start + k + 1, 2);
    const om = digits(bytes, start + k + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    offsetMinutes = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  } else return NaN;
  return days * DAY_MS + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

let cachedDay = NaN;
let cachedDate = "";

/**
 * ISO UTC text of an instant, without a fraction when it is whole seconds.
 * NOTE (perf): caches the date part of the last day formatted; records come in time order.
 * @example formatIsoInstant(1709557200000) // => "2024-03-04T13:00:00Z"
 */
export function formatIsoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  const frac = inDay - seconds * 1000;
  return (
    cachedDate +
    (h < 10 ? "0" : "") +
    h +
    (m < 10 ? ":0" : ":") +
    m +
    (s < 10 ? ":0" : ":") +
    s +
    (frac === 0 ? "Z" : "." + String(frac).padStart(3, "0") + "Z")
  );
}
