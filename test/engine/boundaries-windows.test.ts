// Boundary tables for the half-open windows (C-4, R-9): conversations [T, T+24h), the customer
// service window [U, U+24h) (C-3), free-entry-point eligibility [U, U+24h) and the FEP
// [R, R+72h) (C-5, CBP22-5, CBP23-8, PMP25-1, R-10, R-17), and failed messages (C-1, R-8).
// Rates: Brazil marketing 0.0625 (rates-2023-06-01.csv, rates-2026-04-01.csv), Brazil utility
// 0.0068 (rates-2026-04-01.csv).
import {describe, expect, it} from "vitest";
import {
  ad,
  at,
  bill,
  DAY_MS,
  HOUR_MS,
  inb,
  MINUTE_MS,
  oneWaba,
  records,
  recordOf,
  tpl,
  txt,
} from "./boundaries-log.ts";
import type {Line} from "./boundaries-log.ts";

describe("a conversation covers [T, T+24h) (C-4, CBP22-3, CBP23-3, CBP23-7)", () => {
  const T = "2023-08-10T10:00:00Z";

  it.each([
    ["T+24h-1ms", DAY_MS - 1, 1],
    ["T+24h", DAY_MS, 2],
  ])(
    "billText(log) under cbp-2023-06 bills a second marketing template at %s (T+%i ms) as %i conversation(s)",
    (_, offset, count) => {
      const list = records([tpl(T, "marketing"), tpl(at(T, offset), "marketing")], {
        pricing: "cbp-2023-06",
      });
      expect(list).toHaveLength(count);
      expect(list[0]).toMatchObject({
        category: "marketing",
        time: "2023-08-10T10:00:00Z",
        expiresAt: "2023-08-11T10:00:00Z",
        amount: "0.0625",
      });
      if (count === 2)
        expect(list[1]).toMatchObject({
          messageId: "m2",
          time: "2023-08-11T10:00:00Z",
          expiresAt: "2023-08-12T10:00:00Z",
          amount: "0.0625",
        });
    },
  );

  it.each([
    ["T+24h-1ms", DAY_MS - 1, 1],
    ["T+24h", DAY_MS, 2],
  ])(
    "billText(log) under cbp-2022-02 bills a second template at %s (T+%i ms) as %i conversation(s)",
    (_, offset, count) => {
      const T22 = "2022-08-10T10:00:00Z";
      const list = records([tpl(T22, "marketing"), tpl(at(T22, offset), "utility")], {
        pricing: "cbp-2022-02",
      });
      expect(list.map((r) => [r.messageId, r.category, r.type])).toEqual(
        [
          ["m1", "business_initiated", "free_tier"],
          ["m2", "business_initiated", "free_tier"],
        ].slice(0, count),
      );
    },
  );

  it.each([
    ["2022-03-27T12:59:59.999+02:00", 1],
    ["2022-03-27T13:00:00+02:00", 2],
  ])(
    "billText(log in Europe/Berlin) counts 24 elapsed hours across the DST change: a template at %s gives %i conversation(s)",
    (x, count) => {
      // Opened 12:00 CET on 2022-03-26; clocks went forward on 2022-03-27, so it ends at 13:00 CEST.
      const list = records([tpl("2022-03-26T12:00:00+01:00", "marketing"), tpl(x, "marketing")], {
        pricing: "cbp-2022-02",
        accounts: oneWaba("Europe/Berlin"),
      });
      expect(list[0]!.expiresAt).toBe("2022-03-27T11:00:00Z");
      expect(list).toHaveLength(count);
    },
  );
});

describe("cbp-2023-06 conversations by category (CBP23-2, CBP23-3, CBP23-4, CBP23-6)", () => {
  const T = "2023-08-10T10:00:00Z";
  const cbp23 = {pricing: "cbp-2023-06"};

  it("billText(log) opens a separate marketing conversation while a utility conversation is open (CBP23-4)", () => {
    const list = records(
      [
        tpl(T, "utility"),
        tpl(at(T, HOUR_MS), "marketing"),
        tpl(at(T, 2 * HOUR_MS), "utility"),
        tpl(at(T, 3 * HOUR_MS), "marketing"),
      ],
      cbp23,
    );
    expect(list.map((r) => [r.messageId, r.category, r.amount])).toEqual([
      ["m1", "utility", "0.035"],
      ["m2", "marketing", "0.0625"],
    ]);
  });

  it("billText(log) opens a marketing conversation while a service conversation is open: service absorbs no template (CBP23-4)", () => {
    const list = records([inb(T), txt(at(T, MINUTE_MS)), tpl(at(T, HOUR_MS), "marketing")], cbp23);
    expect(list.map((r) => [r.messageId, r.category])).toEqual([
      ["m2", "service"],
      ["m3", "marketing"],
    ]);
  });

  it.each([
    ["T+24h-1ms", DAY_MS - 1, []],
    ["T+24h", DAY_MS, [["m4", "service"]]],
  ])(
    "billText(log) bills a non-template at %s (T+%i ms) after a marketing conversation opened at T as %j (CBP23-6)",
    (_, offset, expected) => {
      const list = records(
        [
          tpl(T, "marketing"),
          inb(at(T, HOUR_MS)),
          inb(at(T, offset - MINUTE_MS)),
          txt(at(T, offset)),
        ],
        cbp23,
      );
      expect(list.slice(1).map((r) => [r.messageId, r.category])).toEqual(expected);
    },
  );
});

describe("the customer service window covers [U, U+24h) (C-3, C-4)", () => {
  const U = "2026-04-06T10:00:00Z";

  it.each([
    ["U+24h-1ms", DAY_MS - 1, "free_customer_service", false, "0"],
    ["U+24h", DAY_MS, "regular", true, "0.0068"],
  ])(
    "billText(log) under pmp-2025-07 bills a utility template at %s (U+%i ms) as %s (PMP25-4)",
    (_, offset, type, billable, amount) => {
      const [r] = records([inb(U), tpl(at(U, offset), "utility")], {pricing: "pmp-2025-07"});
      expect(r).toMatchObject({category: "utility", type, billable, amount, tier: 0});
    },
  );

  it.each([
    ["U+24h-1ms", DAY_MS - 1, "user_initiated"],
    ["U+24h", DAY_MS, "business_initiated"],
  ])(
    "billText(log) under cbp-2022-02 opens a conversation at %s (U+%i ms) as %s (CBP22-2)",
    (_, offset, category) => {
      const U22 = "2022-08-10T10:00:00Z";
      const [r] = records([inb(U22), tpl(at(U22, offset), "utility")], {pricing: "cbp-2022-02"});
      expect(r!.category).toBe(category);
    },
  );

  it.each([
    ["U+24h-1ms", DAY_MS - 1, 0],
    ["U+24h", DAY_MS, 1],
  ])(
    "billText(log) under pmp-2025-07 warns about a non-template at %s (U+%i ms) %i time(s) and still bills it free (I-1)",
    (_, offset, count) => {
      const {records: list, warnings} = bill([inb(U), txt(at(U, offset))], {
        pricing: "pmp-2025-07",
      });
      expect(list[0]).toMatchObject({
        category: "service",
        type: "free_customer_service",
        amount: "0",
      });
      expect(warnings.find((w) => w.code === "non-template-outside-csw")?.count ?? 0).toBe(count);
    },
  );

  it("billText(log) lets only inbound messages open or refresh the window (C-3)", () => {
    const lines = [
      inb(U),
      tpl(at(U, 23 * HOUR_MS), "marketing"),
      tpl(at(U, DAY_MS), "utility", {id: "after-business-message"}),
      inb(at(U, 2 * DAY_MS)),
      inb(at(U, 2 * DAY_MS + 10 * HOUR_MS)),
      tpl(at(U, 3 * DAY_MS + 10 * HOUR_MS - 1), "utility", {id: "refreshed"}),
    ];
    const list = records(lines, {pricing: "pmp-2025-07"});
    expect(recordOf(list, "after-business-message")).toMatchObject({
      type: "regular",
      amount: "0.0068",
    });
    expect(recordOf(list, "refreshed")).toMatchObject({type: "free_customer_service", amount: "0"});
  });
});

describe("free-entry-point eligibility and the FEP window (C-5, R-10, PMP25-1)", () => {
  const U = "2026-04-06T10:00:00Z";
  const pmp = {pricing: "pmp-2025-07"};

  it.each([
    ["U+23:59", DAY_MS - MINUTE_MS, "free_entry_point", "0"],
    ["U+24h-1ms", DAY_MS - 1, "free_entry_point", "0"],
    ["U+24h", DAY_MS, "regular", "0.0625"],
  ])(
    "billText(log) bills a marketing reply to an ad click at %s (U+%i ms) as %s",
    (_, offset, type, amount) => {
      const [r] = records([ad(U), tpl(at(U, offset), "marketing")], pmp);
      expect(r).toMatchObject({
        category: "marketing",
        type,
        amount,
        billable: type === "regular",
        tier: 0,
      });
    },
  );

  it.each([
    ["ctwa_ad", "mobile", "free_entry_point"],
    ["ctwa_ad", "(none)", "free_entry_point"],
    ["fb_page_cta", "mobile", "free_entry_point"],
    ["fb_page_cta", "(none)", "free_entry_point"],
    ["ctwa_ad", "web", "regular"],
    ["fb_page_cta", "web", "regular"],
    ["organic", "mobile", "regular"],
    ["(none)", "(none)", "regular"],
  ])(
    "billText(log) bills a reply to an inbound message with entryPoint %s from device %s as %s",
    (entryPoint, device, type) => {
      const inbound = inb(U, {
        ...(entryPoint === "(none)" ? {} : {entryPoint}),
        ...(device === "(none)" ? {} : {device}),
      });
      const [r] = records([inbound, tpl(at(U, HOUR_MS), "marketing")], pmp);
      expect(r!.type).toBe(type);
    },
  );

  it.each([
    ["a non-template", txt(at(U, HOUR_MS)), "service"],
    ["a utility template", tpl(at(U, HOUR_MS), "utility"), "utility"],
    ["an authentication template", tpl(at(U, HOUR_MS), "authentication"), "authentication"],
    ["a marketing template", tpl(at(U, HOUR_MS), "marketing"), "marketing"],
  ])(
    "billText(log) keeps the own category of %s that opens an FEP window (PMP25-1)",
    (_, reply, category) => {
      const [r] = records([ad(U), reply as Line], pmp);
      expect(r).toMatchObject({category, type: "free_entry_point", billable: false, amount: "0"});
    },
  );

  it.each([
    ["R+71:59:59.999", 72 * HOUR_MS - 1, "free_entry_point", "0"],
    ["R+72h", 72 * HOUR_MS, "regular", "0.0625"],
  ])(
    "billText(log) bills a marketing template at %s (R+%i ms) after the FEP opened at R as %s",
    (_, offset, type, amount) => {
      const R = at(U, HOUR_MS);
      const list = records([ad(U), tpl(R, "marketing"), tpl(at(R, offset), "marketing")], pmp);
      expect(list.map((r) => r.type)).toEqual(["free_entry_point", type]);
      expect(list[1]!.amount).toBe(amount);
    },
  );

  it("billText(log) does not extend an open FEP on a new ad click; its first reply after the FEP ends opens a new one", () => {
    const R = at(U, HOUR_MS);
    const base = [ad(U), tpl(R, "marketing"), ad(at(R, 60 * HOUR_MS))];
    // A reply inside the old FEP takes the new eligibility: at R+72h nothing is open.
    const used = records(
      [...base, txt(at(R, 61 * HOUR_MS)), tpl(at(R, 72 * HOUR_MS), "marketing", {id: "x"})],
      pmp,
    );
    expect(recordOf(used, "x")).toMatchObject({type: "regular", amount: "0.0625"});
    // No reply in between: the first business message of [R+60h, R+84h) with no FEP open opens one.
    const fresh = records([...base, tpl(at(R, 72 * HOUR_MS), "marketing", {id: "x"})], pmp);
    expect(recordOf(fresh, "x")).toMatchObject({type: "free_entry_point", amount: "0"});
  });

  it("billText(log) opens a new FEP window for a later ad click under PMP (only cbp-2022-02 limits it to the first)", () => {
    const list = records(
      [
        ad(U),
        tpl(at(U, HOUR_MS), "marketing"),
        ad(at(U, 5 * DAY_MS)),
        tpl(at(U, 5 * DAY_MS + HOUR_MS), "marketing"),
      ],
      pmp,
    );
    expect(list.map((r) => r.type)).toEqual(["free_entry_point", "free_entry_point"]);
  });

  it("billText(log) does not let a failed reply use up the eligibility (R-17)", () => {
    const R = at(U, 2 * HOUR_MS);
    const lines = [
      ad(U),
      tpl(at(U, HOUR_MS), "marketing", {id: "failed", status: "failed"}),
      tpl(R, "marketing", {id: "opens"}),
      tpl(at(R, 72 * HOUR_MS - 1), "marketing", {id: "inside"}),
      tpl(at(R, 72 * HOUR_MS), "marketing", {id: "after"}),
    ];
    const list = records(lines, pmp);
    expect(list.map((r) => [r.messageId, r.type, r.amount])).toEqual([
      ["opens", "free_entry_point", "0"],
      ["inside", "free_entry_point", "0"],
      ["after", "regular", "0.0625"],
    ]);
  });
});

describe("FEP conversations under CBP (CBP22-5, CBP23-8)", () => {
  const U = "2023-08-10T10:00:00Z";
  const cbp23 = {pricing: "cbp-2023-06"};

  it.each([
    ["U+23:59", DAY_MS - MINUTE_MS, "referral_conversion", "free_entry_point", "0"],
    ["U+24h", DAY_MS, "marketing", "regular", "0.0625"],
  ])(
    "billText(log) under cbp-2023-06 opens for a reply at %s (U+%i ms) a %s conversation",
    (_, offset, category, type, amount) => {
      const R = at(U, offset);
      const [r] = records([ad(U), tpl(R, "marketing")], cbp23);
      expect(r).toMatchObject({
        category,
        type,
        amount,
        time: R.replace(".000Z", "Z"),
        expiresAt: at(R, category === "marketing" ? DAY_MS : 72 * HOUR_MS).replace(".000Z", "Z"),
      });
    },
  );

  it.each([
    ["R+72h-1ms", 72 * HOUR_MS - 1, 1],
    ["R+72h", 72 * HOUR_MS, 2],
  ])(
    "billText(log) under cbp-2023-06 absorbs a marketing template at %s (R+%i ms) into the FEP: %i record(s)",
    (_, offset, count) => {
      const R = at(U, HOUR_MS);
      const list = records([ad(U), tpl(R, "utility"), tpl(at(R, offset), "marketing")], cbp23);
      expect(list).toHaveLength(count);
      expect(list[0]!.expiresAt).toBe("2023-08-13T11:00:00Z");
      if (count === 2)
        expect(list[1]).toMatchObject({category: "marketing", type: "regular", amount: "0.0625"});
    },
  );

  it("billText(log) under cbp-2023-06 opens the FEP while a marketing conversation is open and absorbs what follows (CBP23-8)", () => {
    const list = records(
      [
        tpl(at(U, -HOUR_MS), "marketing"),
        ad(U),
        tpl(at(U, HOUR_MS), "marketing"),
        tpl(at(U, 2 * HOUR_MS), "utility"),
      ],
      cbp23,
    );
    expect(list.map((r) => [r.messageId, r.category, r.amount])).toEqual([
      ["m1", "marketing", "0.0625"],
      ["m3", "referral_conversion", "0"],
    ]);
  });

  it.each([
    ["UTC", "2023-02-28T23:59:59.999Z", "2023-03-01T23:59:59.999Z"],
    ["UTC", "2023-03-01T00:00:00Z", "2023-03-04T00:00:00Z"],
    ["America/Sao_Paulo", "2023-03-01T02:59:59.999Z", "2023-03-02T02:59:59.999Z"],
    ["America/Sao_Paulo", "2023-03-01T03:00:00Z", "2023-03-04T03:00:00Z"],
  ])(
    "billText(log in %s) under cbp-2022-02 ends an FEP opened at %s at %s (24 h before 2023-03-01, then 72 h)",
    (timezone, R, expiresAt) => {
      const [r] = records([ad(at(R, -HOUR_MS)), tpl(R, "marketing")], {
        pricing: "cbp-2022-02",
        accounts: oneWaba(timezone),
      });
      expect(r).toMatchObject({
        category: "referral_conversion",
        type: "free_entry_point",
        expiresAt,
      });
    },
  );

  it.each([
    ["2023-02-10T10:00:00Z", 2],
    ["2023-03-10T10:00:00Z", 1],
  ])(
    "billText(log) under cbp-2022-02 with an FEP opened at %s bills a template 24 h later as %i record(s) in all",
    (R, count) => {
      const list = records(
        [ad(at(R, -HOUR_MS)), tpl(R, "marketing"), tpl(at(R, DAY_MS), "marketing")],
        {pricing: "cbp-2022-02"},
      );
      expect(list).toHaveLength(count);
      if (count === 2)
        expect(list[1]).toMatchObject({category: "business_initiated", type: "free_tier"});
    },
  );

  it("billText(log) under cbp-2022-02 opens only the first FEP with a (phone, user) (CBP22-5, I-3, R-10)", () => {
    const acc = oneWaba("UTC", ["+551130000001", "+551130000002"]);
    const p1 = {phone: "+551130000001"};
    const p2 = {phone: "+551130000002"};
    const lines = [
      ad("2022-09-01T10:00:00Z", p1),
      tpl("2022-09-01T11:00:00Z", "marketing", p1),
      ad("2022-09-10T10:00:00Z", p1),
      tpl("2022-09-10T11:00:00Z", "marketing", p1),
      ad("2022-09-20T10:00:00Z", p2),
      tpl("2022-09-20T11:00:00Z", "marketing", p2),
    ];
    const list = records(lines, {pricing: "cbp-2022-02", accounts: acc});
    expect(list.map((r) => [r.messageId, r.phone, r.category, r.type, r.expiresAt])).toEqual([
      ["m2", "+551130000001", "referral_conversion", "free_entry_point", "2022-09-02T11:00:00Z"],
      ["m4", "+551130000001", "user_initiated", "free_tier", "2022-09-11T11:00:00Z"],
      ["m6", "+551130000002", "referral_conversion", "free_entry_point", "2022-09-21T11:00:00Z"],
    ]);
  });

  it("billText(log) under cbp-2023-06 opens an FEP again for a later ad click (CBP22-5's limit is gone)", () => {
    const list = records(
      [
        ad("2023-09-01T10:00:00Z"),
        tpl("2023-09-01T11:00:00Z", "marketing"),
        ad("2023-09-10T10:00:00Z"),
        tpl("2023-09-10T11:00:00Z", "marketing"),
      ],
      cbp23,
    );
    expect(list.map((r) => r.category)).toEqual(["referral_conversion", "referral_conversion"]);
  });

  it("billText(log) under cbp-2023-06 opens the FEP on the first delivered reply after a failed one (R-17)", () => {
    const list = records(
      [
        ad(U),
        tpl(at(U, HOUR_MS), "marketing", {status: "failed"}),
        tpl(at(U, 2 * HOUR_MS), "marketing"),
      ],
      cbp23,
    );
    expect(list.map((r) => [r.messageId, r.category, r.time, r.expiresAt])).toEqual([
      ["m3", "referral_conversion", "2023-08-10T12:00:00Z", "2023-08-13T12:00:00Z"],
    ]);
  });
});

describe("failed messages are never charged and open nothing (C-1, R-8)", () => {
  it("billText(log) under pmp-2025-07 writes no record for failed templates and texts", () => {
    const lines = [
      inb("2026-04-06T09:00:00Z"),
      tpl("2026-04-06T10:00:00Z", "marketing", {status: "failed"}),
      tpl("2026-04-06T10:01:00Z", "utility", {status: "failed"}),
      tpl("2026-04-06T10:02:00Z", "authentication", {status: "failed"}),
      txt("2026-04-06T10:03:00Z", {status: "failed"}),
    ];
    expect(records(lines, {pricing: "pmp-2025-07"})).toEqual([]);
  });

  it.each([
    ["cbp-2022-02", "2022-08-10T10:00:00Z"],
    ["cbp-2023-06", "2023-08-10T10:00:00Z"],
    ["cbp-2024-11", "2024-12-10T10:00:00Z"],
  ])(
    "billText(log) under %s opens the conversation at the delivered template after a failed one",
    (pricing, T) => {
      const list = records(
        [tpl(T, "marketing", {status: "failed"}), tpl(at(T, HOUR_MS), "marketing")],
        {pricing},
      );
      expect(list.map((r) => [r.messageId, r.time, r.expiresAt])).toEqual([
        ["m2", at(T, HOUR_MS).replace(".000Z", "Z"), at(T, HOUR_MS + DAY_MS).replace(".000Z", "Z")],
      ]);
    },
  );

  it("billText(log) under cbp-2023-06 lets a failed non-template open no service conversation", () => {
    const T = "2023-08-10T10:00:00Z";
    const list = records(
      [inb(T), txt(at(T, MINUTE_MS), {status: "failed"}), tpl(at(T, 2 * MINUTE_MS), "marketing")],
      {pricing: "cbp-2023-06"},
    );
    expect(list.map((r) => r.category)).toEqual(["marketing"]);
  });
});
