import {z} from "zod";

/**
 * Click-to-WhatsApp ad sessions (entry point `ctwa_ad`): a daily ad budget buys impressions at
 * `cpm` (cost per 1,000 impressions, in the budget's currency); a share `ctr` of impressions is
 * clicked, and a share `chatRate` of clicks sends the first message. The first message of such a
 * session carries `entryPoint: ctwa_ad`; from a mobile device it makes the user eligible for a
 * free entry point (C-5). Defaults: CPM 3.0, CTR 1 %, 50 % of clicks chat. The sessions are
 * spread over `populations` (default all) in proportion to their size.
 * @example ctwaAdSessionsSchema.parse({budgetPerDay: 100}).cpm // => 3
 */
export const ctwaAdSessionsSchema = z.strictObject({
  budgetPerDay: z.number().min(0),
  cpm: z.number().positive().default(3),
  ctr: z.number().min(0).max(1).default(0.01),
  chatRate: z.number().min(0).max(1).default(0.5),
  populations: z.array(z.string()).optional(),
});

export type CtwaAdSessions = z.output<typeof ctwaAdSessionsSchema>;

/**
 * Mean ad-started sessions per day: budget / CPM x 1,000 x CTR x chat rate.
 * @example ctwaSessionsPerDay({budgetPerDay: 300, cpm: 3, ctr: 0.01, chatRate: 0.5}) // => 500
 */
export function ctwaSessionsPerDay(
  model: Pick<CtwaAdSessions, "budgetPerDay" | "cpm" | "ctr" | "chatRate">,
): number {
  return (model.budgetPerDay / model.cpm) * 1000 * model.ctr * model.chatRate;
}
