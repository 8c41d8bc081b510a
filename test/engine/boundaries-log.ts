/**
 * Small builders for the boundary tables (test/engine/boundaries-*.test.ts): a message log written
 * as a compact list of lines, turned into NDJSON (formats.md §2) and billed through `billText`.
 * Expected values in the tests come from pricing-rules.md and the shipped CSVs, never from here.
 */
import {billText} from "../../engine/index.ts";
import type {BillingRunOptions, ChargeRecord} from "../../engine/index.ts";
import {readShippedData} from "../../io/index.ts";

export const data = readShippedData();

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Users by market (markets.csv). */
export const USER = {
  brazil: "+5511976543210",
  argentina: "+5491123456789",
  germany: "+4915112345678",
  india: "+919812345678",
  northAmerica: "+12125551234",
  pakistan: "+923001234567",
  peru: "+51912345678",
  southAfrica: "+27821234567",
} as const;

/** One line of a message log; `id` defaults to `m<line number>`, `user` to the log's user. */
export interface Line {
  id?: string;
  time: string;
  waba?: string;
  phone?: string;
  user?: string;
  direction: "inbound" | "outbound";
  type: string;
  category?: string;
  entryPoint?: string;
  device?: string;
  status?: string;
}

type More = Partial<Omit<Line, "time" | "direction" | "type">>;

/** An outbound template of `category` delivered at `time`. */
export const tpl = (time: string, category: string, more: More = {}): Line => ({
  time,
  direction: "outbound",
  type: "template",
  category,
  ...more,
});
/** An outbound non-template (text) delivered at `time`. */
export const txt = (time: string, more: More = {}): Line => ({
  time,
  direction: "outbound",
  type: "text",
  ...more,
});
/** An inbound text (organic, mobile unless `more` says otherwise). */
export const inb = (time: string, more: More = {}): Line => ({
  time,
  direction: "inbound",
  type: "text",
  ...more,
});
/** An inbound text from a click-to-WhatsApp ad on a mobile device (C-5). */
export const ad = (time: string, more: More = {}): Line =>
  inb(time, {entryPoint: "ctwa_ad", device: "mobile", ...more});

/** The instant `iso` shifted by `deltaMs`, as ISO UTC with milliseconds. */
export function at(iso: string, deltaMs = 0): string {
  return new Date(Date.parse(iso) + deltaMs).toISOString();
}

/** `n` lines made by `make(k)`, k = 0 .. n-1. */
export function many(n: number, make: (k: number) => Line): Line[] {
  return Array.from({length: n}, (_, k) => make(k));
}

/** A distinct user number per k, in the market of `base` (its first 7 digits kept). */
export function userNo(base: string, k: number): string {
  return base.slice(0, 8) + String(k).padStart(base.length - 8, "0");
}

/** The lines as NDJSON, ids `m1`, `m2`, ... unless given, `user` defaulting to `user`. */
export function ndjson(lines: readonly Line[], user: string = USER.brazil): string {
  return lines.map((line, k) => JSON.stringify({id: `m${k + 1}`, user, ...line})).join("\n");
}

export interface BillOptions extends Omit<BillingRunOptions, "data"> {
  /** The default user of the lines. */
  user?: string;
}

/** Bills the lines; returns the records and warnings. */
export function bill(
  lines: readonly Line[],
  options: BillOptions = {},
): {records: ChargeRecord[]; warnings: ReturnType<typeof billText>["warnings"]} {
  const {user, ...rest} = options;
  return billText(ndjson(lines, user), {data, ...rest});
}

/** Bills the lines and returns only the records. */
export function records(lines: readonly Line[], options: BillOptions = {}): ChargeRecord[] {
  return bill(lines, options).records;
}

/** The record of message `messageId`, or undefined. */
export function recordOf(
  list: readonly ChargeRecord[],
  messageId: string,
): ChargeRecord | undefined {
  return list.find((r) => r.messageId === messageId);
}

/** The chosen fields of each record, as tuples, for compact `toEqual` tables. */
export function fields<K extends keyof ChargeRecord>(
  list: readonly ChargeRecord[],
  ...keys: K[]
): ChargeRecord[K][][] {
  return list.map((r) => keys.map((k) => r[k]));
}

/** An accounts file (JSON text) with one business of the given WABAs. */
export interface WabaSpec {
  id: string;
  timezone?: string;
  phones?: string[];
}

export interface BusinessSpec {
  id: string;
  country?: string;
  authInternational?: Record<string, string>;
  wabas: WabaSpec[];
}

/** Accounts file text (JSON, which the YAML parser reads too). */
export function accounts(...businesses: BusinessSpec[]): string {
  return JSON.stringify({businesses});
}

/** Accounts of one business `b` (no country) with one WABA `w` in `timezone`. */
export function oneWaba(timezone: string, phones?: string[]): string {
  return accounts({
    id: "b",
    wabas: [{id: "w", timezone, ...(phones === undefined ? {} : {phones})}],
  });
}

/** The message of the error billing the lines throws, or "" if it does not throw. */
export function errorOf(lines: readonly Line[], options: BillOptions = {}): string {
  try {
    records(lines, options);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}
