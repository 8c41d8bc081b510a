// Boundary tables for volume tiers (C-9, PMP25-5, PMP26-1, PMP26-2, R-14, rate-cards README
// "How the engine picks an edition" 4) and money (C-11, R-16). Values from
// volume-tiers-2026-04-01.csv: Argentina utility [0, 100000) 0.0260, [100000, 1000000) 0.0247;
// North America utility [0, 80000) 0.0034, [80000, 750000) 0.0032; Pakistan authentication and
// authentication_international tier 0 up to 100000 (0.0100 / 0.0750). List rates from
// rates-2026-04-01.csv and rates-2026-10-01.csv.
import {describe, expect, it} from "vitest";
import {createBillingRun, createChargeSummary} from "../../engine/index.ts";
import type {ChargeSummaryBuilder} from "../../engine/index.ts";
import {
  accounts,
  at,
  bill,
  data,
  inb,
  many,
  ndjson,
  records,
  recordOf,
  SECOND_MS,
  tpl,
  txt,
  USER,
} from "./boundaries-log.ts";
import type {Line} from "./boundaries-log.ts";

const STEP_MS = 20 * SECOND_MS; // 100,001 messages at this spacing fit in one month

/** `n` utility templates outside any CSW, one every 20 s from `start`. */
const utility = (
  n: number,
  start: string,
  more: (k: number) => Partial<Line> = () => ({}),
): Line[] => many(n, (k) => tpl(at(start, k * STEP_MS), "utility", more(k)));

describe("volume tiers, graduated per (business, market, category, WABA-local month) (C-9, R-14)", () => {
  const argentina = records(utility(100_001, "2026-04-02T00:00:00Z"), {user: USER.argentina});

  it.each([
    [1, 0, "0.026"],
    [99_999, 0, "0.026"],
    [100_000, 0, "0.026"],
    [100_001, 1, "0.0247"],
  ])(
    "billText(log) under pmp-2025-07 bills charged Argentina utility message no. %i of April 2026 at tier %i, %s",
    (n, tier, amount) => {
      expect(argentina).toHaveLength(100_001);
      expect(argentina[n - 1]).toMatchObject({
        pricingModel: "pmp-2025-07",
        rateCard: "2026-04-01",
        market: "Argentina",
        category: "utility",
        type: "regular",
        tier,
        amount,
      });
    },
  );

  it.each([
    ["one business", "b", 1, "0.0032"],
    ["two businesses", "c", 0, "0.0034"],
  ])(
    "billText(log) with two WABAs of %s (the second in business %s) bills the 80,001st North America utility message at tier %i, %s",
    (_, secondBusiness, tier, amount) => {
      const acc =
        secondBusiness === "b"
          ? accounts({id: "b", wabas: [{id: "w1"}, {id: "w2"}]})
          : accounts({id: "b", wabas: [{id: "w1"}]}, {id: "c", wabas: [{id: "w2"}]});
      const list = records(
        utility(80_001, "2026-04-02T00:00:00Z", (k) => ({waba: k < 60_000 ? "w1" : "w2"})),
        {accounts: acc, user: USER.northAmerica},
      );
      expect(list[79_999]).toMatchObject({waba: "w2", tier: 0, amount: "0.0034"});
      expect(list[80_000]).toMatchObject({waba: "w2", tier, amount});
    },
  );

  it("billText(log) lets WABAs of one business in different timezones accrue to their own month keys", () => {
    const acc = accounts({
      id: "b",
      wabas: [
        {id: "utc", timezone: "UTC"},
        {id: "kolkata", timezone: "Asia/Kolkata"},
      ],
    });
    const lines = utility(80_000, "2026-04-02T00:00:00Z", () => ({waba: "utc"}));
    lines.push(
      tpl("2026-04-30T18:29:59.999Z", "utility", {id: "kolkata-april", waba: "kolkata"}), // 23:59:59.999 on April 30 in Kolkata: April's 80,001st
      tpl("2026-04-30T20:00:00Z", "utility", {id: "kolkata-may", waba: "kolkata"}), // 01:30 on May 1 in Kolkata: May's 1st
      tpl("2026-04-30T20:00:01Z", "utility", {id: "utc-april", waba: "utc"}), // still April in UTC: April's 80,002nd
      tpl("2026-05-01T00:00:00Z", "utility", {id: "utc-may", waba: "utc"}), // May's 2nd
    );
    const list = records(lines, {accounts: acc, user: USER.northAmerica});
    expect(
      ["kolkata-april", "kolkata-may", "utc-april", "utc-may"].map((id) => [
        id,
        recordOf(list, id)!.tier,
        recordOf(list, id)!.amount,
      ]),
    ).toEqual([
      ["kolkata-april", 1, "0.0032"],
      ["kolkata-may", 0, "0.0034"],
      ["utc-april", 1, "0.0032"],
      ["utc-may", 0, "0.0034"],
    ]);
  });

  it("billText(log) never tiers marketing and counts neither marketing, free nor failed messages toward utility tiers (PMP25-5)", () => {
    const other = "+13105551234";
    const lines: Line[] = [];
    for (let k = 0; k < 80_001; k++) {
      const t = at("2026-04-02T00:00:00Z", k * STEP_MS);
      if (k < 79_990) lines.push(tpl(t, "utility"));
      lines.push(tpl(t, "marketing", {user: "+14155551234", id: `marketing${k + 1}`}));
    }
    lines.push(inb("2026-04-25T00:00:00Z", {user: other}));
    lines.push(
      ...many(10, (k) => tpl(at("2026-04-25T00:00:01Z", k * SECOND_MS), "utility", {user: other})),
    );
    lines.push(
      ...many(5, (k) =>
        tpl(at("2026-04-25T00:01:00Z", k * SECOND_MS), "utility", {status: "failed"}),
      ),
    );
    lines.push(
      ...many(11, (k) =>
        tpl(at("2026-04-26T00:00:00Z", k * SECOND_MS), "utility", {id: `late${k + 1}`}),
      ),
    );
    const list = records(lines, {user: USER.northAmerica});
    expect(recordOf(list, "marketing80001")).toMatchObject({
      category: "marketing",
      tier: 0,
      amount: "0.025",
    });
    expect(list.filter((r) => r.user === other).map((r) => r.type)).toEqual(
      Array(10).fill("free_customer_service"),
    );
    expect(recordOf(list, "late10")).toMatchObject({tier: 0, amount: "0.0034"});
    expect(recordOf(list, "late11")).toMatchObject({tier: 1, amount: "0.0032"});
  });

  it("billText(log) under pmp-2026-10 charges utility in the CSW with tiers and keeps service messages out of them (PMP26-1, PMP26-2)", () => {
    const lines = [...utility(79_990, "2026-10-02T00:00:00Z"), inb("2026-10-25T00:00:00Z")];
    lines.push(
      ...many(20, (k) => txt(at("2026-10-25T00:00:01Z", k * SECOND_MS), {id: `text${k + 1}`})),
    );
    lines.push(
      ...many(11, (k) =>
        tpl(at("2026-10-25T00:01:00Z", k * SECOND_MS), "utility", {id: `in-csw${k + 1}`}),
      ),
    );
    const list = records(lines, {user: USER.northAmerica, serviceFreePerPhone: 0});
    expect(recordOf(list, "text20")).toMatchObject({
      pricingModel: "pmp-2026-10",
      category: "service",
      type: "regular",
      tier: 0,
      amount: "0.0034",
    });
    expect(recordOf(list, "in-csw10")).toMatchObject({
      category: "utility",
      type: "regular",
      tier: 0,
      amount: "0.0034",
    });
    expect(recordOf(list, "in-csw11")).toMatchObject({
      category: "utility",
      type: "regular",
      tier: 1,
      amount: "0.0032",
    });
  });

  it("billText(log) counts authentication_international apart from authentication after a mid-month start (C-9 ruling)", () => {
    const acc = accounts({
      id: "b",
      country: "BR",
      authInternational: {PK: "2026-04-15T00:00:00Z"},
      wabas: [{id: "w"}],
    });
    const lines = [
      ...many(60_000, (k) => tpl(at("2026-04-02T00:00:00Z", k * SECOND_MS), "authentication")),
      ...many(40_001, (k) => tpl(at("2026-04-15T00:00:00Z", k * SECOND_MS), "authentication")),
    ];
    const list = records(lines, {accounts: acc, user: USER.pakistan});
    expect(list[59_999]).toMatchObject({category: "authentication", tier: 0, amount: "0.01"});
    expect(list[100_000]).toMatchObject({
      category: "authentication_international",
      tier: 0,
      amount: "0.075",
    });
  });
  it("billText(log) under pmp-2025-07 tiers nothing before the first tier edition: the 100,001st Argentina utility message of August 2025 is tier 0 at 0.034", () => {
    // rates-2024-11-01.csv (stand-in card): Argentina utility 0.0340; no volume-tiers edition before 2026-04-01.
    const list = records(utility(100_001, "2025-08-02T00:00:00Z"), {user: USER.argentina});
    expect(list[100_000]).toMatchObject({
      pricingModel: "pmp-2025-07",
      rateCard: "2024-11-01",
      tier: 0,
      amount: "0.034",
    });
  });
});

describe("stale tiers give way to the list rate with a warning (rate-cards README 4)", () => {
  it.each([
    ["Pakistan", USER.pakistan, "0.015"],
    ["Peru", USER.peru, "0.03"],
    ["South Africa", USER.southAfrica, "0.0095"],
  ])(
    "billText(log) under pmp-2026-10 bills %s utility at the 2026-10-01 list rate and warns once",
    (market, user, amount) => {
      const {records: list, warnings} = bill(utility(3, "2026-10-05T00:00:00Z"), {user});
      expect(list.map((r) => [r.market, r.rateCard, r.tier, r.amount])).toEqual(
        Array(3).fill([market, "2026-10-01", 0, amount]),
      );
      expect(warnings.filter((w) => w.code.startsWith("stale-tiers:"))).toMatchObject([
        {code: `stale-tiers:2026-10-01:${market}:utility`, count: 3},
      ]);
    },
  );

  it("billText(log) under pmp-2025-07 bills Pakistan utility from tiers that match the 2026-04-01 card, without a warning", () => {
    const {records: list, warnings} = bill(utility(3, "2026-04-05T00:00:00Z"), {
      user: USER.pakistan,
    });
    expect(list.map((r) => r.amount)).toEqual(["0.01", "0.01", "0.01"]);
    expect(warnings.filter((w) => w.code.startsWith("stale-tiers:"))).toEqual([]);
  });

  it("billText(log) bills the 100,001st South Africa utility message of October 2026 at the list rate, tier 0", () => {
    const list = records(utility(100_001, "2026-10-02T00:00:00Z"), {user: USER.southAfrica});
    expect(list[100_000]).toMatchObject({tier: 0, amount: "0.0095"});
  });

  it("billText(log) under pmp-2026-10 charges a Pakistan service message at the utility list rate with no tier and no stale-tier warning (PMP26-1)", () => {
    const {records: list, warnings} = bill(
      [inb("2026-10-05T00:00:00Z"), txt("2026-10-05T00:00:01Z")],
      {user: USER.pakistan, serviceFreePerPhone: 0},
    );
    expect(list).toMatchObject([{category: "service", type: "regular", tier: 0, amount: "0.015"}]);
    expect(warnings.filter((w) => w.code.startsWith("stale-tiers:"))).toEqual([]);
  });

  it("billText(log, {pricing: pmp-2026-10}) in May 2026 charges a service message at the 2026-04-01 utility rate (that card has no service column)", () => {
    const [r] = records([inb("2026-05-05T00:00:00Z"), txt("2026-05-05T00:00:01Z")], {
      pricing: "pmp-2026-10",
      serviceFreePerPhone: 0,
    });
    expect(r).toMatchObject({
      pricingModel: "pmp-2026-10",
      rateCard: "2026-04-01",
      category: "service",
      type: "regular",
      amount: "0.0068",
    });
  });

  it("billText(log) with a Brazil utility message (tiers match the 2026-10-01 card) gives no stale-tier warning", () => {
    const {records: list, warnings} = bill(utility(1, "2026-10-05T00:00:00Z"));
    expect(list[0]).toMatchObject({tier: 0, amount: "0.0068"});
    expect(warnings.filter((w) => w.code.startsWith("stale-tiers:"))).toEqual([]);
  });
});

describe("money: exact decimals printed shortest (C-11, R-16)", () => {
  it.each([
    ["cbp-2023-06", "2023-08-10T10:00:00Z", "utility", USER.brazil, "0.035"],
    ["pmp-2025-07", "2026-04-06T10:00:00Z", "marketing", USER.brazil, "0.0625"],
    ["pmp-2025-07", "2026-04-06T10:00:00Z", "marketing", USER.germany, "0.1365"],
    ["pmp-2025-07", "2025-08-06T10:00:00Z", "utility", "+573001234567", "0.0002"],
    ["pmp-2025-07", "2026-04-06T10:00:00Z", "utility", USER.india, "0.0014"],
    ["cbp-2022-02", "2022-08-10T10:00:00Z", "utility", USER.brazil, "0"],
  ])(
    "billText(log) under %s at %s prints a %s charge to %s as %s",
    (pricing, time, category, user, amount) => {
      const [r] = records([tpl(time, category)], {pricing, user});
      expect(r!.amount).toBe(amount);
    },
  );

  it("createChargeSummary adds 3 x 0.1365 + 3 x 0.0068 exactly to 0.4299 (a float sum gives 0.42989999999999995)", () => {
    const lines = [
      ...many(3, (k) =>
        tpl(at("2026-04-06T10:00:00Z", k * SECOND_MS), "marketing", {user: USER.germany}),
      ),
      ...many(3, (k) =>
        tpl(at("2026-04-06T11:00:00Z", k * SECOND_MS), "utility", {user: USER.brazil}),
      ),
    ];
    let summary: ChargeSummaryBuilder | undefined;
    const run = createBillingRun({data}, (_, charges) => summary!.add(charges));
    summary = createChargeSummary(run.context);
    for (const line of ndjson(lines).split("\n")) run.reader.push(line);
    run.reader.end();
    const result = summary.result();
    expect(result.amount).toBe("0.4299");
    expect(
      result.rows.map((r) => [r.market, r.category, r.messages, r.billable, r.amount]),
    ).toEqual([
      ["Brazil", "utility", 3, 3, "0.0204"],
      ["Germany", "marketing", 3, 3, "0.4095"],
    ]);
    expect([0.1365, 0.1365, 0.1365, 0.0068, 0.0068, 0.0068].reduce((a, b) => a + b)).not.toBe(
      0.4299,
    );
  });
});
