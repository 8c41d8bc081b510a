import {z} from "zod";

/** Days in the "month" of per-user monthly rates. */
export const DAYS_PER_MONTH = 30;

/**
 * Organic user-initiated sessions: users who open the chat on their own (saved contact, link on
 * a site). Each user starts sessions as a Poisson process of `perUserPerMonth` sessions per 30
 * days on average, shaped by the activity profile in the user's local time.
 * `populations` limits the sessions to some populations (default: all). Default 0.3.
 * @example organicSessionsSchema.parse({}).perUserPerMonth // => 0.3
 */
export const organicSessionsSchema = z.strictObject({
  perUserPerMonth: z.number().min(0).max(1000).default(0.3),
  populations: z.array(z.string()).optional(),
});

export type OrganicSessions = z.output<typeof organicSessionsSchema>;

/**
 * Mean organic sessions per day for a population of `users`.
 * @example organicSessionsPerDay({perUserPerMonth: 0.3}, 1000) // => 10
 */
export function organicSessionsPerDay(
  model: Pick<OrganicSessions, "perUserPerMonth">,
  users: number,
): number {
  return (model.perUserPerMonth * users) / DAYS_PER_MONTH;
}
