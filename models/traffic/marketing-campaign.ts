import {z} from "zod";
import {durationSchema, lognormalDelaySchema} from "./duration.ts";
import {instantSchema} from "./instant.ts";

/**
 * A scheduled template campaign: at `at` (and then every `every`, `count` times; with `every`
 * and no `count`, until the period ends) the business sends one template of `category` to each
 * user of the segment, `sendRate` messages per second in a stable order. The segment is a
 * `share` of the listed populations (default all), chosen by a stable hash of the user, so the
 * same users receive every occurrence. A share `responseRate` of delivered messages gets an
 * answer after `responseDelay`, which opens a customer service window and a session.
 * Defaults: marketing, share 100 %, 50 messages/s, 3 % respond after a median of 25 min.
 * @example marketingCampaignSchema.parse({name: "bf", at: "2025-11-28T10:00:00-03:00"}).sendRate // => 50
 */
export const marketingCampaignSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, "invalid name (letters, digits, _ . -)"),
  at: instantSchema,
  every: durationSchema.refine((ms) => ms > 0, "must be positive").optional(),
  count: z.number().int().min(1).optional(),
  segment: z
    .strictObject({
      populations: z.array(z.string()).optional(),
      share: z.number().min(0).max(1).default(1),
    })
    .prefault({}),
  category: z.enum(["marketing", "utility"]).default("marketing"),
  sendRate: z.number().positive().max(10_000).default(50),
  responseRate: z.number().min(0).max(1).default(0.03),
  responseDelay: lognormalDelaySchema("25m", 1.4),
});

export type MarketingCampaign = z.output<typeof marketingCampaignSchema>;

/**
 * Start times of a campaign's occurrences inside `[startMs, endMs)`.
 * @example campaignOccurrences({at: 0, every: 10, count: 3}, 0, 100) // => [0, 10, 20]
 */
export function campaignOccurrences(
  campaign: Pick<MarketingCampaign, "at" | "every" | "count">,
  startMs: number,
  endMs: number,
): number[] {
  const times: number[] = [];
  const count = campaign.count ?? (campaign.every === undefined ? 1 : Infinity);
  for (let k = 0; k < count; k++) {
    const t = campaign.at + k * (campaign.every ?? 0);
    if (t >= endMs) break;
    if (t >= startMs) times.push(t);
  }
  return times;
}
