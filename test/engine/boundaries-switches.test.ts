// Boundary tables for model and edition switches at local midnight (R-1, C-10) and conversations
// open across a switch (R-19, PMP25-7, I-5). Rates are read off the shipped CSVs:
// rates-2022-02-01.csv, rates-2023-06-01.csv, rates-2024-11-01.csv, rates-2026-04-01.csv,
// rates-2026-10-01.csv.
import {describe, expect, it} from "vitest";
import {
  accounts,
  ad,
  at,
  bill,
  errorOf,
  HOUR_MS,
  inb,
  oneWaba,
  records,
  recordOf,
  tpl,
  txt,
} from "./boundaries-log.ts";

describe("model and edition switches at local midnight (R-1, C-10)", () => {
  it.each([
    ["2023-05-31T23:59:59.999Z", "cbp-2022-02", "2022-02-01", "business_initiated", "0"],
    ["2023-06-01T00:00:00Z", "cbp-2023-06", "2023-06-01", "marketing", "0.0625"],
    ["2024-10-31T23:59:59.999Z", "cbp-2023-06", "2023-06-01", "marketing", "0.0625"],
    ["2024-11-01T00:00:00Z", "cbp-2024-11", "2024-11-01", "marketing", "0.0625"],
    ["2025-06-30T23:59:59.999Z", "cbp-2024-11", "2024-11-01", "marketing", "0.0625"],
    ["2025-07-01T00:00:00Z", "pmp-2025-07", "2024-11-01", "marketing", "0.0625"],
    ["2026-03-31T23:59:59.999Z", "pmp-2025-07", "2024-11-01", "marketing", "0.0625"],
    ["2026-04-01T00:00:00Z", "pmp-2025-07", "2026-04-01", "marketing", "0.0625"],
    ["2026-09-30T23:59:59.999Z", "pmp-2025-07", "2026-04-01", "marketing", "0.0625"],
    ["2026-10-01T00:00:00Z", "pmp-2026-10", "2026-10-01", "marketing", "0.0625"],
  ])(
    "billText(log) under auto bills a marketing template at %s under %s with card %s",
    (time, model, rateCard, category, amount) => {
      const [r] = records([tpl(time, "marketing")]);
      expect(r).toMatchObject({pricingModel: model, rateCard, category, amount});
    },
  );

  it("billText(log) under auto throws for a message before 2022-02-01, when no model is in force", () => {
    expect(errorOf([tpl("2022-01-31T23:59:59.999Z", "marketing")], {})).toMatch(
      /no pricing model in force/,
    );
  });

  it.each([
    [
      "2026-09-30T23:59:59-03:00",
      "pmp-2025-07",
      "2026-04-01",
      ["free_customer_service", "0"],
      ["free_customer_service", "0"],
    ],
    [
      "2026-10-01T00:00:00-03:00",
      "pmp-2026-10",
      "2026-10-01",
      ["regular", "0.0068"],
      ["free_tier", "0"],
    ],
  ])(
    "billText(log in America/Sao_Paulo) at %s bills under %s with card %s: utility in the CSW %o, a text %o",
    (time, model, rateCard, utility, text) => {
      const list = records(
        [
          inb(at(time, -HOUR_MS)),
          tpl(time, "marketing", {id: "marketing"}),
          tpl(time, "utility", {id: "utility"}),
          txt(time, {id: "text"}),
        ],
        {accounts: oneWaba("America/Sao_Paulo")},
      );
      expect(list.every((r) => r.pricingModel === model && r.rateCard === rateCard)).toBe(true);
      expect(recordOf(list, "marketing")).toMatchObject({type: "regular", amount: "0.0625"});
      expect([recordOf(list, "utility")!.type, recordOf(list, "utility")!.amount]).toEqual(utility);
      expect([recordOf(list, "text")!.type, recordOf(list, "text")!.amount]).toEqual(text);
    },
  );

  it("billText(log in UTC) bills 2026-10-01T02:59:59Z under pmp-2026-10 (the same instant as São Paulo's last second of September)", () => {
    const [r] = records([tpl("2026-10-01T02:59:59Z", "marketing")]);
    expect(r).toMatchObject({pricingModel: "pmp-2026-10", rateCard: "2026-10-01"});
  });
});

describe("conversations open across a model switch (R-19, PMP25-7, I-5)", () => {
  it("billText(log) keeps a cbp-2024-11 marketing conversation absorbing marketing templates after 2025-07-01, and charges other categories per message", () => {
    const lines = [
      tpl("2025-06-30T20:00:00Z", "marketing", {id: "opens"}),
      tpl("2025-07-01T10:00:00Z", "marketing", {id: "absorbed"}),
      tpl("2025-07-01T11:00:00Z", "utility", {id: "utility"}),
      tpl("2025-07-01T19:59:59.999Z", "marketing", {id: "absorbed-last"}),
      tpl("2025-07-01T20:00:00Z", "marketing", {id: "after"}),
    ];
    const {records: list, warnings} = bill(lines);
    expect(
      list.map((r) => [
        r.messageId,
        r.unit,
        r.pricingModel,
        r.category,
        r.type,
        r.amount,
        r.rateCard,
      ]),
    ).toEqual([
      ["opens", "conversation", "cbp-2024-11", "marketing", "regular", "0.0625", "2024-11-01"],
      ["utility", "message", "pmp-2025-07", "utility", "regular", "0.008", "2024-11-01"],
      ["after", "message", "pmp-2025-07", "marketing", "regular", "0.0625", "2024-11-01"],
    ]);
    expect(list[0]!.expiresAt).toBe("2025-07-01T20:00:00Z");
    expect(warnings.some((w) => w.code === "edition-unit:2024-11-01")).toBe(true);
  });

  it("billText(log in America/Sao_Paulo) opens a cbp-2024-11 conversation at 23:00 local on 2025-06-30 that absorbs a marketing template after local midnight", () => {
    const list = records(
      [
        tpl("2025-07-01T02:00:00Z", "marketing"),
        tpl("2025-07-01T03:00:00Z", "marketing"),
        tpl("2025-07-02T02:00:00Z", "marketing"),
      ],
      {accounts: oneWaba("America/Sao_Paulo")},
    );
    expect(list.map((r) => [r.messageId, r.pricingModel])).toEqual([
      ["m1", "cbp-2024-11"],
      ["m3", "pmp-2025-07"],
    ]);
  });

  it("billText(log) bills a non-template during a cbp-2024-11 service conversation open at the switch per message (only templates are absorbed)", () => {
    const list = records([
      inb("2025-06-30T19:00:00Z"),
      txt("2025-06-30T20:00:00Z"),
      txt("2025-07-01T10:00:00Z"),
    ]);
    expect(list.map((r) => [r.messageId, r.unit, r.category, r.type])).toEqual([
      ["m2", "conversation", "service", "free_customer_service"],
      ["m3", "message", "service", "free_customer_service"],
    ]);
  });

  it("billText(log) continues a cbp-2024-11 FEP conversation open at 2025-07-01 as an FEP window until its end (PMP25-7)", () => {
    const lines = [
      ad("2025-06-30T11:00:00Z"),
      tpl("2025-06-30T12:00:00Z", "marketing"),
      tpl("2025-07-02T12:00:00Z", "marketing"),
      tpl("2025-07-03T11:59:59.999Z", "utility"),
      tpl("2025-07-03T12:00:00Z", "marketing"),
    ];
    const list = records(lines);
    expect(list.map((r) => [r.messageId, r.pricingModel, r.category, r.type, r.amount])).toEqual([
      ["m2", "cbp-2024-11", "referral_conversion", "free_entry_point", "0"],
      ["m3", "pmp-2025-07", "marketing", "free_entry_point", "0"],
      ["m4", "pmp-2025-07", "utility", "free_entry_point", "0"],
      ["m5", "pmp-2025-07", "marketing", "regular", "0.0625"],
    ]);
  });

  it("billText(log) keeps a cbp-2022-02 conversation open at 2023-06-01 absorbing every message until it expires (R-19)", () => {
    const lines = [
      tpl("2023-05-31T20:00:00Z", "marketing", {id: "opens"}),
      tpl("2023-06-01T10:00:00Z", "marketing"),
      tpl("2023-06-01T11:00:00Z", "utility"),
      txt("2023-06-01T12:00:00Z"),
      tpl("2023-06-01T19:59:59.999Z", "authentication"),
      tpl("2023-06-01T20:00:00Z", "marketing", {id: "marketing"}),
      tpl("2023-06-01T20:00:01Z", "utility", {id: "utility"}),
    ];
    const list = records(lines);
    expect(
      list.map((r) => [
        r.messageId,
        r.pricingModel,
        r.category,
        r.type,
        r.amount,
        r.rateCard,
        r.expiresAt,
      ]),
    ).toEqual([
      [
        "opens",
        "cbp-2022-02",
        "business_initiated",
        "free_tier",
        "0",
        "2022-02-01",
        "2023-06-01T20:00:00Z",
      ],
      [
        "marketing",
        "cbp-2023-06",
        "marketing",
        "regular",
        "0.0625",
        "2023-06-01",
        "2023-06-02T20:00:00Z",
      ],
      [
        "utility",
        "cbp-2023-06",
        "utility",
        "regular",
        "0.035",
        "2023-06-01",
        "2023-06-02T20:00:01Z",
      ],
    ]);
  });

  it.each([
    ["2023-06-01T02:59:59.999Z", "cbp-2022-02"],
    ["2023-06-01T03:00:00Z", "cbp-2023-06"],
  ])("billText(log in America/Sao_Paulo) opens a conversation at %s under %s", (time, model) => {
    const [r] = records([tpl(time, "marketing")], {accounts: oneWaba("America/Sao_Paulo")});
    expect(r!.pricingModel).toBe(model);
  });
});
