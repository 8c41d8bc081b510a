import {z} from "zod";

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;

/**
 * Parses a duration such as `"90s"`, `"4m"`, `"1.5h"`, `"3d"`, `"1w"` into milliseconds, or
 * returns undefined. Units: ms, s, m (minutes), h, d, w.
 * @example parseDurationMs("1.5h") // => 5400000
 */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!]!);
}

/**
 * A duration written with a unit (`"45s"`, `"2h"`) or `0`, as milliseconds.
 * @example durationSchema.parse("2h") // => 7200000
 */
export const durationSchema = z.union([z.string(), z.literal(0)]).transform((value, ctx) => {
  const ms = value === 0 ? 0 : parseDurationMs(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: "custom",
      message: "invalid duration (expected a number with a unit: 500ms, 45s, 4m, 2h, 3d, 1w)",
    });
    return z.NEVER;
  }
  return ms;
});

/** A lognormal delay given by its median and the sigma of its logarithm. */
export interface LognormalDelay {
  /** Median delay, ms. */
  medianMs: number;
  /** Standard deviation of ln(delay); 0 makes the delay constant. */
  sigma: number;
  /** ln(medianMs), the mean of ln(delay), precomputed. */
  mu: number;
}

/**
 * The schema of a lognormal delay, `{median: "4m", sigma: 1.2}`, with the given defaults.
 * @example lognormalDelaySchema("4m", 1.2).parse({}) // => {medianMs: 240000, sigma: 1.2, mu: 12.38...}
 */
export function lognormalDelaySchema(median: string, sigma: number) {
  return z
    .strictObject({
      median: durationSchema.refine((ms) => ms > 0, "the median must be positive").prefault(median),
      sigma: z.number().min(0).max(5).default(sigma),
    })
    .transform(({median: medianMs, sigma: s}): LognormalDelay => ({
      medianMs,
      sigma: s,
      mu: Math.log(medianMs),
    }))
    .prefault({});
}
