import {z} from "zod";
import {durationSchema} from "./duration.ts";

/**
 * The business's own frequency cap on marketing templates: at most `max` per user within any
 * `per` window. A capped send is skipped (no message). Off unless given.
 * @example frequencyCapSchema.parse({max: 2, per: "7d"}).per // => 604800000
 */
export const frequencyCapSchema = z.strictObject({
  max: z.number().int().min(1).max(16),
  per: durationSchema.refine((ms) => ms > 0, "must be positive"),
});

export type FrequencyCap = z.output<typeof frequencyCapSchema>;

/**
 * Meta's per-user marketing limits (error 131049): a marketing template to a user who already
 * got many marketing messages from businesses is not delivered, and the log records it as
 * `failed` (PMP25-8). `blockedShare` is the chance that a send hits the limit (default 5 %).
 * With `usBlock` (default on), marketing templates to United States numbers fail from
 * 2025-04-01 (PMP25-8).
 * @example marketingLimitsSchema.parse(undefined) // => {blockedShare: 0.05, usBlock: true}
 */
export const marketingLimitsSchema = z
  .strictObject({
    blockedShare: z.number().min(0).max(1).default(0.05),
    usBlock: z.boolean().default(true),
  })
  .prefault({});

export type MarketingLimits = z.output<typeof marketingLimitsSchema>;

/** PMP25-8: marketing templates to US numbers are not delivered from 2025-04-01 (day number; 00:00 in the WABA's timezone). */
export const US_MARKETING_BLOCKED_FROM_DAY = Date.UTC(2025, 3, 1) / 86_400_000;
