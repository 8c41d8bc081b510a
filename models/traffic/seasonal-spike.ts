import {z} from "zod";
import {parseIsoDate} from "../calendar/civil-date.ts";

/** The traffic a spike can scale. Campaigns are scheduled explicitly and never scaled. */
export const SPIKE_TARGETS = ["sessions", "orders", "authentication"] as const;
export type SpikeTarget = (typeof SPIKE_TARGETS)[number];

/**
 * A seasonal spike: between two local dates (inclusive, in each population's timezone) the
 * arrival rates of the targeted traffic are multiplied, e.g. a Black Friday week at 2.5x.
 */
export interface SeasonalSpike {
  name: string;
  /** First and last local day (day numbers), inclusive. */
  fromDay: number;
  toDay: number;
  multiplier: number;
  applies: readonly SpikeTarget[];
}

const isoDate = z.string().transform((text, ctx) => {
  const day = parseIsoDate(text);
  if (day === undefined) {
    ctx.addIssue({code: "custom", message: "invalid date (expected YYYY-MM-DD)"});
    return z.NEVER;
  }
  return day;
});

/**
 * `spikes[]` in a traffic block: `{name, from: 2025-11-24, to: 2025-11-30, multiplier: 2.5, applies: [sessions, orders]}`.
 * @example seasonalSpikeSchema.parse({name: "bf", from: "2025-11-24", to: "2025-11-30", multiplier: 2}).applies.length // => 3
 */
export const seasonalSpikeSchema = z
  .strictObject({
    name: z.string().min(1),
    from: z
      .union([z.date().transform((d) => d.toISOString().slice(0, 10)), z.string()])
      .pipe(isoDate),
    to: z
      .union([z.date().transform((d) => d.toISOString().slice(0, 10)), z.string()])
      .pipe(isoDate),
    multiplier: z.number().min(0).max(1000),
    applies: z
      .array(z.enum(SPIKE_TARGETS))
      .min(1)
      .default([...SPIKE_TARGETS]),
  })
  .refine((s) => s.to >= s.from, {message: "a spike must end on or after its start", path: ["to"]})
  .transform(({name, from, to, multiplier, applies}): SeasonalSpike => ({
    name,
    fromDay: from,
    toDay: to,
    multiplier,
    applies,
  }));

/**
 * The combined multiplier of the spikes that cover a local day for a target (spikes multiply).
 * @example spikeMultiplier([{name: "bf", fromDay: 10, toDay: 12, multiplier: 3, applies: ["sessions"]}], 11, "sessions") // => 3
 */
export function spikeMultiplier(
  spikes: readonly SeasonalSpike[],
  day: number,
  target: SpikeTarget,
): number {
  let m = 1;
  for (const spike of spikes) {
    if (day >= spike.fromDay && day <= spike.toDay && spike.applies.includes(target))
      m *= spike.multiplier;
  }
  return m;
}
