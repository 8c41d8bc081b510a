/**
 * The random distributions the traffic models draw from. Each function takes the stream to draw
 * from as its first argument (one stream per entity or flow; `arrivalPiecewiseAt` its one draw),
 * allocates nothing and keeps no hidden state, so the number of draws a call makes depends only
 * on its own outcome.
 */
import type {RandomStream} from "./random-streams.ts";

const TWO_PI = 2 * Math.PI;

/**
 * An exponential variate with the given rate (mean `1 / rate`), by inversion. One draw.
 * @example exponential(() => 1 - Math.exp(-1), 1) // => 1 (approximately)
 */
export function exponential(rnd: RandomStream, rate: number): number {
  return -Math.log(1 - rnd()) / rate;
}

/**
 * A standard normal variate by the Box-Muller transform. Two draws; the second variate of the
 * pair is discarded so that no state is carried between calls.
 * @example Number.isFinite(standardNormal(Math.random)) // => true
 */
export function standardNormal(rnd: RandomStream): number {
  return standardNormalAt(rnd(), rnd());
}

/**
 * The standard normal variate {@link standardNormal} makes of its two uniform draws `u1, u2`.
 * @example standardNormalAt(1 - Math.exp(-0.5), 0) // => 1 (approximately)
 */
export function standardNormalAt(u1: number, u2: number): number {
  const r = Math.sqrt(-2 * Math.log(1 - u1));
  return r * Math.cos(TWO_PI * u2);
}

/**
 * A lognormal variate: `exp(mu + sigma * Z)`; its median is `exp(mu)` and its mean
 * `exp(mu + sigma^2 / 2)`. Two draws.
 * @example lognormal(() => 0.5, Math.log(60), 0) // => 60 (approximately)
 */
export function lognormal(rnd: RandomStream, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(rnd));
}

/**
 * A Bernoulli trial: true with probability `p`. One draw.
 * @example bernoulli(() => 0.2, 0.5) // => true
 */
export function bernoulli(rnd: RandomStream, p: number): boolean {
  return rnd() < p;
}

/**
 * An integer uniform in `[0, n)`. One draw.
 * @example uniformInt(() => 0.99, 10) // => 9
 */
export function uniformInt(rnd: RandomStream, n: number): number {
  return Math.floor(rnd() * n);
}

/**
 * A Poisson variate with the given mean. For `mean < 30`, inversion by sequential search (one
 * draw, O(mean): {@link poissonAt}); above, Hörmann's PTRS transformed rejection (about 2.3
 * draws, O(1)).
 * @example poisson(() => 0, 4) // => 0
 */
export function poisson(rnd: RandomStream, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) return poissonAt(mean, rnd());
  return poissonPtrs(rnd, mean);
}

// e^-mean of the last two means poissonAt saw (a cache: the draws do not depend on it)
let meanA = NaN;
let expA = NaN;
let meanB = NaN;
let expB = NaN;

/**
 * The Poisson variate of mean `0 < mean < 30` that {@link poisson} makes of its uniform draw `u`:
 * the first `k` whose cumulative probability reaches `u`. O(mean).
 * NOTE (perf): callers draw many times with few means (sessions alternate two, turns and replies
 * per turn); e^-mean is kept for the last two.
 * @example poissonAt(4, 0) // => 0
 */
export function poissonAt(mean: number, u: number): number {
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
  while (u > cumulative && k < 1000) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

// W. Hörmann, "The transformed rejection method for generating Poisson random variables",
// Insurance: Mathematics and Economics 12 (1993), algorithm PTRS.
function poissonPtrs(rnd: RandomStream, lambda: number): number {
  const slam = Math.sqrt(lambda);
  const logLambda = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rnd() - 0.5;
    const v = rnd();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
    if (lhs <= -lambda + k * logLambda - logFactorial(k)) return k;
  }
}

const LOG_FACTORIALS = new Float64Array(64);
for (let k = 2; k < LOG_FACTORIALS.length; k++) {
  LOG_FACTORIALS[k] = LOG_FACTORIALS[k - 1]! + Math.log(k);
}

/**
 * `ln(k!)`: a table below 64, Stirling's series above (error < 1e-12).
 * @example logFactorial(3) // => Math.log(6)
 */
export function logFactorial(k: number): number {
  if (k < LOG_FACTORIALS.length) return LOG_FACTORIALS[k]!;
  const n = k + 1;
  const inv = 1 / n;
  const inv2 = inv * inv;
  return (
    (n - 0.5) * Math.log(n) -
    n +
    0.5 * Math.log(TWO_PI) +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260))
  );
}

/**
 * Normalises non-negative weights into a cumulative table for {@link categorical}.
 * @throws RangeError if a weight is negative or not finite, or all are zero.
 * @example createCategorical([1, 3]) // => Float64Array [0.25, 1]
 */
export function createCategorical(weights: readonly number[]): Float64Array {
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid weight: ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError("categorical weights sum to zero");
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    cumulative[i] = sum / total;
  });
  cumulative[weights.length - 1] = 1;
  return cumulative;
}

/**
 * An index drawn with the probabilities of a table from {@link createCategorical}: the first `i`
 * with `u < cumulative[i]`, by bisection. One draw, O(log k).
 * @example categorical(() => 0.5, createCategorical([1, 3])) // => 1
 */
export function categorical(rnd: RandomStream, cumulative: Float64Array): number {
  return categoryAt(cumulative, rnd());
}

/** The category of a uniform draw `u` in a cumulative table: the first `i` with `u < cumulative[i]`. */
export function categoryAt(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cumulative[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The next arrival after `fromMs` of a non-homogeneous Poisson process with intensity
 * `rateAt(t)` (events per ms, at most `rateMax`), by Lewis and Shedler's thinning: candidates
 * from a homogeneous process of rate `rateMax`, each kept with probability `rateAt(t) / rateMax`.
 * Returns `Infinity` when no arrival falls before `untilMs`. Expected draws: `2 * rateMax / mean
 * rate` per arrival.
 * @example nextArrivalByThinning(() => 0.5, 0, 100, () => 0, 1) // => Infinity
 */
export function nextArrivalByThinning(
  rnd: RandomStream,
  fromMs: number,
  untilMs: number,
  rateAt: (tMs: number) => number,
  rateMax: number,
): number {
  if (!(rateMax > 0)) return Infinity;
  let t = fromMs;
  for (;;) {
    t += exponential(rnd, rateMax);
    if (t >= untilMs) return Infinity;
    if (rnd() * rateMax < rateAt(t)) return t;
  }
}

/**
 * The next arrival after `fromMs` of a non-homogeneous Poisson process whose intensity is
 * piecewise constant: `scale * rates[k]` events per ms on `[baseMs + k * segmentMs, baseMs + (k +
 * 1) * segmentMs)`, the first and last values extending beyond the table (`scale` lets many
 * sources share one table of relative rates). Exact, by inverting the cumulative intensity at
 * `u`, one uniform draw of the caller's stream (the only function here that takes the draw, not
 * the stream: its caller draws from sfc32 states without a closure): O(segments crossed). Returns
 * `Infinity` when no arrival falls before `untilMs`. For hourly rate tables this replaces
 * thinning, which would spend `max / mean` candidates per arrival.
 * @example arrivalPiecewiseAt(1 - Math.exp(-1), 0, 100, 0, 10, Float64Array.of(0.1)) // => 10
 */
export function arrivalPiecewiseAt(
  u: number,
  fromMs: number,
  untilMs: number,
  baseMs: number,
  segmentMs: number,
  rates: Float64Array,
  scale = 1,
): number {
  const args = ARRIVAL_ARGS;
  args[0] = fromMs;
  args[1] = untilMs;
  args[2] = baseMs;
  args[3] = scale;
  args[4] = u;
  arrivalPiecewiseIn(args, 0, segmentMs, rates);
  return args[0]!;
}

const ARRIVAL_ARGS = new Float64Array(5);

/**
 * {@link arrivalPiecewiseAt} on arguments held in `args[at..at + 4]`: `fromMs, untilMs, baseMs,
 * scale, u` (the same arithmetic, so the same arrival), which it replaces `args[at]` (`fromMs`)
 * with. `segmentMs` is a whole number of ms.
 * NOTE (perf): the doubles stay in the array: a double passed to or returned from a call V8
 * does not inline is boxed, and the arrival sources made ~6 heap numbers per arrival that way
 * (~56 MB of the ~80 MB the OTP scenario's simulation allocated, sampling heap profile).
 * @example arrivalPiecewiseIn(Float64Array.of(0, 100, 0, 1, 1 - Math.exp(-1)), 0, 10, Float64Array.of(0.1)) // args[0] => 10
 */
export function arrivalPiecewiseIn(
  args: Float64Array,
  at: number,
  segmentMs: number,
  rates: Float64Array,
): void {
  const fromMs = args[at]!;
  const untilMs = args[at + 1]!;
  const baseMs = args[at + 2]!;
  const scale = args[at + 3]!;
  const u = args[at + 4]!;
  let target = -Math.log(1 - u) / scale;
  const last = rates.length - 1;
  let k = Math.floor((fromMs - baseMs) / segmentMs);
  // NOTE (perf): `untilMs` (not `Infinity`) as the last segment's end: the loop's times stay raw
  // doubles (`Infinity`, a global V8 loads through a call where that branch never ran, made them
  // heap numbers, one allocation per segment crossed). The arithmetic is the same.
  let t = fromMs;
  while (t < untilMs) {
    const rate = rates[k < 0 ? 0 : k > last ? last : k]!; // relative rate; target is divided by scale
    const segmentEnd = k >= last ? untilMs : baseMs + (k + 1) * segmentMs;
    const span = (segmentEnd < untilMs ? segmentEnd : untilMs) - t;
    const mass = rate * span;
    if (mass >= target) {
      const arrivalMs = t + target / rate;
      args[at] = arrivalMs < untilMs ? arrivalMs : Infinity;
      return;
    }
    target -= mass;
    t = segmentEnd;
    k++;
  }
  args[at] = Infinity;
}
