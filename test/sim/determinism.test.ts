import {createHash} from "node:crypto";
import {describe, expect, it} from "vitest";
import {simulate} from "../../engine/sim/index.ts";
import {createNumberLeads, createNumberSequence} from "../../models/traffic/index.ts";
import {countryOfNumber, data, ndjsonOf, numbering, planOf, rowsOf, yamlOf} from "./fixtures.ts";
import type {Row} from "./fixtures.ts";

const RICH = `  users: 6000
  populations:
    - {id: br, market: BR, share: 0.8, webShare: 0.1}
    - {id: us, market: US, share: 0.1, timezone: America/New_York}
    - {id: in, market: IN, share: 0.1}
  sessions:
    organic: {perUserPerMonth: 1}
    ctwaAd: {budgetPerDay: 20, populations: [br]}
    pageCta: {visitsPerDay: 300}
  replies: {botShare: 0.5}
  orders: {conversion: 0.2, perUserPerMonth: 0.3}
  authentication: {perUserPerMonth: 2, populations: [in]}
  campaigns:
    - {name: promo, at: "2025-11-04T13:00:00Z", every: 2d, segment: {share: 0.4}, responseRate: 0.1}
  frequencyCap: {max: 2, per: 3d}
  followUps:
    - {name: cart, trigger: sessionWithoutOrder, probability: 0.5, after: {median: 10h, sigma: 0.5}}
    - {name: review, trigger: orderComplete, probability: 0.5, category: utility}
  spikes:
    - {name: sale, from: 2025-11-06, to: 2025-11-07, multiplier: 3}`;

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("simulate(): determinism", () => {
  const plan = planOf(yamlOf(RICH));

  it("the same plan and seed give a byte-identical message log", () => {
    const first = ndjsonOf(plan, 42);
    expect(first.split("\n").length).toBeGreaterThan(5000);
    expect(sha(ndjsonOf(planOf(yamlOf(RICH)), 42))).toBe(sha(first));
    expect(sha(ndjsonOf(plan, 43))).not.toBe(sha(first));
  });

  it("the log does not depend on the merge window or the batch size", () => {
    const reference = sha(ndjsonOf(plan, 7));
    expect(sha(ndjsonOf(plan, 7, {windowMs: 17 * 60_000, batchRows: 777}))).toBe(reference);
    expect(sha(ndjsonOf(plan, 7, {windowMs: 5 * 3_600_000, batchRows: 100_000}))).toBe(reference);
  });

  it("messages come in time order with ids m1, m2, ...", () => {
    const rows = rowsOf(plan, 1);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.tMs).toBeGreaterThanOrEqual(rows[i - 1]!.tMs);
    expect(rows.slice(0, 3).map((r) => r.id)).toEqual(["m1", "m2", "m3"]);
    // pair ids are dense in order of first appearance
    let next = 0;
    for (const row of rows) {
      if (row.pair === next) next++;
      else expect(row.pair).toBeLessThan(next);
    }
  });

  it("a business simulates the same alone or beside another (results do not depend on sharding)", () => {
    const accounts = `  businesses:
    - id: shop
      wabas: [{id: shop-br, timezone: America/Sao_Paulo, phones: ["+551130004000"]}]
    - id: bank
      wabas: [{id: bank-in, timezone: Asia/Kolkata, phones: ["+912240001000"]}]`;
    const blocks = (both: boolean) =>
      `${both ? `  - business: shop\n${RICH.replace(/^ {2}/gm, "    ")}\n` : ""}  - business: bank
    populations: [{id: in, market: IN, users: 3000}]
    authentication: {perUserPerMonth: 4}`;
    const strip = (rows: Row[]) => rows.map(({id: _id, pair: _pair, ...rest}) => rest);
    const together = rowsOf(planOf(yamlOf(blocks(true), {accounts})), 9);
    const bankAlone = rowsOf(planOf(yamlOf(blocks(false), {accounts})), 9);
    const bankInside = together.filter((r) => r.waba === 1);
    expect(bankInside.length).toBeGreaterThan(1000);
    expect(strip(bankInside)).toEqual(strip(bankAlone));
    expect(together.filter((r) => r.waba === 0).length).toBeGreaterThan(1000);
  });
});

describe("simulate(): pair ids", () => {
  const accounts = `  businesses:
    - id: shop
      wabas: [{id: shop-br, timezone: America/Sao_Paulo, phones: ["+551130004000"]}]
    - id: bank
      wabas: [{id: bank-in, timezone: Asia/Kolkata, phones: ["+912240001000"]}]`;
  const traffic = `  - business: shop
    populations: [{id: br, market: BR, users: 2000}]
    sessions: {organic: {perUserPerMonth: 2}}
  - business: bank
    populations: [{id: in, market: IN, users: 1500}]
    authentication: {perUserPerMonth: 4}`;
  const plan = planOf(yamlOf(traffic, {accounts}));

  it("simulate(plan) numbers pairs densely in order of first appearance, one per (WABA, number), in time and business order", () => {
    for (const options of [
      {order: "time" as const},
      {order: "business" as const},
      {order: "business" as const, windowMs: plan.endMs - plan.startMs},
    ]) {
      const idOf = new Map<string, number>();
      let rows = 0;
      simulate(plan, {seed: 3, countryOf: countryOfNumber, ...options}, (batch) => {
        for (let i = 0; i < batch.length; i++, rows++) {
          const key = `${batch.waba[i]} ${batch.users[batch.user[i]!]}`;
          const id = idOf.get(key);
          if (id === undefined) {
            expect(batch.user[i]).toBe(idOf.size);
            idOf.set(key, batch.user[i]!);
          } else expect(batch.user[i]).toBe(id);
          expect(batch.pair[i]).toBe(batch.user[i]);
        }
      });
      expect(rows).toBeGreaterThan(5000);
      expect(idOf.size).toBeGreaterThan(1000);
    }
  });
});

describe("simulate(): without user numbers", () => {
  const plan = planOf(yamlOf(RICH));
  const columnsOf = (options: {userNumbers?: boolean; countryDigits?: number}) => {
    const parts: string[] = [];
    let users = 0;
    const stats = simulate(
      plan,
      {seed: 5, countryOf: countryOfNumber, order: "business", ...options},
      (b) => {
        users = b.users.length;
        const n = b.length;
        for (const column of [b.tMs, b.waba, b.phone, b.user, b.pair, b.country, b.type, b.status])
          parts.push(Array.from(column.subarray(0, n)).join(","));
      },
    );
    return {sha: sha(parts.join("\n")), stats, users};
  };

  it("simulate(plan, {userNumbers: false, countryDigits}) gives the same columns, countries and pairs, and no numbers", () => {
    const full = columnsOf({});
    expect(full.users).toBe(full.stats.pairs);
    const digits = data.markets.maxPrefixLength;
    for (const lazy of [
      columnsOf({userNumbers: false, countryDigits: digits}),
      columnsOf({userNumbers: false}),
    ]) {
      expect(lazy.sha).toBe(full.sha);
      expect(lazy.stats).toEqual(full.stats);
      expect(lazy.users).toBe(0);
    }
  });

  it("createNumberLeads(plan, key, digits) gives equal leads only to numbers that share their first digits", () => {
    for (const market of ["BR", "US", "IN", "DE", "CL"]) {
      const plan = numbering.get(market)!;
      for (const digits of [3, 4, 6]) {
        const numberOf = createNumberSequence(plan, 99);
        const leadOf = createNumberLeads(plan, 99, digits);
        const byLead = new Map<number, string>();
        for (let i = 0; i < 30_000; i += 7) {
          const prefix = numberOf(i).slice(1, 1 + digits);
          const lead = leadOf(i);
          expect(byLead.get(lead) ?? prefix).toBe(prefix);
          byLead.set(lead, prefix);
        }
        // leads are coarse: far fewer than numbers
        expect(byLead.size).toBeLessThan(3000);
      }
    }
  });
});
