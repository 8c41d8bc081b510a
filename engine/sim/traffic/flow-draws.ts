/**
 * The distributions the flows draw from (distributions.ts), drawing from the stream of the flow
 * table's current row through {@link FlowTable.uniform}: the same draws in the same order and
 * the same arithmetic, so the same numbers as `delayMs(flows.rnd, ...)`, `poisson(flows.rnd,
 * ...)` and `categorical(flows.rnd, ...)`.
 * NOTE (perf): V8 inlines the method `uniform` here, where it cannot inline the per-table `rnd`
 * closures: no call and no boxed double per draw. The price is this second copy of the delay
 * and Poisson draws, which the tests hold equal to the first (the categorical one shares
 * `categoryAt`).
 */
import type {LognormalDelay} from "../../../models/traffic/duration.ts";
import {categoryAt, poisson} from "../distributions.ts";
import type {FlowTable} from "./flow-table.ts";

const TWO_PI = 2 * Math.PI;

/**
 * A lognormal delay in whole ms, at least 1 ms: `delayMs(flows.rnd, delay)`. Two draws unless
 * `sigma` is 0.
 * @example flowDelayMs(flows, {medianMs: 1000, sigma: 0, mu: Math.log(1000)}) // => 1000
 */
export function flowDelayMs(flows: FlowTable, delay: LognormalDelay): number {
  if (delay.sigma === 0) return Math.max(1, Math.round(delay.medianMs));
  // standardNormal then lognormal, as distributions.ts computes them
  const r = Math.sqrt(-2 * Math.log(1 - flows.uniform()));
  const z = r * Math.cos(TWO_PI * flows.uniform());
  return Math.max(1, Math.round(Math.exp(delay.mu + delay.sigma * z)));
}

// e^-mean of the last two means (flows alternate between two, turns and replies per turn)
let meanA = NaN;
let expA = NaN;
let meanB = NaN;
let expB = NaN;

/**
 * A Poisson variate: `poisson(flows.rnd, mean)`. One draw for `mean < 30` (inversion), the
 * rejection method of distributions.ts above.
 * @example flowPoisson(flows, 0) // => 0
 */
export function flowPoisson(flows: FlowTable, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 30) return poisson(flows.rnd, mean);
  let p: number;
  if (mean === meanA) p = expA;
  else if (mean === meanB) p = expB;
  else {
    meanB = meanA;
    expB = expA;
    meanA = mean;
    expA = p = Math.exp(-mean);
  }
  let k = 0;
  let cumulative = p;
  const u = flows.uniform();
  while (u > cumulative && k < 1000) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/**
 * An index drawn from a cumulative table of `createCategorical`: `categorical(flows.rnd,
 * cumulative)`. One draw, O(log k).
 * @example flowCategorical(flows, createCategorical([1, 3])) // => 0 or 1
 */
export function flowCategorical(flows: FlowTable, cumulative: Float64Array): number {
  return categoryAt(cumulative, flows.uniform());
}
