import {z} from "zod";
import {MoneyError, parseMicros} from "../money/index.ts";
import type {Scenario} from "./scenario.ts";
import type {WhatIf} from "./what-if.ts";
import {RATE_COLUMNS} from "../rate-cards/index.ts";

/** The rate-card columns a change can address (every column of `rates-*.csv`). */
export const RATE_CATEGORIES = RATE_COLUMNS;
export type RateCategory = (typeof RATE_CATEGORIES)[number];

/** How a rate changes: by a percentage (in parts per million) or to an absolute rate. */
export type RateChangeAmount = {kind: "percent"; ppm: number} | {kind: "set"; micros: number};

/** One market and category's rate change, applied to every edition that prices the market. */
export interface RateChange {
  /** Market name as on Meta's cards (`India`, `Rest of Africa`). */
  market: string;
  category: RateCategory;
  change: RateChangeAmount;
  /** How the file wrote it, for descriptions: `IN marketing +15%`. */
  label: string;
}

const PERCENT = /^([+-])?(\d+(?:\.\d{1,4})?)\s*%$/;
const FACTOR = /^[x×](\d+(?:\.\d{1,6})?)$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Normalises a written rate change: `"+15%"`, `"-2.5%"` (a percentage), `"x1.15"` (a factor) or
 * a rate in the card's currency (`0.0125` or `"0.0125"`, at most 6 decimal places).
 * @throws RangeError naming what is wrong (a negative rate, a change below -100 %, too fine).
 * @example maybeRateChangeAmount("+15%") // => {kind: "percent", ppm: 150000}
 * @example maybeRateChangeAmount(0.0125) // => {kind: "set", micros: 12500}
 */
export function maybeRateChangeAmount(value: string | number): RateChangeAmount {
  if (typeof value === "number") return setRate(value, String(value));
  const text = value.trim();
  const percent = PERCENT.exec(text);
  if (percent !== null) {
    const ppm = Math.round(Number(percent[2]) * 10_000) * (percent[1] === "-" ? -1 : 1);
    if (ppm < -1_000_000) throw new RangeError("the change makes the rate negative");
    if (ppm > 10_000_000)
      throw new RangeError("out of range (expected a change of at most +1000%)");
    return {kind: "percent", ppm};
  }
  const factor = FACTOR.exec(text);
  if (factor !== null) {
    const ppm = Math.round(Number(factor[1]) * 1e6) - 1e6;
    if (ppm > 10_000_000) throw new RangeError("out of range (expected a factor of at most x11)");
    return {kind: "percent", ppm};
  }
  if (DECIMAL.test(text)) return setRate(Number(text), text);
  throw new RangeError("invalid rate change (expected +15%, -10%, x1.2 or a rate such as 0.0125)");
}

function setRate(rate: number, text: string): RateChangeAmount {
  if (!Number.isFinite(rate)) throw new RangeError("invalid rate");
  if (rate < 0) throw new RangeError("negative rate");
  try {
    return {kind: "set", micros: parseMicros(text)};
  } catch (error) {
    if (error instanceof MoneyError) throw new RangeError("rate finer than 6 decimal places");
    throw error;
  }
}

/**
 * A rate change as written in a scenario file, validated into its canonical form.
 * @example rateChangeAmountSchema.parse("-10%") // => {kind: "percent", ppm: -100000}
 */
export const rateChangeAmountSchema = z
  .union([z.number(), z.string()])
  .transform((value, ctx): RateChangeAmount => {
    try {
      return maybeRateChangeAmount(value);
    } catch (error) {
      ctx.addIssue({code: "custom", message: (error as Error).message, input: value});
      return z.NEVER;
    }
  });

/**
 * `rates:` in a strategy: market (ISO 3166 alpha-2 country such as `IN`, or a Meta market name
 * such as `Rest of Africa`) → category → change. Markets are resolved against the market table
 * when the file is loaded.
 * @example rateChangesSchema.parse({IN: {marketing: "+15%"}}).IN.marketing // => {kind: "percent", ppm: 150000}
 */
export const rateChangesSchema = z.record(
  z.string().min(1),
  z.strictObject(
    Object.fromEntries(RATE_CATEGORIES.map((c) => [c, rateChangeAmountSchema.optional()])) as {
      [K in RateCategory]: z.ZodOptional<typeof rateChangeAmountSchema>;
    },
  ),
);

/** Formats a change for descriptions: `+15%`, `x1.2` is shown as `+20%`, a rate as `=0.0125`. */
export function formatRateChangeAmount(change: RateChangeAmount): string {
  if (change.kind === "set") return `=${change.micros / 1e6}`;
  const percent = change.ppm / 10_000;
  return `${percent >= 0 ? "+" : ""}${percent}%`;
}

/**
 * What-if: the rates change in every rate-card edition that prices the market (copies of the
 * cards are made when the scenario is billed; the data files are never touched). Changes
 * accumulate in order: `+10%` then `+10%` is `+21%`.
 * @example changeRates([{market: "India", category: "marketing", change: {kind: "percent", ppm: 150000}, label: "IN marketing +15%"}])(base).rateChanges.length // => 1
 */
export function changeRates(changes: readonly RateChange[]): WhatIf {
  return function withRateChanges(scenario: Scenario): Scenario {
    return {...scenario, rateChanges: [...scenario.rateChanges, ...changes]};
  };
}
