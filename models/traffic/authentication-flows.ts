import {z} from "zod";
import {activityProfileSchema} from "./activity-profile.ts";
import {lognormalDelaySchema} from "./duration.ts";

/**
 * One-time-password flows: each user logs in `perUserPerMonth` times per 30 days (a Poisson
 * process shaped by the `logins` profile by default), and each login sends an authentication
 * template. If it is not delivered, or the user asks again (`retry.probability`), another code is
 * sent `retry.after` later, up to `retry.maxAttempts` codes. Users of populations outside the
 * business's country are the international users that authentication-international prices
 * (C-8). Defaults: 2 logins a month, 10 % retries after a median of 45 s, at most 3 codes.
 * @example authenticationFlowsSchema.parse({}).retry.maxAttempts // => 3
 */
export const authenticationFlowsSchema = z.strictObject({
  perUserPerMonth: z.number().min(0).max(10_000).default(2),
  populations: z.array(z.string()).optional(),
  profile: activityProfileSchema.prefault("logins"),
  retry: z
    .strictObject({
      probability: z.number().min(0).max(1).default(0.1),
      after: lognormalDelaySchema("45s", 0.5),
      maxAttempts: z.number().int().min(1).max(10).default(3),
    })
    .prefault({}),
});

export type AuthenticationFlows = z.output<typeof authenticationFlowsSchema>;
