import {
  chiSquaredDistributionTable,
  mean,
  median,
  probit,
  sampleStandardDeviation,
  sampleVariance,
} from "simple-statistics";
import {describe, expect, it} from "vitest";
import {
  arrivalPiecewiseAt,
  arrivalPiecewiseIn,
  bernoulli,
  categorical,
  createCategorical,
  createRandomStreams,
  exponential,
  logFactorial,
  lognormal,
  nextArrivalByThinning,
  poisson,
  standardNormal,
} from "../../engine/sim/index.ts";

// Fixed seeds: each test draws the same numbers on every run, so it cannot flake. The bounds are
// 99.99 % confidence intervals, so a correct sampler passes for almost every seed.
const Z = probit(0.99995);
const N = 40_000;
const draw = (key: string, f: (rnd: () => number) => number, n = N) => {
  const rnd = createRandomStreams(2025).stream(key);
  return Array.from({length: n}, () => f(rnd));
};
/** |sample mean - mu| within Z standard errors. */
function expectMean(xs: number[], mu: number, sigma: number) {
  expect(Math.abs(mean(xs) - mu)).toBeLessThan((Z * sigma) / Math.sqrt(xs.length));
}

describe("distributions", () => {
  it("exponential(rnd, rate) has mean 1/rate and sd 1/rate", () => {
    const xs = draw("exp", (rnd) => exponential(rnd, 0.25));
    expectMean(xs, 4, 4);
    expect(sampleStandardDeviation(xs)).toBeCloseTo(4, 0);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  });

  it("standardNormal(rnd) has mean 0 and variance 1", () => {
    const xs = draw("normal", standardNormal);
    expectMean(xs, 0, 1);
    // variance of the sample variance of a normal: 2 / (n - 1)
    expect(Math.abs(sampleVariance(xs) - 1)).toBeLessThan(Z * Math.sqrt(2 / (N - 1)));
  });

  it("lognormal(rnd, mu, sigma) has median e^mu and log-sd sigma", () => {
    const xs = draw("lognormal", (rnd) => lognormal(rnd, Math.log(240), 1.2));
    const logs = xs.map(Math.log);
    expectMean(logs, Math.log(240), 1.2);
    expect(Math.abs(sampleStandardDeviation(logs) - 1.2)).toBeLessThan(
      Z * 1.2 * Math.sqrt(1 / (2 * (N - 1))),
    );
    expect(median(xs) / 240).toBeGreaterThan(0.95);
    expect(median(xs) / 240).toBeLessThan(1.05);
  });

  for (const mu of [0.3, 2.5, 12, 29.9, 30, 75, 1000]) {
    it(`poisson(rnd, ${mu}) has mean and variance ${mu}`, () => {
      const xs = draw(`poisson-${mu}`, (rnd) => poisson(rnd, mu));
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expectMean(xs, mu, Math.sqrt(mu));
      // the sample variance of a Poisson has variance ~ (mu + 2 mu^2) / n
      expect(Math.abs(sampleVariance(xs) - mu)).toBeLessThan(Z * Math.sqrt((mu + 2 * mu * mu) / N));
    });
  }

  it("poisson(rnd, 4) matches the Poisson probabilities (chi-squared, 99.5 %)", () => {
    const mu = 4;
    const xs = draw("poisson-chi", (rnd) => poisson(rnd, mu));
    const bins = 12; // 0..10 and >= 11
    const observed = new Array<number>(bins).fill(0);
    for (const x of xs) observed[Math.min(x, bins - 1)]!++;
    let p = Math.exp(-mu);
    let tail = 1;
    let chi = 0;
    for (let k = 0; k < bins; k++) {
      const prob = k === bins - 1 ? tail : p;
      chi += (observed[k]! - N * prob) ** 2 / (N * prob);
      tail -= p;
      p *= mu / (k + 1);
    }
    expect(chi).toBeLessThan(chiSquaredDistributionTable[11][0.005]);
  });

  it("logFactorial(k) is exact below the table and accurate above", () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12);
    let exact = 0;
    for (let k = 1; k <= 200; k++) exact += Math.log(k);
    expect(logFactorial(200)).toBeCloseTo(exact, 9);
  });

  it("categorical(rnd, createCategorical(w)) draws index i with probability w_i / sum (chi-squared)", () => {
    const weights = [5, 1, 0, 3, 1];
    const table = createCategorical(weights);
    const xs = draw("categorical", (rnd) => categorical(rnd, table));
    const total = weights.reduce((a, b) => a + b, 0);
    const observed = weights.map((_, i) => xs.filter((x) => x === i).length);
    expect(observed[2]).toBe(0);
    let chi = 0;
    weights.forEach((w, i) => {
      if (w > 0) chi += (observed[i]! - (N * w) / total) ** 2 / ((N * w) / total);
    });
    expect(chi).toBeLessThan(chiSquaredDistributionTable[3][0.005]);
  });

  it("createCategorical() rejects negative or all-zero weights", () => {
    expect(() => createCategorical([1, -1])).toThrow(RangeError);
    expect(() => createCategorical([0, 0])).toThrow(RangeError);
  });

  it("bernoulli(rnd, p) is true with probability p", () => {
    const xs = draw("bernoulli", (rnd) => (bernoulli(rnd, 0.07) ? 1 : 0));
    expectMean(xs, 0.07, Math.sqrt(0.07 * 0.93));
  });

  it("nextArrivalByThinning() counts match the integral of the intensity per segment", () => {
    // a two-level intensity: 2 per unit on [0, 50), 0.5 per unit on [50, 100)
    const rateAt = (t: number) => (t < 50 ? 2 : 0.5);
    const runs = 2_000;
    const low: number[] = [];
    const high: number[] = [];
    const rnd = createRandomStreams(2025).stream("nhpp");
    for (let r = 0; r < runs; r++) {
      let first = 0;
      let second = 0;
      for (
        let t = nextArrivalByThinning(rnd, 0, 100, rateAt, 2);
        t !== Infinity;
        t = nextArrivalByThinning(rnd, t, 100, rateAt, 2)
      ) {
        if (t < 50) first++;
        else second++;
      }
      high.push(first);
      low.push(second);
    }
    expectMean(high, 100, 10);
    expectMean(low, 25, 5);
    // Poisson counts: variance = mean
    expect(sampleVariance(high) / 100).toBeGreaterThan(0.85);
    expect(sampleVariance(high) / 100).toBeLessThan(1.15);
  });
});

describe("arrivalPiecewiseAt", () => {
  it("counts per segment match the integral of a piecewise-constant intensity, like thinning", () => {
    const rates = Float64Array.of(2, 0.5, 0, 1);
    const rnd = createRandomStreams(2025).stream("piecewise");
    const counts = [[], [], [], []] as number[][];
    for (let r = 0; r < 2_000; r++) {
      const c = [0, 0, 0, 0];
      for (
        let t = arrivalPiecewiseAt(rnd(), 0, 100, 0, 25, rates);
        t !== Infinity;
        t = arrivalPiecewiseAt(rnd(), t, 100, 0, 25, rates)
      ) {
        c[Math.floor(t / 25)]!++;
      }
      c.forEach((x, k) => counts[k]!.push(x));
    }
    expectMean(counts[0]!, 50, Math.sqrt(50));
    expectMean(counts[1]!, 12.5, Math.sqrt(12.5));
    expect(counts[2]!.every((x) => x === 0)).toBe(true);
    expectMean(counts[3]!, 25, 5);
    expect(sampleVariance(counts[0]!) / 50).toBeGreaterThan(0.85);
    expect(sampleVariance(counts[0]!) / 50).toBeLessThan(1.15);
  });

  it("extends the first and last rates beyond the table and stops at untilMs", () => {
    expect(arrivalPiecewiseAt(1 - Math.exp(-1), -50, 100, 0, 10, Float64Array.of(0.1, 0))).toBe(
      -40,
    );
    expect(arrivalPiecewiseAt(1 - Math.exp(-1), 0, 5, 0, 10, Float64Array.of(0.1))).toBe(Infinity);
  });

  it("arrivalPiecewiseIn(args, at, ...) writes to args[at] the arrival arrivalPiecewiseAt returns", () => {
    const rates = Float64Array.of(2, 0.5, 0, 1, 0.25);
    const rnd = createRandomStreams(2026).stream("piecewise-in");
    const args = new Float64Array(8);
    for (let r = 0; r < 2_000; r++) {
      const [u, fromMs, scale] = [rnd(), -30 + 150 * rnd(), 0.01 + rnd()];
      args.set([fromMs, 100, 5, scale, u], 3);
      arrivalPiecewiseIn(args, 3, 25, rates);
      expect(args[3]).toBe(arrivalPiecewiseAt(u, fromMs, 100, 5, 25, rates, scale));
    }
  });
});
