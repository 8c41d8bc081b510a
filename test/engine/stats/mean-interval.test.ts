import {describe, expect, it} from "vitest";
import {meanInterval, pairedDifference, tQuantile975} from "../../../engine/stats/index.ts";

describe("tQuantile975", () => {
  it.each([
    [1, 12.706],
    [9, 2.262],
    [30, 2.042],
  ])("tQuantile975(%i) is the tabulated %f", (df, t) => expect(tQuantile975(df)).toBe(t));
  it.each([
    [40, 2.0211],
    [60, 2.0003],
    [120, 1.9799],
    [1e9, 1.96],
  ])("tQuantile975(%i) is within 1e-3 of %f beyond the table", (df, t) =>
    expect(Math.abs(tQuantile975(df) - t)).toBeLessThan(1e-3),
  );
});

describe("meanInterval", () => {
  it("meanInterval([10, 12, 14]) is 12 ± t(2) * 2 / sqrt(3)", () => {
    const half = (4.303 * 2) / Math.sqrt(3);
    expect(meanInterval([10, 12, 14])).toEqual({mean: 12, low: 12 - half, high: 12 + half, n: 3});
  });
  it("meanInterval of one value is that value, of none is NaN", () => {
    expect(meanInterval([5])).toEqual({mean: 5, low: 5, high: 5, n: 1});
    expect(meanInterval([]).mean).toBeNaN();
  });
  it("pairedDifference(a, b) is the interval of b - a, tighter than unpaired noise", () => {
    const a = [100, 200, 300, 400];
    const b = [103, 201, 304, 402];
    const d = pairedDifference(a, b);
    expect(d.mean).toBe(2.5);
    expect(d.high - d.low).toBeLessThan(6);
    expect(() => pairedDifference([1], [1, 2])).toThrow(RangeError);
  });
});
