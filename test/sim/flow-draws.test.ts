import {describe, expect, it} from "vitest";
import {
  categorical,
  createCategorical,
  createRandomStreams,
  forkStream,
  poisson,
  seedWord,
} from "../../engine/sim/index.ts";
import {
  delayMs,
  FLOW,
  flowCategorical,
  flowDelayMs,
  flowPoisson,
  FlowTable,
} from "../../engine/sim/traffic/index.ts";

/** A table with `rows` flows open, each seeded from stream `key` of seed 9. */
function tableOf(rows: number): FlowTable {
  const parent = createRandomStreams(9).stream("flows");
  const table = new FlowTable();
  for (let r = 0; r < rows; r++)
    table.open(FLOW.session, 0, r, seedWord(parent()), seedWord(parent()));
  return table;
}

describe("flow draws", () => {
  it("flowDelayMs, flowPoisson and flowCategorical draw the numbers of delayMs, poisson and categorical on table.rnd", () => {
    const a = tableOf(3);
    const b = tableOf(3);
    const delays = [
      {medianMs: 3000, sigma: 0.6, mu: Math.log(3000)},
      {medianMs: 360_000, sigma: 1.2, mu: Math.log(360_000)},
      {medianMs: 45_000, sigma: 0, mu: Math.log(45_000)},
    ];
    const types = createCategorical([0, 0.7, 0.25, 0.05]);
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; i < 3000; i++) {
      // rows in turn, means that alternate and one above the inversion's limit
      a.current = b.current = i % 3;
      const mean = [2.5, 0.4, 0, 45][i % 4]!;
      got.push(flowDelayMs(a, delays[i % 3]!), flowPoisson(a, mean), flowCategorical(a, types));
      want.push(delayMs(b.rnd, delays[i % 3]!), poisson(b.rnd, mean), categorical(b.rnd, types));
    }
    expect(got).toEqual(want);
    expect(a.uniform()).toBe(b.rnd());
  });

  it("open(kind, ..., word(), word()) from a row draws what forkStream of that row's stream draws", () => {
    const a = tableOf(1);
    const b = tableOf(1);
    const child = a.open(FLOW.order, 0, 0, a.word(), a.word());
    const forked = forkStream(b.rnd);
    a.current = child;
    expect(Array.from({length: 20}, () => a.uniform())).toEqual(Array.from({length: 20}, forked));
  });
});
