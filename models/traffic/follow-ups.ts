import {z} from "zod";
import {lognormalDelaySchema} from "./duration.ts";

/** What a follow-up reacts to. */
export const FOLLOW_UP_TRIGGERS = ["sessionEnd", "sessionWithoutOrder", "orderComplete"] as const;
export type FollowUpTrigger = (typeof FOLLOW_UP_TRIGGERS)[number];
/** Integer codes of the triggers (their position in FOLLOW_UP_TRIGGERS), for the simulator. */
export const FOLLOW_UP_TRIGGER = {sessionEnd: 0, sessionWithoutOrder: 1, orderComplete: 2} as const;

/**
 * A template the business sends some time after an event: `sessionEnd` (any user-initiated
 * session), `sessionWithoutOrder` (e.g. an abandoned-cart reminder) or `orderComplete` (after the
 * order's last notification, e.g. a review request). With `probability`, after a lognormal
 * delay; a delay under 24 h from the user's last message lands inside the customer service
 * window. Defaults: probability 0.3, after a median of 20 h, category marketing.
 * @example followUpSchema.parse({name: "cart", trigger: "sessionWithoutOrder"}).category // => "marketing"
 */
export const followUpSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, "invalid name (letters, digits, _ . -)"),
  trigger: z.enum(FOLLOW_UP_TRIGGERS),
  probability: z.number().min(0).max(1).default(0.3),
  after: lognormalDelaySchema("20h", 0.3),
  category: z.enum(["marketing", "utility"]).default("marketing"),
});

export type FollowUp = z.output<typeof followUpSchema>;
