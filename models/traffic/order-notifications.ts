import {z} from "zod";
import {lognormalDelaySchema} from "./duration.ts";

/**
 * Orders and their utility notifications. Orders come from sessions (a share `conversion` of
 * user-initiated sessions ends in an order, inside the customer service window) and from
 * outside WhatsApp (`perUserPerMonth` per user, shaped by the activity profile), whose
 * notifications usually fall outside any window. Each order sends the `notifications` in turn,
 * each `after` the previous one and with its own `probability`; a share `replyRate` of
 * delivered notifications gets a user answer, which opens a window and a short session.
 * Defaults: confirmation after ~1 min, shipped after ~1 day, delivered after ~3 days.
 * @example orderNotificationsSchema.parse({}).notifications.map((n) => n.name) // => ["confirmation", "shipped", "delivered"]
 */
export const orderNotificationsSchema = z.strictObject({
  conversion: z.number().min(0).max(1).default(0.1),
  perUserPerMonth: z.number().min(0).max(1000).default(0),
  populations: z.array(z.string()).optional(),
  notifications: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        after: lognormalDelaySchema("1m", 0.5),
        probability: z.number().min(0).max(1).default(1),
      }),
    )
    .prefault([
      {name: "confirmation", after: {median: "1m", sigma: 0.5}},
      {name: "shipped", after: {median: "1d", sigma: 0.4}, probability: 0.95},
      {name: "delivered", after: {median: "3d", sigma: 0.3}, probability: 0.95},
    ]),
  replyRate: z.number().min(0).max(1).default(0.05),
});

export type OrderNotifications = z.output<typeof orderNotificationsSchema>;
