import {z} from "zod";

/**
 * When people message, in their own local time: 24 hourly weights (hour 0 = 00:00-01:00) and 7
 * weekday weights (Monday first), each normalised to a mean of 1, so a profile shapes the traffic
 * without changing its daily average.
 */
export interface ActivityProfile {
  hourly: Float64Array;
  weekly: Float64Array;
}

// Shapes of consumer and business messaging, after the published hourly WhatsApp/Messenger
// activity curves (low at 02:00-05:00, a lunch bump, an evening peak for consumers).
const PRESETS = {
  /** Consumers talking to a shop: lunch bump, evening peak 19:00-22:00, slightly busier weekends. */
  retail: {
    hourly: [
      0.3, 0.18, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.1, 1.25, 1.35, 1.45, 1.4, 1.3, 1.25, 1.25,
      1.3, 1.45, 1.6, 1.7, 1.6, 1.2, 0.65,
    ],
    weekly: [0.95, 0.95, 0.95, 1.0, 1.05, 1.1, 1.0],
  },
  /** Business-to-business: office hours, quiet weekends. */
  office: {
    hourly: [
      0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.25, 0.7, 1.6, 2.2, 2.3, 2.2, 1.7, 2.0, 2.2, 2.1, 1.9,
      1.4, 0.8, 0.5, 0.35, 0.25, 0.15, 0.08,
    ],
    weekly: [1.25, 1.25, 1.25, 1.25, 1.2, 0.45, 0.35],
  },
  /** Logins and one-time passwords: daytime-heavy but flatter than retail. */
  logins: {
    hourly: [
      0.4, 0.25, 0.18, 0.15, 0.18, 0.3, 0.6, 0.95, 1.2, 1.3, 1.35, 1.35, 1.35, 1.3, 1.3, 1.3, 1.3,
      1.3, 1.35, 1.4, 1.4, 1.3, 1.05, 0.7,
    ],
    weekly: [1.05, 1.05, 1.05, 1.05, 1.0, 0.9, 0.9],
  },
  /** Constant in time; for tests and baselines. */
  flat: {hourly: Array.from({length: 24}, () => 1), weekly: Array.from({length: 7}, () => 1)},
} as const;

/** Names of the built-in activity profiles. */
export type ActivityProfileName = keyof typeof PRESETS;
export const ACTIVITY_PROFILE_NAMES = Object.keys(PRESETS) as ActivityProfileName[];

function normalised(weights: readonly number[]): Float64Array {
  const out = Float64Array.from(weights);
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / mean;
  return out;
}

/**
 * A profile from a preset name or from explicit weights, normalised to mean 1.
 * @throws RangeError for an unknown name or weights that are negative or all zero.
 * @example maybeActivityProfile("flat").hourly[13] // => 1
 */
export function maybeActivityProfile(
  x: ActivityProfileName | {hourly: readonly number[]; weekly: readonly number[]},
): ActivityProfile {
  const spec = typeof x === "string" ? PRESETS[x] : x;
  if (spec === undefined) throw new RangeError(`invalid activity profile: ${String(x)}`);
  if (spec.hourly.length !== 24 || spec.weekly.length !== 7) {
    throw new RangeError("an activity profile needs 24 hourly and 7 weekly weights");
  }
  const all = [...spec.hourly, ...spec.weekly];
  if (
    all.some((w) => !(w >= 0)) ||
    spec.hourly.every((w) => w === 0) ||
    spec.weekly.every((w) => w === 0)
  ) {
    throw new RangeError("activity weights must be >= 0 and not all zero");
  }
  return {hourly: normalised(spec.hourly), weekly: normalised(spec.weekly)};
}

const weights = (n: number) =>
  z
    .array(z.number().min(0))
    .length(n)
    .refine((w) => w.some((x) => x > 0), "weights are all zero");

/**
 * `profile:` in a traffic block: a preset name, or `{hourly: [24 weights], weekly: [7 weights, Monday first]}`.
 * @example activityProfileSchema.parse("office").weekly[6] < 1 // => true
 */
export const activityProfileSchema = z
  .union([
    z.enum(ACTIVITY_PROFILE_NAMES as [ActivityProfileName, ...ActivityProfileName[]]),
    z.strictObject({hourly: weights(24), weekly: weights(7)}),
  ])
  .transform((x) => maybeActivityProfile(x));
