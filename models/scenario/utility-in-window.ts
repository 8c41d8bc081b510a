import {z} from "zod";
import {durationSchema} from "../traffic/duration.ts";
import type {LognormalDelay} from "../traffic/duration.ts";
import type {TrafficBlock} from "../traffic/traffic-block.ts";
import {mapTraffic} from "./scenario.ts";
import type {WhatIf} from "./what-if.ts";

const DAY_MS = 86_400_000;
const DEFAULT_WITHIN_MS = 12 * 3_600_000;

const withinSchema = durationSchema.refine(
  (ms) => ms > 0 && ms < DAY_MS,
  "out of range (expected a duration above 0 and under 24h: the customer service window)",
);

/**
 * `utilityInWindow:` in a strategy: `true` (within 12 h), a duration (`6h`), `{within: 6h}`, or
 * `false` (as scheduled: no change, e.g. the reference point of a sweep).
 * @example utilityInWindowSchema.parse("6h") // => {withinMs: 21600000}
 */
export const utilityInWindowSchema = z
  .union([z.boolean(), withinSchema, z.strictObject({within: withinSchema})])
  .transform((value): {withinMs: number | undefined} => ({
    withinMs:
      value === false
        ? undefined
        : value === true
          ? DEFAULT_WITHIN_MS
          : typeof value === "number"
            ? value
            : value.within,
  }));

/**
 * What-if: send utility templates while the customer service window is open. An order's
 * notifications (confirmation, shipped, delivered, ...) are brought forward so that the last
 * one's median falls `withinMs` after the order (every step's median scaled by the same factor;
 * their spread kept), and utility follow-ups wait at most `withinMs` (median). Under pmp-2025-07
 * a utility template inside an open window is free (PMP25-4); orders placed outside WhatsApp
 * have no window and are not changed. Schedules already inside `withinMs` are left as they are;
 * `undefined` changes nothing.
 * O(blocks x notifications).
 * @example utilityInWindow(6 * 3_600_000)(base).simulation.traffic[0].orders.notifications[2].after.medianMs // => at most 6 h
 */
export function utilityInWindow(withinMs: number | undefined): WhatIf {
  return function inWindow(scenario) {
    if (withinMs === undefined) return scenario;
    return mapTraffic(scenario, (block) => bringForward(block, withinMs));
  };
}

function bringForward(block: TrafficBlock, withinMs: number): TrafficBlock {
  let orders = block.orders;
  if (orders !== undefined) {
    const lastMs = orders.notifications.reduce((sum, step) => sum + step.after.medianMs, 0);
    if (lastMs > withinMs) {
      const factor = withinMs / lastMs;
      orders = {
        ...orders,
        notifications: orders.notifications.map((step) => ({
          ...step,
          after: withMedian(step.after, step.after.medianMs * factor),
        })),
      };
    }
  }
  const followUps = block.followUps.map((followUp) =>
    followUp.category === "utility" && followUp.after.medianMs > withinMs
      ? {...followUp, after: withMedian(followUp.after, withinMs)}
      : followUp,
  );
  return {...block, orders, followUps};
}

/** The delay with another median (at least 1 ms), its log-mean recomputed. */
export function withMedian(delay: LognormalDelay, medianMs: number): LognormalDelay {
  const ms = Math.max(1, Math.round(medianMs));
  return {medianMs: ms, sigma: delay.sigma, mu: Math.log(ms)};
}
