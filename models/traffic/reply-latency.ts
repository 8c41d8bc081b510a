import {z} from "zod";
import {lognormalDelaySchema} from "./duration.ts";
import {workingHoursSchema} from "./working-hours.ts";

/**
 * How fast the business answers each user turn. A bot answers a share of turns within seconds;
 * the rest wait for human agents, who work only during working hours (in the WABA's timezone)
 * and then take a lognormal time. A turn answered 24 h or more after the user's last message
 * falls outside the customer service window: the business must then send a template, and a
 * free entry point does not open (C-5). Defaults: 60 % bot with median 3 s; agents median
 * 6 min, sigma 1.2, Monday to Friday 09:00-18:00; 2 % of turns never answered.
 * @example replyLatencySchema.parse(undefined).agents.medianMs // => 360000
 */
export const replyLatencySchema = z
  .strictObject({
    /** Share of user turns answered by the bot. */
    botShare: z.number().min(0).max(1).default(0.6),
    bot: lognormalDelaySchema("3s", 0.6),
    agents: lognormalDelaySchema("6m", 1.2),
    /** Agents' hours; `always` for round-the-clock agents. */
    workingHours: z.union([z.literal("always"), workingHoursSchema]).prefault({}),
    /** Share of turns that get no answer at all. */
    noReply: z.number().min(0).max(1).default(0.02),
  })
  .prefault({});

export type ReplyLatency = z.output<typeof replyLatencySchema>;
