// Boundary tables for market attribution (C-7, R-12), edition choice and data gaps (C-10, R-13,
// R-20) and authentication-international (C-8, R-15, I-2, I-4). Rates are read off the shipped
// CSVs: rates-2022-02-01.csv, rates-2023-06-01.csv, rates-2024-11-01.csv, rates-2026-04-01.csv,
// rates-2026-10-01.csv.
import {describe, expect, it} from "vitest";
import {
  accounts,
  ad,
  at,
  errorOf,
  inb,
  oneWaba,
  records,
  tpl,
  txt,
  USER,
} from "./boundaries-log.ts";
import type {Line} from "./boundaries-log.ts";

describe("market attribution by calling code and prefix (C-7, R-12)", () => {
  it.each([
    ["+12125551234", "North America", "0.025"],
    ["+18095551234", "Rest of Latin America", "0.074"],
    ["+18295551234", "Rest of Latin America", "0.074"],
    ["+18495551234", "Rest of Latin America", "0.074"],
    ["+18765551234", "Rest of Latin America", "0.074"],
    ["+17875551234", "Rest of Latin America", "0.074"],
    ["+12425551234", "Other", "0.0604"],
    ["+13405551234", "Other", "0.0604"],
    ["+79161234567", "Russia", "0.0802"],
    ["+77011234567", "Other", "0.0604"],
    ["+76012345678", "Other", "0.0604"],
    ["+298123456", "Other", "0.0604"],
    ["+5511976543210", "Brazil", "0.0625"],
  ])(
    "billText(log) on 2026-04-06 bills a marketing template to %s in %s at %s (2026-04-01 card)",
    (user, market, amount) => {
      const [r] = records([tpl("2026-04-06T10:00:00Z", "marketing")], {user});
      expect(r).toMatchObject({
        market,
        amount,
        pricingModel: "pmp-2025-07",
        rateCard: "2026-04-01",
      });
    },
  );

  it.each([
    ["pmp-2026-10", "UTC", "2026-09-30T23:59:59.999Z", "pmp-2026-10", "Other", "2026-04-01"],
    ["pmp-2026-10", "UTC", "2026-10-01T00:00:00Z", "pmp-2026-10", "Kazakhstan", "2026-10-01"],
    ["auto", "UTC", "2026-09-30T23:59:59.999Z", "pmp-2025-07", "Other", "2026-04-01"],
    ["auto", "UTC", "2026-10-01T00:00:00Z", "pmp-2026-10", "Kazakhstan", "2026-10-01"],
    ["auto", "America/Sao_Paulo", "2026-10-01T02:59:59.999Z", "pmp-2025-07", "Other", "2026-04-01"],
    [
      "auto",
      "America/Sao_Paulo",
      "2026-10-01T03:00:00Z",
      "pmp-2026-10",
      "Kazakhstan",
      "2026-10-01",
    ],
  ])(
    "billText(log, {pricing: %s}) in %s bills +7 701 at %s under %s in %s (card %s)",
    (pricing, timezone, time, model, market, rateCard) => {
      // Kazakhstan and Other both have marketing 0.0604 on the 2026-04-01 and 2026-10-01 cards.
      const [r] = records([tpl(time, "marketing")], {
        pricing,
        accounts: oneWaba(timezone),
        user: "+77011234567",
      });
      expect(r).toMatchObject({pricingModel: model, market, rateCard, amount: "0.0604"});
    },
  );

  it("billText(log) keeps +7 916 in Russia after 2026-10-01 (R-12)", () => {
    const [r] = records([tpl("2026-10-01T00:00:00Z", "marketing")], {user: "+79161234567"});
    expect(r).toMatchObject({market: "Russia", amount: "0.0802", rateCard: "2026-10-01"});
  });

  it.each([
    ["UTC", "2025-09-30T23:59:59.999Z", "Other", "0.0604"],
    ["UTC", "2025-10-01T00:00:00Z", "Rest of Africa", "0.0225"],
    ["America/Sao_Paulo", "2025-10-01T02:59:59.999Z", "Other", "0.0604"],
    ["America/Sao_Paulo", "2025-10-01T03:00:00Z", "Rest of Africa", "0.0225"],
  ])(
    "billText(log in %s) bills a marketing template to Zimbabwe at %s in %s (2024-11-01 stand-in card)",
    (timezone, time, market, amount) => {
      const [r] = records([tpl(time, "marketing")], {
        accounts: oneWaba(timezone),
        user: "+263771234567",
      });
      expect(r).toMatchObject({
        pricingModel: "pmp-2025-07",
        rateCard: "2024-11-01",
        market,
        amount,
      });
    },
  );
});

describe("a market missing from the edition is an error; an empty cell only when needed (C-10, R-13)", () => {
  const HK = "+85291234567";

  it("billText(log) bills Hong Kong on 2026-06-30 in Rest of Asia Pacific", () => {
    const [r] = records([tpl("2026-06-30T23:59:59.999Z", "marketing")], {user: HK});
    expect(r).toMatchObject({
      market: "Rest of Asia Pacific",
      rateCard: "2026-04-01",
      amount: "0.0732",
    });
  });

  it.each([
    ["Hong Kong", HK],
    ["Hungary", "+36201234567"],
    ["Poland", "+48512345678"],
    ["Qatar", "+97433123456"],
    ["Romania", "+40712345678"],
    ["Singapore", "+6581234567"],
  ])(
    "billText(log) throws for %s from 2026-07-01, naming the market and the 2026-04-01 edition",
    (market, user) => {
      const message = errorOf([tpl("2026-07-01T00:00:00Z", "marketing")], {user});
      expect(message).toContain(market);
      expect(message).toContain("2026-04-01");
    },
  );

  it.each([
    ["a marketing template on 2026-09-30", tpl("2026-09-30T23:59:59.999Z", "marketing")],
    ["a free non-template on 2026-07-15", txt("2026-07-15T10:00:00Z")],
    ["a free utility template in the CSW on 2026-07-15", tpl("2026-07-15T10:00:00Z", "utility")],
  ])("billText(log) throws for Hong Kong for %s", (_, line) => {
    const message = errorOf(
      [inb("2026-07-15T09:00:00Z"), line as Line].sort(
        (a, b) => Date.parse(a.time) - Date.parse(b.time),
      ),
      {user: HK},
    );
    expect(message).toContain("Hong Kong");
    expect(message).toContain("2026-04-01");
  });

  it.each([
    ["2026-07-01T00:00:00Z", {rates: "2026-10-01"}, "pmp-2025-07"],
    ["2026-10-01T00:00:00Z", {}, "pmp-2026-10"],
  ])(
    "billText(log) bills Hong Kong at %s with %o from the 2026-10-01 card",
    (time, options, model) => {
      const [r] = records([tpl(time, "marketing")], {user: HK, ...options});
      expect(r).toMatchObject({
        market: "Hong Kong",
        rateCard: "2026-10-01",
        amount: "0.0732",
        pricingModel: model,
      });
    },
  );

  it("billText(log) under cbp-2022-02 throws for Other (no USD rates in 2022) even for a free-tier conversation", () => {
    const message = errorOf([tpl("2022-05-10T10:00:00Z", "marketing")], {
      pricing: "cbp-2022-02",
      user: "+12425551234",
    });
    expect(message).toContain("Other");
    expect(message).toContain("2022-02-01");
  });

  it("billText(log) under cbp-2023-06 throws for North America (the 2023-06-01 card has 10 markets)", () => {
    const message = errorOf([tpl("2023-08-10T10:00:00Z", "marketing")], {
      pricing: "cbp-2023-06",
      user: USER.northAmerica,
    });
    expect(message).toContain("North America");
    expect(message).toContain("2023-06-01");
  });

  it("billText(log, {pricing: cbp-2023-06, rates: 2022-02-01}) opens a free-tier service conversation but throws for marketing", () => {
    const service = records([inb("2023-08-10T10:00:00Z"), txt("2023-08-10T10:01:00Z")], {
      pricing: "cbp-2023-06",
      rates: "2022-02-01",
    });
    expect(service).toMatchObject([
      {category: "service", type: "free_tier", rateCard: "2022-02-01", amount: "0"},
    ]);
    const message = errorOf([tpl("2023-08-10T10:00:00Z", "marketing")], {
      pricing: "cbp-2023-06",
      rates: "2022-02-01",
    });
    expect(message).toContain("marketing");
    expect(message).toContain("Brazil");
    expect(message).toContain("2022-02-01");
  });

  it("billText(log) under pmp-2025-07 needs no service cell for a free non-template (the 2026-04-01 card has none)", () => {
    const [r] = records([inb("2026-04-06T09:00:00Z"), txt("2026-04-06T10:00:00Z")]);
    expect(r).toMatchObject({
      category: "service",
      type: "free_customer_service",
      rateCard: "2026-04-01",
      amount: "0",
    });
  });
});

describe("authentication-international (C-8, R-15)", () => {
  const START = "2026-04-10T12:00:00Z";
  const business = (
    country: string | undefined,
    authInternational: Record<string, string> | undefined,
    timezone = "UTC",
  ) =>
    accounts({
      id: "acme",
      ...(country === undefined ? {} : {country}),
      ...(authInternational === undefined ? {} : {authInternational}),
      wabas: [{id: "w", timezone}],
    });

  it.each([
    ["BR", {IN: START}, "2026-04-10T11:59:59.999Z", "authentication", "0.0014"],
    ["BR", {IN: START}, "2026-04-10T12:00:00Z", "authentication_international", "0.0304"],
    ["IN", {IN: START}, "2026-04-10T12:00:00Z", "authentication", "0.0014"],
    [
      "(no country, I-2)",
      {IN: START},
      "2026-04-10T12:00:00Z",
      "authentication_international",
      "0.0304",
    ],
    ["(no country, I-2)", {IN: START}, "2026-04-10T11:59:59.999Z", "authentication", "0.0014"],
    ["BR", {}, "2026-04-10T12:00:00Z", "authentication", "0.0014"],
    ["BR", {ID: START}, "2026-04-10T12:00:00Z", "authentication", "0.0014"],
  ])(
    "billText(log) for a business in %s with starts %o bills an authentication template to India at %s as %s",
    (country, starts, time, category, amount) => {
      const [r] = records([tpl(time, "authentication")], {
        accounts: business(country.startsWith("(") ? undefined : country, starts),
        user: USER.india,
      });
      expect(r).toMatchObject({category, amount, type: "regular", tier: 0, rateCard: "2026-04-01"});
    },
  );

  it("billText(log) prices authentication to Brazil domestically: the card has no authentication_international rate for it", () => {
    const [r] = records([tpl("2026-04-10T12:00:00Z", "authentication")], {
      accounts: business("IN", {BR: "2026-01-01T00:00:00Z"}),
    });
    expect(r).toMatchObject({category: "authentication", amount: "0.0068"});
  });

  it("billText(log) keeps authentication_international for a template that opens an FEP window, free (PMP25-1)", () => {
    const [r] = records(
      [ad("2026-04-10T12:00:00Z"), tpl("2026-04-10T13:00:00Z", "authentication")],
      {accounts: business("BR", {IN: START}), user: USER.india},
    );
    expect(r).toMatchObject({
      category: "authentication_international",
      type: "free_entry_point",
      amount: "0",
    });
  });

  it("billText(log) under pmp-2026-10 prices authentication domestically: the 2026-10-01 card has no such column (PMP26-6, R-20)", () => {
    const [r] = records([tpl("2026-10-05T12:00:00Z", "authentication")], {
      accounts: business("BR", {IN: START}),
      user: USER.india,
    });
    expect(r).toMatchObject({
      pricingModel: "pmp-2026-10",
      category: "authentication",
      amount: "0.0014",
      rateCard: "2026-10-01",
    });
  });

  it.each([
    ["2024-11-14T23:59:59.999Z", "authentication", "0.0014"],
    ["2024-11-15T00:00:00Z", "authentication_international", "0.028"],
  ])(
    "billText(log) under cbp-2024-11 opens an authentication conversation at %s as %s (CBP23-5)",
    (time, category, amount) => {
      const [r] = records([tpl(time, "authentication")], {
        pricing: "cbp-2024-11",
        accounts: business("BR", {IN: "2024-11-15T00:00:00Z"}),
        user: USER.india,
      });
      expect(r).toMatchObject({unit: "conversation", category, amount, rateCard: "2024-11-01"});
    },
  );

  it("billText(log) under cbp-2024-11 lets an authentication_international conversation absorb later authentication templates (I-4)", () => {
    const list = records(
      [
        tpl("2024-12-01T10:00:00Z", "authentication"),
        tpl("2024-12-01T11:00:00Z", "authentication"),
      ],
      {
        pricing: "cbp-2024-11",
        accounts: business("BR", {IN: "2024-11-15T00:00:00Z"}),
        user: USER.india,
      },
    );
    expect(list.map((r) => r.category)).toEqual(["authentication_international"]);
  });

  it("billText(log) under cbp-2023-06 prices authentication domestically before 2024-11-01: the 2023-06-01 card has no such column (R-20)", () => {
    const [r] = records([tpl("2024-08-05T10:00:00Z", "authentication")], {
      accounts: business("BR", {IN: "2024-07-01T00:00:00Z"}),
      user: USER.india,
    });
    expect(r).toMatchObject({
      pricingModel: "cbp-2023-06",
      category: "authentication",
      amount: "0.0042",
      rateCard: "2023-06-01",
    });
  });
});
