// Running scenarios: common random numbers (paired deltas), results byte-identical for any
// number of worker threads, replication 1 equal to a plain simulate-and-bill run, and markups
// added exactly.
import {describe, expect, it} from "vitest";
import {createChargeSummary} from "../../engine/index.ts";
import {
  replicationSeed,
  runScenario,
  runScenarioInWorkers,
  scenarioTables,
} from "../../engine/scenario/index.ts";
import {simulateCharges} from "../../engine/sim/index.ts";
import {parseMicros} from "../../models/money/index.ts";
import {data, planOf, sourceOf, tinyScenario} from "./fixtures.ts";

const STRATEGIES = `strategies:
  - {name: pmp-2025-07, pricing: pmp-2025-07, rateCard: 2026-04-01}
  - {name: pmp-2026-10, pricing: pmp-2026-10, rateCard: 2026-10-01}
  - {name: same-as-first, pricing: pmp-2025-07, rateCard: 2026-04-01}
  - {name: markup, extends: pmp-2025-07, markup: {perMessage: 0.001, percent: 10}}
  - {name: faster, extends: pmp-2025-07, replyFaster: 0.5, rates: {IN: {marketing: +15%}}}
`;

function variance(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (values.length - 1);
}

describe("runScenario()", () => {
  const text = tinyScenario(STRATEGIES);
  const plan = planOf(text);
  const result = runScenario(plan);
  const run = (name: string) => result.runs.find((r) => r.strategy === name)!;

  it("planScenario simulates once per replication for strategies that share their traffic", () => {
    expect(plan.runs).toHaveLength(5);
    expect(plan.groups.map((g) => g.runs)).toEqual([[0, 1, 2, 3], [4]]);
  });

  it("runScenario gives every strategy the same replications and a paired delta to the first", () => {
    expect(result.runs.map((r) => r.replicationTotals.length)).toEqual([3, 3, 3, 3, 3]);
    expect(run("pmp-2025-07").deltaVsFirst).toBeNull();
    // the same strategy twice: identical totals, a delta of exactly zero
    expect(run("same-as-first").replicationTotals).toEqual(run("pmp-2025-07").replicationTotals);
    expect(run("same-as-first").deltaVsFirst).toEqual({mean: 0, low: 0, high: 0, n: 3});
    // common random numbers: a strategy with other traffic (faster replies) still sees the same
    // arrivals, so the totals move together and the paired differences vary far less than two
    // independent runs would (var(b - a) << var(a) + var(b))
    const totals = (name: string) => run(name).replicationTotals.map(Number);
    const a = totals("pmp-2025-07");
    const b = totals("faster");
    expect(variance(b.map((x, k) => x - a[k]!))).toBeLessThan((variance(a) + variance(b)) / 10);
    expect(run("pmp-2026-10").deltaVsFirst!.mean).not.toBe(0);
  });

  it("runScenario's first replication equals simulate-and-bill with the scenario's seed", () => {
    const {plan: traffic} = plan.groups[0]!;
    const summary = createChargeSummary({
      accounts: traffic.accounts,
      markets: data.markets,
      cards: data.cards,
    });
    simulateCharges(
      traffic,
      {seed: replicationSeed(42, 0), data, pricing: "pmp-2025-07", rates: "2026-04-01"},
      (_batch, charges) => summary.add(charges),
    );
    const total = summary.result().rows.reduce((sum, row) => sum + parseMicros(row.amount), 0);
    expect(parseMicros(run("pmp-2025-07").replicationTotals[0]!)).toBe(total);
    expect(replicationSeed(42, 2)).toBe("42/3");
  });

  it("runScenario adds the markup exactly: total = Meta's charges + fee x messages + 10 %", () => {
    const meta = run("pmp-2025-07");
    const marked = run("markup");
    expect(marked.metaCharges).toEqual(meta.total);
    expect(marked.markup!.mean).toBeGreaterThan(0);
    expect(marked.total.mean).toBeCloseTo(meta.total.mean + marked.markup!.mean, 5);
    const messages = Object.values(meta.messagesByCategory).reduce((a, b) => a + b, 0);
    expect(marked.markup!.mean).toBeCloseTo(messages * 0.001 + meta.total.mean * 0.1, 3);
  });

  it("runScenario reports the same category and market keys for every run", () => {
    const keys = result.runs.map((r) => [Object.keys(r.byCategory), Object.keys(r.byMarket)]);
    for (const k of keys) expect(k).toEqual(keys[0]);
    expect(Object.keys(run("pmp-2025-07").byMarket)).toEqual(["India", "Indonesia"]);
    expect(result.days).toHaveLength(7);
    expect(run("pmp-2025-07").daily).toHaveLength(7);
  });

  it("runScenarioInWorkers gives byte-identical results and tables to runScenario, however the units are spread", async () => {
    const sweep = `${STRATEGIES}sweeps:\n  - {lever: ctwaShare, values: [0, 0.5]}\n`;
    const sweepText = tinyScenario(sweep, 800);
    const sweepPlan = planOf(sweepText);
    const single = runScenario(sweepPlan);
    // two worker threads only (this thread idle), then this thread and one worker
    let progress = 0;
    const workersOnly = await runScenarioInWorkers(sweepPlan, sourceOf(sweepText), {
      workers: 2,
      mainThread: false,
      onProgress: (done) => (progress = done),
    });
    expect(progress).toBe(sweepPlan.groups.length * 3);
    expect(JSON.stringify(workersOnly)).toBe(JSON.stringify(single));
    expect(scenarioTables(workersOnly)).toEqual(scenarioTables(single));
    const mixed = await runScenarioInWorkers(sweepPlan, sourceOf(sweepText), {workers: 2});
    expect(JSON.stringify(mixed)).toBe(JSON.stringify(single));
    // and again: the same seed gives the same bytes
    expect(JSON.stringify(runScenario(planOf(sweepText)))).toBe(JSON.stringify(single));
  });
});
