// What-ifs are scenario → scenario functions: each lever changes what it should and nothing else,
// never mutates its input, and composes left to right. Rate changes copy the cards.
import {describe, expect, it} from "vitest";
import {applyRateChanges} from "../../engine/scenario/index.ts";
import {CATEGORY, CATEGORY_COUNT} from "../../models/codes.ts";
import {
  capMarketing,
  changeRates,
  compose,
  maybeRateChangeAmount,
  moveCampaigns,
  replyFaster,
  shiftToCtwaAds,
  utilityInWindow,
  withMarkup,
  withPricing,
  withRateCard,
  withServiceFreePerPhone,
} from "../../models/scenario/index.ts";
import type {Scenario, WhatIf} from "../../models/scenario/index.ts";
import {
  ctwaSessionsPerDay,
  organicSessionsPerDay,
  pageCtaSessionsPerDay,
} from "../../models/traffic/index.ts";
import {data, scenarioOf, tinyScenario} from "./fixtures.ts";

const HOUR = 3_600_000;
const base = scenarioOf(tinyScenario()).base;

/** JSON pointers of every leaf that differs between two values (typed arrays as lists). */
function changedPaths(a: unknown, b: unknown, path = ""): string[] {
  const plain = (x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x);
  const x = plain(a);
  const y = plain(b);
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) {
    return Object.is(x, y) ? [] : [path];
  }
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].flatMap((k) =>
    changedPaths(
      (x as Record<string, unknown>)[k],
      (y as Record<string, unknown>)[k],
      `${path}/${k}`,
    ),
  );
}

/** Applies a what-if and checks that the input is left as it was. */
function apply(whatIf: WhatIf, scenario: Scenario = base): Scenario {
  const before = JSON.stringify(scenario);
  const result = whatIf(scenario);
  expect(JSON.stringify(scenario)).toBe(before);
  return result;
}

const block = (s: Scenario) => s.simulation.traffic[0]!;

describe("billing what-ifs", () => {
  it("withPricing, withRateCard and withServiceFreePerPhone change their field only", () => {
    expect(changedPaths(base, apply(withPricing("pmp-2026-10")))).toEqual(["/pricing"]);
    expect(changedPaths(base, apply(withRateCard("2026-10-01")))).toEqual(["/rates"]);
    expect(changedPaths(base, apply(withServiceFreePerPhone(0)))).toEqual(["/serviceFreePerPhone"]);
  });

  it("changeRates appends to the rate changes and withMarkup sets the markup, nothing else", () => {
    const change = {
      market: "India",
      category: "marketing" as const,
      change: maybeRateChangeAmount("+15%"),
      label: "IN",
    };
    const changed = apply(compose(changeRates([change]), changeRates([change])));
    expect(changed.rateChanges).toHaveLength(2);
    expect(changedPaths(base, changed).every((p) => p.startsWith("/rateChanges/"))).toBe(true);
    const markup = {perMessageMicros: 2000, percentPpm: 150000};
    expect(
      changedPaths(base, apply(withMarkup(markup))).every((p) => p.startsWith("/markup")),
    ).toBe(true);
  });

  it("compose(f, g) applies f then g; compose() is the identity", () => {
    const s = apply(compose(withPricing("cbp-2023-06"), withPricing("pmp-2025-07")));
    expect(s.pricing).toBe("pmp-2025-07");
    expect(compose()(base)).toBe(base);
  });

  it("maybeRateChangeAmount reads percentages, factors and rates, and rejects negative results", () => {
    expect(maybeRateChangeAmount("+15%")).toEqual({kind: "percent", ppm: 150000});
    expect(maybeRateChangeAmount("-2.5%")).toEqual({kind: "percent", ppm: -25000});
    expect(maybeRateChangeAmount("x1.2")).toEqual({kind: "percent", ppm: 200000});
    expect(maybeRateChangeAmount(0.0125)).toEqual({kind: "set", micros: 12500});
    expect(() => maybeRateChangeAmount(-0.01)).toThrow("negative rate");
    expect(() => maybeRateChangeAmount("-101%")).toThrow("negative");
    expect(() => maybeRateChangeAmount("0.0000001")).toThrow("6 decimal places");
  });
});

describe("business levers (traffic transforms)", () => {
  it("utilityInWindow(6h) brings the order notifications forward so the last median is 6 h, and moves utility follow-ups only", () => {
    const s = apply(utilityInWindow(6 * HOUR));
    const steps = block(s).orders!.notifications;
    const last = steps.reduce((sum, step) => sum + step.after.medianMs, 0);
    expect(Math.abs(last - 6 * HOUR)).toBeLessThanOrEqual(steps.length);
    for (const step of steps) expect(step.after.mu).toBeCloseTo(Math.log(step.after.medianMs), 12);
    expect(block(s).followUps[0]!.after.medianMs).toBe(6 * HOUR); // review (utility), 2 d before
    expect(block(s).followUps[1]).toEqual(block(base).followUps[1]); // cart (marketing)
    const paths = changedPaths(base, s);
    expect(paths.length).toBeGreaterThan(0);
    expect(
      paths.every((p) =>
        /^\/simulation\/traffic\/0\/(orders\/notifications\/\d\/after|followUps\/0\/after)\/(medianMs|mu)$/.test(
          p,
        ),
      ),
    ).toBe(true);
    expect(apply(utilityInWindow(undefined))).toBe(base);
  });

  it("shiftToCtwaAds(0.4) keeps the sessions a day and starts 40 % of them from ads", () => {
    const daily = (s: Scenario) => {
      const b = block(s);
      const users = 1500; // both populations
      return {
        organic: organicSessionsPerDay(b.sessions.organic, users),
        page: b.sessions.pageCta === undefined ? 0 : pageCtaSessionsPerDay(b.sessions.pageCta),
        ads: b.sessions.ctwaAd === undefined ? 0 : ctwaSessionsPerDay(b.sessions.ctwaAd),
      };
    };
    const before = daily(base);
    const s = apply(
      shiftToCtwaAds({share: 0.4, cpm: undefined, ctr: undefined, chatRate: undefined}),
    );
    const after = daily(s);
    const total = before.organic + before.page + before.ads;
    expect(after.organic + after.page + after.ads).toBeCloseTo(total, 9);
    expect(after.ads / total).toBeCloseTo(0.4, 9);
    expect(after.organic / after.page).toBeCloseTo(before.organic / before.page, 9);
    expect(
      changedPaths(base, s).every((p) =>
        /^\/simulation\/traffic\/0\/sessions\/(organic\/perUserPerMonth|pageCta\/visitsPerDay|ctwaAd(\/.*)?)$/.test(
          p,
        ),
      ),
    ).toBe(true);
  });

  it("replyFaster({factor: 0.5}) halves the bot's and the agents' median reply times, nothing else", () => {
    const s = apply(replyFaster({factor: 0.5, botShare: undefined, agentsAlways: false}));
    expect(block(s).replies.agents.medianMs).toBe(block(base).replies.agents.medianMs / 2);
    expect(block(s).replies.bot.medianMs).toBe(block(base).replies.bot.medianMs / 2);
    expect(changedPaths(base, s).sort()).toEqual(
      [
        "/simulation/traffic/0/replies/agents/medianMs",
        "/simulation/traffic/0/replies/agents/mu",
        "/simulation/traffic/0/replies/bot/medianMs",
        "/simulation/traffic/0/replies/bot/mu",
      ].sort(),
    );
    const always = apply(replyFaster({factor: 1, botShare: 0.9, agentsAlways: true}));
    expect(block(always).replies.workingHours).toBe("always");
    expect(block(always).replies.botShare).toBe(0.9);
  });

  it("moveCampaigns({byMs: -1 d, campaigns: [promo]}) moves that campaign a day earlier, nothing else", () => {
    const s = apply(moveCampaigns({byMs: -24 * HOUR, campaigns: ["promo"]}));
    expect(block(s).campaigns[0]!.at).toBe(block(base).campaigns[0]!.at - 24 * HOUR);
    expect(changedPaths(base, s)).toEqual(["/simulation/traffic/0/campaigns/0/at"]);
    expect(changedPaths(base, apply(moveCampaigns({byMs: HOUR, campaigns: ["other"]})))).toEqual(
      [],
    );
  });

  it("capMarketing sets or lifts the frequency cap, nothing else", () => {
    const s = apply(capMarketing({max: 1, per: 7 * 24 * HOUR}));
    expect(changedPaths(base, s)).toEqual(["/simulation/traffic/0/frequencyCap/max"]);
    expect(block(apply(capMarketing(undefined))).frequencyCap).toBeUndefined();
  });
});

describe("applyRateChanges()", () => {
  const at = (market: string, category: keyof typeof CATEGORY) =>
    data.markets.markets.indexOf(market) * CATEGORY_COUNT + CATEGORY[category];
  const india = at("India", "marketing");
  const indiaUtility = at("India", "utility");

  it("applyRateChanges(+15% India marketing) changes that cell of every edition, rounded half up, and copies the cards", () => {
    const before = data.cards.rates.map((e) => e.ratesMicros.slice());
    const cards = applyRateChanges(data.cards, data.markets, [
      {market: "India", category: "marketing", change: {kind: "percent", ppm: 150000}, label: "IN"},
    ]);
    cards.rates.forEach((edition, k) => {
      const old = before[k]![india]!;
      expect(edition.ratesMicros[india]).toBe(old < 0 ? old : Math.round((old * 115) / 100));
      for (let key = 0; key < edition.ratesMicros.length; key++) {
        if (key !== india) expect(edition.ratesMicros[key]).toBe(before[k]![key]);
      }
    });
    data.cards.rates.forEach((e, k) => expect(e.ratesMicros).toEqual(before[k]));
    expect(cards.rates[4]!.ratesMicros[india]).toBe(13570); // 0.0118 x 1.15 = 0.01357
  });

  it("applyRateChanges keeps volume tier 0 equal to the changed list rate, scaling the other bands", () => {
    const cards = applyRateChanges(data.cards, data.markets, [
      {market: "India", category: "utility", change: {kind: "set", micros: 2800}, label: "IN"},
    ]);
    const tiers = cards.tiers[0]!;
    const first = tiers.firstBand[indiaUtility]!;
    expect(tiers.bandRateMicros[first]).toBe(2800);
    const april = cards.rates.find((e) => e.effective === "2026-04-01")!;
    expect(april.ratesMicros[indiaUtility]).toBe(2800);
    const oldBands = data.cards.tiers[0]!.bandRateMicros;
    expect(tiers.bandRateMicros[first + 1]).toBe(
      Math.round((oldBands[first + 1]! * 2800) / oldBands[first]!),
    );
  });
});
