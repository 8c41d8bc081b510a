import {z} from "zod";
import type {Scenario} from "./scenario.ts";
import type {WhatIf} from "./what-if.ts";

/**
 * A solution provider's (reseller's) markup on top of Meta's charges: a fee per delivered
 * business message (`perMessage`, in the card's currency, templates and free-form replies alike,
 * free or not) and/or a percentage of Meta's charges (`percent`). Reported separately as
 * `markup` and included in the totals.
 */
export interface Markup {
  /** Fee per delivered business message, micro-units. */
  perMessageMicros: number;
  /** Percentage of Meta's charges in parts per million (10 % = 100000). */
  percentPpm: number;
}

const feeSchema = z
  .number()
  .min(0, "negative fee")
  .max(10, "fee too large (expected at most 10 per message)")
  .refine((x) => Math.abs(x * 1e6 - Math.round(x * 1e6)) < 1e-6, "finer than 6 decimal places");

/**
 * `markup:` in a strategy: `{perMessage: 0.002}`, `{percent: 12}` or both.
 * @example markupSchema.parse({percent: 12, perMessage: 0.001}) // => {perMessageMicros: 1000, percentPpm: 120000}
 */
export const markupSchema = z
  .strictObject({
    perMessage: feeSchema.optional(),
    percent: z.number().min(0, "negative markup").max(1000).optional(),
  })
  .refine((m) => m.perMessage !== undefined || m.percent !== undefined, {
    message: "a markup needs perMessage or percent",
  })
  .transform((m): Markup => ({
    perMessageMicros: Math.round((m.perMessage ?? 0) * 1e6),
    percentPpm: Math.round((m.percent ?? 0) * 10_000),
  }));

/**
 * What-if: the reseller charges this markup (replacing any earlier one).
 * @example withMarkup({perMessageMicros: 1000, percentPpm: 0})(base).markup.perMessageMicros // => 1000
 */
export function withMarkup(markup: Markup | undefined): WhatIf {
  return function markedUp(scenario: Scenario): Scenario {
    return {...scenario, markup};
  };
}
