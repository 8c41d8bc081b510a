/**
 * The distributions the flows draw from (distributions.ts), drawing from the stream of the flow
 * table's current row through {@link FlowTable.uniform}: the same draws in the same order and
 * the same arithmetic, so the same numbers as `delayMs(flows.rnd, ...)`, `poisson(flows.rnd,
 * ...)` and `categorical(flows.rnd, ...)`.
 * NOTE (perf): V8 inlines the method `uniform` here, where it cannot inline the per-table `rnd`
 * closures: no call and no boxed double per draw. The arithmetic is distributions.ts's, taking
 * the draws instead of the stream (`poissonAt`, `categoryAt`; `flowDelayMs` writes out
 * `delayMsAt`'s).
 */
import type {LognormalDelay} from "../../../models/traffic/duration.ts";
import {categoryAt, poisson, poissonAt} from "../distributions.ts";
import type {FlowTable} from "./flow-table.ts";

/**
 * A lognormal delay in whole ms, at least 1 ms: `delayMs(flows.rnd, delay)`. Two draws unless
 * `sigma` is 0.
 * @example flowDelayMs(flows, {medianMs: 1000, sigma: 0, mu: Math.log(1000)}) // => 1000
 */
export function flowDelayMs(flows: FlowTable, delay: LognormalDelay): number {
  if (delay.sigma === 0) return Math.max(1, Math.round(delay.medianMs));
  // NOTE (perf): delayMsAt's arithmetic (over standardNormalAt's Box-Muller) written out on the
  // row's two draws (`uniform`, which V8 inlines): no double crosses a call. Inlined where
  // the caller's budget ran out, delayMsAt was called with two boxed draws and returned a boxed
  // normal from standardNormalAt (~12 MB of the OTP scenario's ~52 MB per run, heap profile).
  // The same operations in the same order, so the same delays (test/sim/flow-draws.test.ts).
  const u1 = flows.uniform();
  const u2 = flows.uniform();
  const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(TWO_PI * u2);
  return Math.max(1, Math.round(Math.exp(delay.mu + delay.sigma * z)));
}

const TWO_PI = 2 * Math.PI;

/**
 * A Poisson variate: `poisson(flows.rnd, mean)`. One draw for `mean < 30` (inversion), the
 * rejection method of distributions.ts above.
 * @example flowPoisson(flows, 0) // => 0
 */
export function flowPoisson(flows: FlowTable, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 30) return poisson(flows.rnd, mean);
  return poissonAt(mean, flows.uniform());
}

/**
 * An index drawn from a cumulative table of `createCategorical`: `categorical(flows.rnd,
 * cumulative)`. One draw, O(log k).
 * @example flowCategorical(flows, createCategorical([1, 3])) // => 0 or 1
 */
export function flowCategorical(flows: FlowTable, cumulative: Float64Array): number {
  return categoryAt(cumulative, flows.uniform());
}
