import {z} from "zod";

/**
 * Undelivered business messages (bad numbers, phones off for days, no WhatsApp): each outbound
 * message fails with probability `rate`, or the rate of its user's market in `byMarket`
 * (ISO alpha-2 → rate). Failed messages are logged with `status: failed` and are never charged
 * (C-1). Default 1.5 %.
 * @example deliveryFailuresSchema.parse(undefined).rate // => 0.015
 */
export const deliveryFailuresSchema = z
  .strictObject({
    rate: z.number().min(0).max(1).default(0.015),
    byMarket: z
      .record(
        z.string().regex(/^[A-Z]{2}$/, "invalid market (expected ISO alpha-2)"),
        z.number().min(0).max(1),
      )
      .default({}),
  })
  .prefault({});

export type DeliveryFailures = z.output<typeof deliveryFailuresSchema>;

/**
 * The failure rate for a market.
 * @example failureRateFor({rate: 0.01, byMarket: {IN: 0.03}}, "IN") // => 0.03
 */
export function failureRateFor(model: DeliveryFailures, market: string): number {
  return model.byMarket[market] ?? model.rate;
}
