import type {ActivityProfile} from "./activity-profile.ts";
import type {LocalClock} from "./local-clock.ts";
import {dayOfLocal, hourOfLocal, weekdayOfLocal} from "./local-clock.ts";
import type {SeasonalSpike, SpikeTarget} from "./seasonal-spike.ts";
import {spikeMultiplier} from "./seasonal-spike.ts";

const HOUR_MS = 3_600_000;

/**
 * Relative intensity of arrivals per UTC hour: the activity profile at the local hour and
 * weekday (read at the middle of the hour, so half-hour zones land on the right local hour)
 * times any seasonal spike of that local day. A piecewise-constant intensity for thinning.
 */
export interface HourlyRates {
  baseMs: number;
  multipliers: Float64Array;
  /** The largest multiplier: the thinning bound. */
  max: number;
}

/**
 * Builds the hourly multipliers of a population's clock for one kind of traffic.
 * @example createHourlyRates(clock, maybeActivityProfile("flat"), [], "sessions").max // => 1
 */
export function createHourlyRates(
  clock: LocalClock,
  profile: ActivityProfile,
  spikes: readonly SeasonalSpike[],
  target: SpikeTarget,
): HourlyRates {
  const multipliers = new Float64Array(clock.hours);
  let max = 0;
  for (let h = 0; h < clock.hours; h++) {
    const wall = clock.baseMs + h * HOUR_MS + HOUR_MS / 2 + clock.offsetMs[h]!;
    const m =
      profile.hourly[hourOfLocal(wall)]! *
      profile.weekly[weekdayOfLocal(wall)]! *
      spikeMultiplier(spikes, dayOfLocal(wall), target);
    multipliers[h] = m;
    if (m > max) max = m;
  }
  return {baseMs: clock.baseMs, multipliers, max};
}

/**
 * The multiplier at `tMs` (clamped to the covered range). O(1).
 * @example rateMultiplierAt(createHourlyRates(clock, maybeActivityProfile("flat"), [], "sessions"), t) // => 1
 */
export function rateMultiplierAt(rates: HourlyRates, tMs: number): number {
  const m = rates.multipliers;
  let h = Math.floor((tMs - rates.baseMs) / HOUR_MS);
  if (h < 0) h = 0;
  else if (h >= m.length) h = m.length - 1;
  return m[h]!;
}
