import {mean, sampleStandardDeviation} from "simple-statistics";
import {tQuantile975} from "./t-quantile.ts";

/** A mean with its two-sided 95 % confidence interval over replications. */
export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
  n: number;
}

/**
 * Mean and 95 % t-interval of replication results; with one value the interval is the value.
 * @example meanInterval([10, 12, 14]) // => {mean: 12, low: 7.03..., high: 16.96..., n: 3}
 */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n === 0) return {mean: NaN, low: NaN, high: NaN, n};
  const m = mean(values as number[]);
  if (n === 1) return {mean: m, low: m, high: m, n};
  const half = (tQuantile975(n - 1) * sampleStandardDeviation(values as number[])) / Math.sqrt(n);
  return {mean: m, low: m - half, high: m + half, n};
}

/**
 * The paired difference `b - a` of two strategies run on the same replications (common random
 * numbers): mean and 95 % t-interval of the per-replication differences, which is much tighter
 * than the difference of two independent intervals.
 * @throws RangeError if the two lists differ in length.
 * @example pairedDifference([10, 11, 12], [12, 13.1, 13.9]).mean // => 2
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): MeanInterval {
  if (a.length !== b.length)
    throw new RangeError(`paired lists differ in length: ${a.length} vs ${b.length}`);
  return meanInterval(a.map((x, k) => b[k]! - x));
}
