import {describe, expect, it} from "vitest";
import {
  createRandomStreams,
  createSfc32,
  forkStream,
  hashUnit,
  mix32,
  seedWord,
  sfc32Below,
  sfc32Next,
  sfc32Word,
} from "../../engine/sim/index.ts";

describe("random streams", () => {
  it("stream(key) replays the same draws for the same seed and key", () => {
    const a = createRandomStreams(42).stream("loja/sessions/organic/br");
    const b = createRandomStreams("42").stream("loja/sessions/organic/br");
    expect(Array.from({length: 100}, a)).toEqual(Array.from({length: 100}, b));
  });

  it("seedState(key) then sfc32Next draws the numbers of stream(key)", () => {
    const streams = createRandomStreams(42);
    const state = new Int32Array(8);
    streams.seedState("b1/sessions/organic/br", state, 4);
    const stream = streams.stream("b1/sessions/organic/br");
    const drawn = Array.from({length: 50}, () => sfc32Next(state, 4));
    expect(drawn).toEqual(Array.from({length: 50}, stream));
    expect(Array.from(state.subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });

  it("sfc32Word(state, i) is the output sfc32Next makes a draw of, and seedWord of that draw", () => {
    const streams = createRandomStreams(7);
    const words = new Int32Array(4);
    const draws = new Int32Array(4);
    streams.seedState("w", words, 0);
    streams.seedState("w", draws, 0);
    for (let k = 0; k < 200; k++) {
      const word = sfc32Word(words, 0);
      const u = sfc32Next(draws, 0);
      expect(word).toBe(word | 0);
      expect(u).toBe((word >>> 0) / 2 ** 32);
      expect(seedWord(u)).toBe(word);
    }
  });

  it("sfc32Below(state, i, n) is the integer uniformInt makes of sfc32Next's draw, below n", () => {
    const streams = createRandomStreams(11);
    const below = new Int32Array(4);
    const draws = new Int32Array(4);
    streams.seedState("b", below, 0);
    streams.seedState("b", draws, 0);
    for (let k = 0; k < 1000; k++) {
      const n = 1 + (k % 97) * 1013;
      const i = sfc32Below(below, 0, n);
      expect(i).toBe(Math.floor(sfc32Next(draws, 0) * n));
      expect(i >= 0 && i < n).toBe(true);
    }
  });

  it("stream(key) is independent of the streams created before it", () => {
    const lone = createRandomStreams(1).stream("user/7");
    const streams = createRandomStreams(1);
    streams.stream("campaign/new")();
    const crowded = streams.stream("user/7");
    expect(Array.from({length: 20}, crowded)).toEqual(Array.from({length: 20}, lone));
  });

  it("different keys and different seeds give different streams", () => {
    const s = createRandomStreams(1);
    expect(s.stream("a")()).not.toBe(s.stream("b")());
    expect(createRandomStreams(2).stream("a")()).not.toBe(s.stream("a")());
    expect(s.seed32("a")).toBe(createRandomStreams(1).seed32("a"));
    expect(s.seed32("a")).not.toBe(s.seed32("b"));
  });

  it("forkStream(parent) is deterministic, in [0, 1) and uniform", () => {
    const f1 = forkStream(createRandomStreams(5).stream("p"));
    const f2 = forkStream(createRandomStreams(5).stream("p"));
    const xs = Array.from({length: 50_000}, f1);
    expect(Array.from({length: 10}, f2)).toEqual(xs.slice(0, 10));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(m - 0.5)).toBeLessThan(0.01);
  });

  it("createSfc32(a, b) gives distinct sequences for nearby seeds", () => {
    const x = createSfc32(1, 2);
    const y = createSfc32(1, 3);
    expect(x()).not.toBe(y());
  });

  it("hashUnit(key, index) is stable and roughly uniform", () => {
    expect(hashUnit(9, 12345)).toBe(hashUnit(9, 12345));
    expect(mix32(1, 2)).not.toBe(mix32(2, 1));
    let below = 0;
    for (let i = 0; i < 100_000; i++) if (hashUnit(77, i) < 0.3) below++;
    expect(below / 100_000).toBeGreaterThan(0.29);
    expect(below / 100_000).toBeLessThan(0.31);
  });
});
