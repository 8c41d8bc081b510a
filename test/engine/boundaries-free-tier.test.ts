// Boundary tables for the monthly free allowances (C-6, CBP22-4, CBP23-9, PMP26-4, R-6, R-11) and
// the WABA-local month (C-2), Berlin's DST days included. Rates: rates-2022-02-01.csv (Brazil
// business_initiated 0.0500), rates-2023-06-01.csv (Brazil service 0.0300), rates-2026-10-01.csv
// (Brazil utility 0.0068, Germany utility 0.0550, India utility 0.0014).
import {describe, expect, it} from "vitest";
import {
  accounts,
  ad,
  at,
  HOUR_MS,
  inb,
  many,
  oneWaba,
  records,
  recordOf,
  SECOND_MS,
  tpl,
  txt,
  USER,
  userNo,
} from "./boundaries-log.ts";
import type {Line} from "./boundaries-log.ts";

/** `n` business-initiated conversations to distinct Brazilian users, one a second from `start`. */
function conversations(
  n: number,
  start: string,
  more: (k: number) => Partial<Line> = () => ({}),
): Line[] {
  return many(n, (k) =>
    tpl(at(start, k * SECOND_MS), "marketing", {user: userNo(USER.brazil, k), ...more(k)}),
  );
}

describe("cbp-2022-02 free tier (CBP22-4, R-11)", () => {
  const log = conversations(1001, "2022-05-10T00:00:00Z");
  const list = records(log, {pricing: "cbp-2022-02"});

  it.each([
    [999, "free_tier", false, "0"],
    [1000, "free_tier", false, "0"],
    [1001, "regular", true, "0.05"],
  ])("billText(log) makes conversation no. %i of the month %s", (n, type, billable, amount) => {
    expect(list).toHaveLength(1001);
    const r = list[n - 1]!;
    expect([r.messageId, r.category, r.type, r.billable, r.amount, r.rateCard]).toEqual([
      `m${n}`,
      "business_initiated",
      type,
      billable,
      amount,
      "2022-02-01",
    ]);
  });

  it("billText(log) counts user-initiated and business-initiated conversations together", () => {
    // 500 user-initiated (inbound first) then 501 business-initiated: the 1,001st is charged.
    const lines: Line[] = [];
    for (let k = 0; k < 500; k++) {
      const user = userNo(USER.brazil, k);
      lines.push(
        inb(at("2022-05-10T00:00:00Z", 2 * k * SECOND_MS), {user}),
        tpl(at("2022-05-10T00:00:00Z", (2 * k + 1) * SECOND_MS), "utility", {user}),
      );
    }
    lines.push(
      ...conversations(501, "2022-05-11T00:00:00Z", (k) => ({user: userNo("+5521976543210", k)})),
    );
    const list = records(lines, {pricing: "cbp-2022-02"});
    expect(
      list.slice(0, 500).every((r) => r.category === "user_initiated" && r.type === "free_tier"),
    ).toBe(true);
    expect(
      list
        .slice(500, 1000)
        .every((r) => r.category === "business_initiated" && r.type === "free_tier"),
    ).toBe(true);
    expect([list[1000]!.category, list[1000]!.type, list[1000]!.amount]).toEqual([
      "business_initiated",
      "regular",
      "0.05",
    ]);
  });

  it("billText(log) does not count free-entry-point conversations toward the 1,000", () => {
    const lines = [
      ad("2022-05-09T10:00:00Z", {user: "+5531999999999"}),
      tpl("2022-05-09T11:00:00Z", "marketing", {user: "+5531999999999"}),
      ...conversations(1001, "2022-05-10T00:00:00Z"),
    ];
    const list = records(lines, {pricing: "cbp-2022-02"});
    expect(list[0]).toMatchObject({category: "referral_conversion", type: "free_entry_point"});
    expect(list.slice(1, 1001).every((r) => r.type === "free_tier")).toBe(true);
    expect(list[1001]).toMatchObject({type: "regular", amount: "0.05"});
  });

  it("billText(log) counts per WABA across its phones, and each WABA separately", () => {
    const acc = accounts({
      id: "b",
      wabas: [
        {id: "w1", phones: ["+551130000001", "+551130000002"]},
        {id: "w2", phones: ["+551130000003"]},
      ],
    });
    const lines = conversations(1000, "2022-05-10T00:00:00Z", (k) => ({
      waba: "w1",
      phone: k % 2 === 0 ? "+551130000001" : "+551130000002",
    }));
    lines.push(
      tpl("2022-05-11T00:00:00Z", "marketing", {
        id: "w2-first",
        waba: "w2",
        user: "+5531900000001",
      }),
    );
    lines.push(
      tpl("2022-05-11T00:00:01Z", "marketing", {
        id: "w1-1001st",
        waba: "w1",
        phone: "+551130000002",
        user: "+5531900000002",
      }),
    );
    const list = records(lines, {pricing: "cbp-2022-02", accounts: acc});
    expect(list.slice(0, 1000).every((r) => r.type === "free_tier")).toBe(true);
    expect(recordOf(list, "w2-first")).toMatchObject({waba: "w2", type: "free_tier", amount: "0"});
    expect(recordOf(list, "w1-1001st")).toMatchObject({
      waba: "w1",
      phone: "+551130000002",
      type: "regular",
      amount: "0.05",
    });
  });

  it("billText(log) does not count a failed message (R-8): the next delivered one is the 1,000th", () => {
    const lines = [
      ...conversations(999, "2022-05-10T00:00:00Z"),
      tpl("2022-05-11T00:00:00Z", "marketing", {
        id: "failed",
        user: "+5531900000001",
        status: "failed",
      }),
      tpl("2022-05-11T00:00:01Z", "marketing", {id: "x", user: "+5531900000002"}),
    ];
    const list = records(lines, {pricing: "cbp-2022-02"});
    expect(list).toHaveLength(1000);
    expect(recordOf(list, "failed")).toBeUndefined();
    expect(recordOf(list, "x")).toMatchObject({type: "free_tier"});
  });
});

describe("the month of the free tier is the WABA's local month (C-2, C-6, R-11)", () => {
  /** The record of a conversation opened at `x` after 1,000 others earlier in `fillStart`'s month. */
  function afterThousand(timezone: string, fillStart: string, x: string) {
    const lines = [
      ...conversations(1000, fillStart),
      tpl(x, "marketing", {id: "x", user: "+5531900000001"}),
    ];
    return recordOf(records(lines, {pricing: "cbp-2022-02", accounts: oneWaba(timezone)}), "x")!;
  }

  it.each([
    // America/Sao_Paulo, UTC-3 all year (no DST since 2019)
    ["America/Sao_Paulo", "2022-05-10T00:00:00-03:00", "2022-05-31T23:59:59.999-03:00", "regular"],
    ["America/Sao_Paulo", "2022-05-10T00:00:00-03:00", "2022-06-01T00:00:00-03:00", "free_tier"],
    // Europe/Berlin: DST began 2022-03-27, so April 1 starts at 22:00Z on March 31
    ["Europe/Berlin", "2022-03-26T12:00:00+01:00", "2022-03-31T21:59:59.999Z", "regular"],
    ["Europe/Berlin", "2022-03-26T12:00:00+01:00", "2022-03-31T22:00:00Z", "free_tier"],
    ["Europe/Berlin", "2022-03-26T12:00:00+01:00", "2022-03-31T22:30:00Z", "free_tier"],
    // Europe/Berlin: DST ended 2022-10-30, so November 1 starts at 23:00Z on October 31
    ["Europe/Berlin", "2022-10-30T00:30:00Z", "2022-10-31T22:59:59.999Z", "regular"],
    ["Europe/Berlin", "2022-10-30T00:30:00Z", "2022-10-31T23:00:00Z", "free_tier"],
    ["Europe/Berlin", "2023-02-10T00:00:00+01:00", "2023-02-28T23:59:59.999+01:00", "regular"],
    ["Europe/Berlin", "2023-02-10T00:00:00+01:00", "2023-03-01T00:00:00+01:00", "free_tier"],
    // Asia/Kolkata, UTC+05:30
    ["Asia/Kolkata", "2022-06-10T00:00:00+05:30", "2022-06-30T18:29:59.999Z", "regular"],
    ["Asia/Kolkata", "2022-06-10T00:00:00+05:30", "2022-06-30T18:30:00Z", "free_tier"],
    // UTC, the default timezone
    ["UTC", "2022-05-10T00:00:00Z", "2022-05-31T23:59:59.999Z", "regular"],
    ["UTC", "2022-05-10T00:00:00Z", "2022-06-01T00:00:00Z", "free_tier"],
  ])(
    "billText(log in %s) after 1,000 conversations from %s makes a conversation at %s %s",
    (timezone, fillStart, x, type) => {
      expect(afterThousand(timezone, fillStart, x).type).toBe(type);
    },
  );

  it("billText(log) counts a conversation in the month it opened, not the month it expires in", () => {
    // The 1,000th opens 23:00 local on May 31 (São Paulo) and runs into June; June's first is free.
    const lines = [
      ...conversations(999, "2022-05-10T00:00:00-03:00"),
      tpl("2022-05-31T23:00:00-03:00", "marketing", {id: "may-1000th", user: "+5531900000001"}),
      tpl("2022-05-31T23:30:00-03:00", "marketing", {id: "may-1001st", user: "+5531900000002"}),
      tpl("2022-06-01T00:30:00-03:00", "marketing", {id: "june-1st", user: "+5531900000003"}),
    ];
    const list = records(lines, {pricing: "cbp-2022-02", accounts: oneWaba("America/Sao_Paulo")});
    expect([
      recordOf(list, "may-1000th")!.type,
      recordOf(list, "may-1001st")!.type,
      recordOf(list, "june-1st")!.type,
    ]).toEqual(["free_tier", "regular", "free_tier"]);
  });
});

describe("cbp-2023-06 free tier: service conversations only (CBP23-9)", () => {
  // An FEP, 1,000 marketing conversations and 1,001 service conversations in August 2023.
  const lines: Line[] = [
    ad("2023-08-01T10:00:00Z", {user: "+5531999999999"}),
    txt("2023-08-01T10:00:01Z", {user: "+5531999999999"}),
  ];
  lines.push(
    ...many(1000, (k) =>
      tpl(at("2023-08-02T00:00:00Z", k * SECOND_MS), "marketing", {
        user: userNo("+5521976543210", k),
      }),
    ),
  );
  for (let k = 0; k < 1001; k++) {
    const user = userNo(USER.brazil, k);
    lines.push(
      inb(at("2023-08-03T00:00:00Z", 2 * k * SECOND_MS), {user}),
      txt(at("2023-08-03T00:00:00Z", (2 * k + 1) * SECOND_MS), {user, id: `s${k + 1}`}),
    );
  }
  const list = records(lines, {pricing: "cbp-2023-06"});

  it("billText(log) opens one FEP, 1,000 charged marketing and 1,001 service conversations", () => {
    expect(list).toHaveLength(2002);
    expect(list[0]).toMatchObject({category: "referral_conversion", type: "free_entry_point"});
    expect(
      list
        .slice(1, 1001)
        .every((r) => r.category === "marketing" && r.type === "regular" && r.amount === "0.0625"),
    ).toBe(true);
  });

  it.each([
    [1, "free_tier", "0"],
    [999, "free_tier", "0"],
    [1000, "free_tier", "0"],
    [1001, "regular", "0.03"],
  ])("billText(log) makes service conversation no. %i of the month %s", (n, type, amount) => {
    expect(recordOf(list, `s${n}`)).toMatchObject({
      category: "service",
      type,
      amount,
      rateCard: "2023-06-01",
    });
  });

  it("billText(log) has no free tier under cbp-2024-11 (CBP24-1, CBP24-2): every service conversation is free_customer_service", () => {
    const shifted = many(3, (k) =>
      txt(at("2024-12-03T00:00:00Z", k * SECOND_MS), {user: userNo(USER.brazil, k)}),
    );
    const list = records([inb("2024-12-02T23:00:00Z"), ...shifted], {pricing: "cbp-2024-11"});
    expect(list.map((r) => [r.category, r.type, r.billable, r.amount])).toEqual(
      Array(3).fill(["service", "free_customer_service", false, "0"]),
    );
  });
});

describe("pmp-2026-10 service allowance per business phone (PMP26-4, R-6)", () => {
  const start = "2026-10-05T00:00:00Z";
  /** An inbound message, then `n` non-templates a second apart. */
  const serviceLog = (n: number, more: (k: number) => Partial<Line> = () => ({})): Line[] => [
    inb(start, more(0)),
    ...many(n, (k) => txt(at(start, (k + 1) * SECOND_MS), more(k))),
  ];
  const list = records(serviceLog(1001), {pricing: "pmp-2026-10"});

  it.each([
    [1, "free_tier", false, "0"],
    [999, "free_tier", false, "0"],
    [1000, "free_tier", false, "0"],
    [1001, "regular", true, "0.0068"],
  ])("billText(log) makes service message no. %i of the month %s", (n, type, billable, amount) => {
    expect(list[n - 1]).toMatchObject({
      category: "service",
      type,
      billable,
      amount,
      tier: 0,
      rateCard: "2026-10-01",
    });
  });

  it("billText(log) counts each business phone separately", () => {
    const acc = oneWaba("UTC", ["+551130000001", "+551130000002"]);
    const lines = [inb(start, {phone: "+551130000001"}), inb(start, {phone: "+551130000002"})];
    lines.push(...many(1000, (k) => txt(at(start, (k + 1) * SECOND_MS), {phone: "+551130000001"})));
    lines.push(
      txt("2026-10-05T01:00:00Z", {id: "p2-first", phone: "+551130000002"}),
      txt("2026-10-05T01:00:01Z", {id: "p1-1001st", phone: "+551130000001"}),
    );
    const list = records(lines, {pricing: "pmp-2026-10", accounts: acc});
    expect(recordOf(list, "p2-first")).toMatchObject({type: "free_tier", amount: "0"});
    expect(recordOf(list, "p1-1001st")).toMatchObject({type: "regular", amount: "0.0068"});
  });

  it("billText(log, {serviceFreePerPhone: 0}) charges the first service message", () => {
    const list = records(serviceLog(2), {pricing: "pmp-2026-10", serviceFreePerPhone: 0});
    expect(list.map((r) => [r.type, r.amount])).toEqual([
      ["regular", "0.0068"],
      ["regular", "0.0068"],
    ]);
  });

  it("billText(log) counts neither FEP messages nor failed messages toward the allowance", () => {
    const lines = [
      ad("2026-10-05T00:00:00Z"),
      txt("2026-10-05T01:00:00Z", {id: "fep-open"}),
      txt("2026-10-05T02:00:00Z", {id: "fep-inside"}),
      inb("2026-10-08T01:00:00Z"),
      txt("2026-10-08T01:00:01Z", {id: "failed", status: "failed"}),
      txt("2026-10-08T01:00:02Z", {id: "first"}),
      txt("2026-10-08T01:00:03Z", {id: "second"}),
    ];
    const list = records(lines, {pricing: "pmp-2026-10", serviceFreePerPhone: 1});
    expect(list.map((r) => [r.messageId, r.category, r.type, r.amount])).toEqual([
      ["fep-open", "service", "free_entry_point", "0"],
      ["fep-inside", "service", "free_entry_point", "0"],
      ["first", "service", "free_tier", "0"],
      ["second", "service", "regular", "0.0068"],
    ]);
  });

  it.each([
    // Europe/Berlin 2027: DST ends on Sunday 2027-10-31 at 01:00Z, the last day of the month
    [
      "Europe/Berlin",
      USER.germany,
      "2027-10-31T00:30:00Z",
      "2027-10-31T22:59:59.999Z",
      "regular",
      "0.055",
    ],
    [
      "Europe/Berlin",
      USER.germany,
      "2027-10-31T00:30:00Z",
      "2027-10-31T23:00:00Z",
      "free_tier",
      "0",
    ],
    // Europe/Berlin 2027: DST begins on 2027-03-28; April 1 starts at 22:00Z on March 31
    [
      "Europe/Berlin",
      USER.germany,
      "2027-03-27T12:00:00Z",
      "2027-03-31T21:59:59.999Z",
      "regular",
      "0.055",
    ],
    [
      "Europe/Berlin",
      USER.germany,
      "2027-03-27T12:00:00Z",
      "2027-03-31T22:00:00Z",
      "free_tier",
      "0",
    ],
    [
      "America/Sao_Paulo",
      USER.brazil,
      "2026-10-31T12:00:00Z",
      "2026-10-31T23:59:59.999-03:00",
      "regular",
      "0.0068",
    ],
    [
      "America/Sao_Paulo",
      USER.brazil,
      "2026-10-31T12:00:00Z",
      "2026-11-01T00:00:00-03:00",
      "free_tier",
      "0",
    ],
    [
      "Asia/Kolkata",
      USER.india,
      "2026-10-31T12:00:00Z",
      "2026-10-31T18:29:59.999Z",
      "regular",
      "0.0014",
    ],
    ["Asia/Kolkata", USER.india, "2026-10-31T12:00:00Z", "2026-10-31T18:30:00Z", "free_tier", "0"],
  ])(
    "billText(log in %s, {serviceFreePerPhone: 1}) to %s after a service message at %s makes one at %s %s",
    (timezone, user, first, x, type, amount) => {
      const lines = [inb(at(first, -HOUR_MS)), txt(first), inb(at(x, -HOUR_MS)), txt(x, {id: "x"})];
      const r = recordOf(
        records(lines, {
          pricing: "pmp-2026-10",
          serviceFreePerPhone: 1,
          accounts: oneWaba(timezone),
          user,
        }),
        "x",
      );
      expect(r).toMatchObject({type, amount});
    },
  );

  it("billText(log in Europe/Berlin) counts the allowance per month across the 25-hour day 2027-10-31", () => {
    // The allowance is monthly, not daily: 2 messages on Berlin's 25-hour day 2027-10-31 and 1 on
    // 2027-10-30 all fall in October, so with an allowance of 2 the third is charged.
    const lines = [
      inb("2027-10-30T10:00:00Z"),
      txt("2027-10-30T10:00:01Z"),
      inb("2027-10-31T10:00:00Z"),
      txt("2027-10-31T10:00:01Z"),
      txt("2027-10-31T10:00:02Z", {id: "x"}),
    ];
    const r = recordOf(
      records(lines, {
        pricing: "pmp-2026-10",
        serviceFreePerPhone: 2,
        accounts: oneWaba("Europe/Berlin"),
        user: USER.germany,
      }),
      "x",
    );
    expect(r).toMatchObject({type: "regular", amount: "0.055"});
  });
});
