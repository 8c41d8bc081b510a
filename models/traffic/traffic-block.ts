import {z} from "zod";
import {activityProfileSchema} from "./activity-profile.ts";
import {authenticationFlowsSchema} from "./authentication-flows.ts";
import {ctwaAdSessionsSchema} from "./ctwa-ad-sessions.ts";
import {deliveryFailuresSchema} from "./delivery-failures.ts";
import {followUpSchema} from "./follow-ups.ts";
import {marketingCampaignSchema} from "./marketing-campaign.ts";
import {frequencyCapSchema, marketingLimitsSchema} from "./marketing-limits.ts";
import {orderNotificationsSchema} from "./order-notifications.ts";
import {organicSessionsSchema} from "./organic-sessions.ts";
import {pageCtaSessionsSchema} from "./page-cta-sessions.ts";
import {populationSchema} from "./population.ts";
import {replyLatencySchema} from "./reply-latency.ts";
import {seasonalSpikeSchema} from "./seasonal-spike.ts";
import {sessionShapeFields} from "./session-shape.ts";

/**
 * User-initiated sessions: the entry-point sources (organic on by default, ads and page CTA
 * when given) and the session shape.
 * @example userSessionsSchema.parse(undefined).organic.perUserPerMonth // => 0.3
 */
export const userSessionsSchema = z
  .strictObject({
    organic: organicSessionsSchema.prefault({}),
    ctwaAd: ctwaAdSessionsSchema.optional(),
    pageCta: pageCtaSessionsSchema.optional(),
    ...sessionShapeFields,
  })
  .prefault({});

/**
 * The traffic of one business: its user populations and the models composed on them. Every
 * model is optional except the populations; see each model's file for its parameters and
 * defaults.
 * @example trafficBlockSchema.parse({populations: [{market: "BR", users: 1}]}).campaigns // => []
 */
export const trafficBlockSchema = z.strictObject({
  /** Business id from the accounts; may be omitted when there is one business. */
  business: z.string().optional(),
  /** Total users, split over populations that give a `share`. */
  users: z.number().int().min(0).optional(),
  populations: z.array(populationSchema).min(1, "a traffic block needs at least one population"),
  /** Activity profile of sessions and orders in the users' local time (default `retail`). */
  profile: activityProfileSchema.prefault("retail"),
  spikes: z.array(seasonalSpikeSchema).default([]),
  sessions: userSessionsSchema,
  replies: replyLatencySchema,
  orders: orderNotificationsSchema.optional(),
  campaigns: z.array(marketingCampaignSchema).default([]),
  frequencyCap: frequencyCapSchema.optional(),
  marketingLimits: marketingLimitsSchema,
  authentication: authenticationFlowsSchema.optional(),
  followUps: z.array(followUpSchema).default([]),
  failures: deliveryFailuresSchema,
});

export type TrafficBlock = z.output<typeof trafficBlockSchema>;
