import {z} from "zod";
import {frequencyCapSchema} from "../traffic/marketing-limits.ts";
import type {FrequencyCap} from "../traffic/marketing-limits.ts";
import {mapTraffic} from "./scenario.ts";
import type {WhatIf} from "./what-if.ts";

/**
 * `capMarketing:` in a strategy: a cap `{max: 2, per: 7d}` (traffic's `frequencyCap`), or
 * `false` to lift the base's cap.
 * @example capMarketingSchema.parse({max: 2, per: "7d"}) // => {max: 2, per: 604800000}
 */
export const capMarketingSchema = z
  .union([z.literal(false), frequencyCapSchema])
  .transform((value): FrequencyCap | undefined => (value === false ? undefined : value));

/**
 * What-if: the business caps marketing templates per user (campaigns and marketing follow-ups
 * skip capped users), or lifts its cap with `undefined`.
 * @example capMarketing({max: 1, per: 604_800_000})(base).simulation.traffic[0].frequencyCap.max // => 1
 */
export function capMarketing(cap: FrequencyCap | undefined): WhatIf {
  return function capped(scenario) {
    return mapTraffic(scenario, (block) => ({...block, frequencyCap: cap}));
  };
}
