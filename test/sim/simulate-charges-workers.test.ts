// Simulate-and-bill by shards of businesses on worker threads: the same bytes for any number of
// workers and any shard size, equal to one simulateCharges run over the whole plan.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {createChargeSummary} from "../../engine/index.ts";
import type {BillingKernel} from "../../engine/index.ts";
import {
  chargeShards,
  loadSimulation,
  simulateCharges,
  simulateChargesInWorkers,
  summaryOfAggregate,
} from "../../engine/sim/index.ts";
import type {SimulationSource} from "../../engine/sim/index.ts";
import {readShippedData} from "../../io/index.ts";
import {manyBusinessesText} from "../bench/sim.ts";

const source: SimulationSource = {
  text: manyBusinessesText(14, (b) => 20 + 15 * (b % 4), {twoWabas: (b) => b % 3 === 0}),
  file: "many.json",
  rateCards: readShippedData(),
  numberingPlans: readFileSync(
    new URL("../../models/traffic/numbering-plans.csv", import.meta.url),
    "utf8",
  ),
};

/** Everything a run gives, as one JSON text. */
function bytesOf(result: Awaited<ReturnType<typeof simulateChargesInWorkers>>): string {
  const {aggregate, stats, warnings} = result;
  return JSON.stringify({
    stats,
    warnings,
    users: aggregate.users,
    records: [...aggregate.records],
    conversations: [...aggregate.conversations],
    billable: [...aggregate.billable],
    amountMicros: [...aggregate.amountMicros],
    delivered: [...aggregate.delivered],
    failed: [...aggregate.failed],
    inbound: [...aggregate.inbound],
  });
}

describe("simulateChargesInWorkers()", () => {
  const loaded = loadSimulation(source);

  it("chargeShards(plan, n) splits the businesses into consecutive shards of about n users", () => {
    const bounds = chargeShards(loaded.plan, 100);
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(14);
    expect(bounds.length).toBeGreaterThan(3);
    expect(chargeShards(loaded.plan, 1e9)).toEqual([0, 14]);
  });

  it("simulateChargesInWorkers gives byte-identical totals for 1, 2 and 3 workers (with or without this thread) and any shard size", async () => {
    const one = await simulateChargesInWorkers(source, {seed: 7, shardUsers: 100}, loaded);
    expect(one.stats.businesses).toBe(14);
    expect(one.stats.messages).toBeGreaterThan(1000);
    const expected = bytesOf(one);
    for (const [workers, mainThread] of [
      [1, false],
      [2, false],
      [3, true],
    ] as const) {
      const many = await simulateChargesInWorkers(source, {
        seed: 7,
        shardUsers: 100,
        workers,
        mainThread,
      });
      expect(bytesOf(many)).toBe(expected);
    }
    const whole = await simulateChargesInWorkers(source, {seed: 7, shardUsers: 1e9}, loaded);
    expect(bytesOf(whole)).toBe(expected);
  }, 60_000);

  it("summaryOfAggregate of the shards equals the charge summary of one simulateCharges run", async () => {
    const {plan, data} = loaded;
    const summary = createChargeSummary({
      accounts: plan.accounts,
      markets: data.markets,
      cards: data.cards,
    });
    const stats = simulateCharges(plan, {seed: 7, data}, (_batch, charges) => summary.add(charges));
    const sharded = await simulateChargesInWorkers(source, {seed: 7, shardUsers: 100}, loaded);
    expect(sharded.stats).toEqual(stats);
    expect(JSON.stringify(summaryOfAggregate(sharded.aggregate, data.cards.currency))).toBe(
      JSON.stringify(summary.result()),
    );
  });

  it("simulateCharges makes the kernel's room for every user at once: no pair row grows by doubling", () => {
    const {plan, data} = loadSimulation({...source, text: manyBusinessesText(3, () => 1500)});
    const users = plan.businesses.reduce((sum, b) => sum + b.totalUsers, 0);
    let kernel: BillingKernel | undefined;
    const stats = simulateCharges(plan, {seed: 7, data, onKernel: (k) => (kernel = k)}, () => {});
    expect(stats.pairs).toBeGreaterThan(1024); // more than the room a kernel starts with
    expect(stats.pairs).toBeLessThanOrEqual(users);
    expect(kernel!.state.pairCapacity).toBe(users);
  });
});
