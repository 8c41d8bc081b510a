import {readdirSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {parse as parseYaml} from "yaml";
import {referenceBill} from "./reference-biller.ts";
import type {ReferenceRecord} from "./reference-biller.ts";
import {refFormatMicros, refParseMicros} from "./reference-money.ts";
import {refLocalDate} from "./reference-time.ts";

const EXAMPLES_DIR = fileURLToPath(
  new URL("../../../shared/examples/worked-examples/", import.meta.url),
);

function readNdjson(text: string): object[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as object);
}

/** Compares a decimal string as micro-units, so "0.035" equals "0.0350". */
function decimal(text: unknown): string {
  return refFormatMicros(refParseMicros(String(text)));
}

describe("referenceBill reproduces the worked examples", () => {
  const ids = readdirSync(EXAMPLES_DIR).sort();
  it("finds the worked examples", () => {
    expect(ids.length).toBeGreaterThanOrEqual(15);
  });
  for (const id of ids) {
    it(`referenceBill(${id}) matches expected.ndjson on the listed fields`, () => {
      const dir = EXAMPLES_DIR + id + "/";
      const pricing = readFileSync(dir + "pricing", "utf8").trim();
      const accounts: unknown = parseYaml(readFileSync(dir + "accounts.yaml", "utf8"));
      const messages = readNdjson(readFileSync(dir + "messages.ndjson", "utf8"));
      const expected = readNdjson(readFileSync(dir + "expected.ndjson", "utf8")) as Record<
        string,
        unknown
      >[];
      const actual = referenceBill({accounts, messages, pricing});
      expect(actual.length).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) {
        const want = expected[i] as Record<string, unknown>;
        const got = actual[i] as ReferenceRecord;
        for (const [field, value] of Object.entries(want)) {
          if (field === "time")
            expect(Date.parse(String(got.time))).toBe(Date.parse(String(value)));
          else if (field === "amount") expect(decimal(got.amount)).toBe(decimal(value));
          else expect(got[field], `${id} record ${i} field ${field}`).toEqual(value);
        }
      }
    });
  }
});

const H = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const BR = "+5511987654321";

interface Line {
  t: number;
  dir?: "in" | "out";
  type?: string;
  cat?: string;
  extra?: Record<string, unknown>;
  user?: string;
}

function log(lines: Line[]): object[] {
  return lines.map((l, i) => ({
    id: `m${i + 1}`,
    time: iso(l.t),
    user: l.user ?? BR,
    direction: l.dir === "in" ? "inbound" : "outbound",
    type: l.type ?? (l.cat !== undefined ? "template" : "text"),
    ...(l.cat !== undefined ? {category: l.cat} : {}),
    ...l.extra,
  }));
}

const brief = (records: ReferenceRecord[]): string[] =>
  records.map((r) => `${r.messageId} ${r.category} ${r.type} ${r.amount}`);

const CTWA = {entryPoint: "ctwa_ad", device: "mobile"};

describe("referenceBill boundary cases", () => {
  it("referenceBill treats the CSW as half-open: utility at U+24h is charged (PMP25-4, C-4)", () => {
    const u = Date.parse("2026-04-06T00:00:00Z");
    const records = referenceBill({
      pricing: "pmp-2025-07",
      messages: log([
        {t: u, dir: "in"},
        {t: u + 24 * H - 1, cat: "utility"},
        {t: u + 24 * H, cat: "utility"},
      ]),
    });
    expect(brief(records)).toEqual([
      "m2 utility free_customer_service 0",
      "m3 utility regular 0.0068",
    ]);
    expect(records[1]).toEqual({
      unit: "message",
      id: "m3",
      messageId: "m3",
      waba: "default",
      user: BR,
      market: "Brazil",
      pricingModel: "pmp-2025-07",
      rateCard: "2026-04-01",
      category: "utility",
      type: "regular",
      billable: true,
      time: "2026-04-07T00:00:00.000Z",
      amount: "0.0068",
      currency: "USD",
      tier: 0,
    });
  });

  it("referenceBill ends the FEP at R+72h and eligibility at U+24h (C-4, C-5)", () => {
    const u = Date.parse("2024-03-04T10:00:00Z");
    const r = u + 24 * H - 1;
    const records = referenceBill({
      pricing: "cbp-2023-06",
      messages: log([
        {t: u, dir: "in", extra: CTWA},
        {t: r, cat: "marketing"},
        {t: r + 72 * H - 1, cat: "utility"},
        {t: r + 72 * H, cat: "utility"},
      ]),
    });
    expect(brief(records)).toEqual([
      "m2 referral_conversion free_entry_point 0",
      "m4 utility regular 0.035",
    ]);
    expect(records[0]?.expiresAt).toBe(iso(r + 72 * H));
    const late = referenceBill({
      pricing: "cbp-2023-06",
      messages: log([
        {t: u, dir: "in", extra: CTWA},
        {t: u + 24 * H, cat: "marketing"},
      ]),
    });
    expect(brief(late)).toEqual(["m2 marketing regular 0.0625"]);
  });

  it("referenceBill keeps FEP eligibility after a failed reply and ignores web devices (R-17)", () => {
    const u = Date.parse("2026-04-06T10:00:00Z");
    const records = referenceBill({
      pricing: "pmp-2025-07",
      messages: log([
        {t: u, dir: "in", extra: CTWA},
        {t: u + H, cat: "marketing", extra: {status: "failed"}},
        {t: u + 2 * H, cat: "marketing"},
        {t: u + 3 * H, dir: "in", user: "+5511900000000", extra: {...CTWA, device: "web"}},
        {t: u + 4 * H, cat: "marketing", user: "+5511900000000"},
      ]),
    });
    expect(brief(records)).toEqual([
      "m3 marketing free_entry_point 0",
      "m5 marketing regular 0.0625",
    ]);
  });

  it("referenceBill gives cbp-2022-02 FEPs 24 h before 2023-03-01, 72 h after, once per pair", () => {
    const u = Date.parse("2023-02-27T12:00:00Z");
    const records = referenceBill({
      pricing: "cbp-2022-02",
      messages: log([
        {t: u, dir: "in", extra: CTWA},
        {t: u + H, cat: "marketing"},
        {t: u + 25 * H, cat: "marketing"},
        {t: u + 100 * H, dir: "in", extra: CTWA},
        {t: u + 101 * H, type: "text"},
      ]),
    });
    expect(brief(records)).toEqual([
      "m2 referral_conversion free_entry_point 0",
      "m3 business_initiated free_tier 0",
      "m5 user_initiated free_tier 0",
    ]);
    expect(records[0]?.expiresAt).toBe(iso(u + 25 * H));
    expect(records.map((r) => r.id)).toEqual(["c1", "c2", "c3"]);
    const march = Date.parse("2023-03-01T00:00:00Z");
    const long = referenceBill({
      pricing: "cbp-2022-02",
      messages: log([
        {t: march, dir: "in", extra: CTWA},
        {t: march, cat: "utility"},
      ]),
    });
    expect(long[0]?.expiresAt).toBe(iso(march + 72 * H));
  });

  it("referenceBill charges the 1,001st cbp-2022-02 conversation of a Sao Paulo month", () => {
    const accounts = {
      businesses: [
        {id: "b", wabas: [{id: "w", timezone: "America/Sao_Paulo", phones: ["+551130000000"]}]},
      ],
    };
    // 2022-05-01 00:00 in Sao Paulo is 03:00Z; the 1,001st conversation falls at 02:59:59Z.
    const start = Date.parse("2022-05-01T02:59:59Z") - 1000 * 1000;
    const lines: Line[] = [];
    for (let i = 0; i < 1002; i++) {
      lines.push({
        t: start + i * 1000,
        cat: "marketing",
        user: `+5511900${String(i).padStart(6, "0")}`,
      });
    }
    lines[1001]!.t = Date.parse("2022-05-01T03:00:00Z");
    const records = referenceBill({accounts, messages: log(lines)});
    expect(records[999]?.type).toBe("free_tier");
    expect(records[1000]).toMatchObject({type: "regular", amount: "0.05", billable: true});
    expect(records[1000]?.time).toBe("2022-05-01T02:59:59.000Z");
    expect(records[1001]?.type).toBe("free_tier");
  });

  it("referenceBill attributes +1 809, +1 242, +7 7 and +263 by prefix and date (C-7, R-12)", () => {
    const market = (user: string, time: string): unknown =>
      referenceBill({
        pricing: "pmp-2026-10",
        rates: "2026-10-01",
        messages: [{time, user, direction: "outbound", type: "template", category: "marketing"}],
      })[0]?.market;
    expect(market("+18095551234", "2026-10-05T00:00:00Z")).toBe("Rest of Latin America");
    expect(market("+12125551234", "2026-10-05T00:00:00Z")).toBe("North America");
    expect(market("+12425551234", "2026-10-05T00:00:00Z")).toBe("Other");
    expect(market("+79161234567", "2026-10-05T00:00:00Z")).toBe("Russia");
    expect(market("+77011234567", "2026-09-30T23:59:59Z")).toBe("Other");
    expect(market("+77011234567", "2026-10-01T00:00:00Z")).toBe("Kazakhstan");
    expect(market("+263771234567", "2025-09-30T23:59:59Z")).toBe("Other");
    expect(market("+263771234567", "2025-10-01T00:00:00Z")).toBe("Rest of Africa");
    expect(market("+999123456", "2026-10-05T00:00:00Z")).toBe("Other");
  });

  it("referenceBill throws for a market missing from the edition or before the first edition", () => {
    const one = (user: string, time: string, pricing = "auto"): (() => unknown) => {
      return () =>
        referenceBill({
          pricing,
          messages: [{time, user, direction: "outbound", type: "template", category: "marketing"}],
        });
    };
    expect(one("+85291234567", "2026-07-01T00:00:00Z")).toThrow(/Hong Kong/);
    expect(one("+85291234567", "2026-06-30T23:59:59Z")).not.toThrow();
    expect(one("+4312345678", "2022-05-01T00:00:00Z")).toThrow(/Rest of Western Europe/);
    expect(one("+5511987654321", "2022-01-31T23:59:59Z")).toThrow();
    expect(one("+5511987654321", "2022-01-31T23:59:59Z", "cbp-2023-06")).toThrow();
    // A billable record needs its cell: cbp-2022-02 forced onto the 2023-06-01 card.
    const lines: Line[] = [];
    for (let i = 0; i < 1001; i++) {
      lines.push({
        t: Date.parse("2023-06-02T00:00:00Z") + i,
        cat: "utility",
        user: `+55119${i + 10000}`,
      });
    }
    expect(() =>
      referenceBill({pricing: "cbp-2022-02", messages: log(lines.slice(0, 1000))}),
    ).not.toThrow();
    expect(() => referenceBill({pricing: "cbp-2022-02", messages: log(lines)})).toThrow(
      /business_initiated/,
    );
  });

  it("referenceBill keeps carried conversations across switches under auto (R-19, I-5)", () => {
    const t22 = Date.parse("2023-05-31T20:00:00Z");
    const across22 = referenceBill({
      messages: log([
        {t: t22, cat: "marketing"},
        {t: t22 + 10 * H, cat: "utility"},
        {t: t22 + 24 * H, cat: "utility"},
      ]),
    });
    expect(brief(across22)).toEqual([
      "m1 business_initiated free_tier 0",
      "m3 utility regular 0.035",
    ]);
    expect(across22.map((r) => r.pricingModel)).toEqual(["cbp-2022-02", "cbp-2023-06"]);
    const t25 = Date.parse("2025-06-30T20:00:00Z");
    const across25 = referenceBill({
      messages: log([
        {t: t25, cat: "marketing"},
        {t: t25 + 10 * H, cat: "marketing"},
        {t: t25 + 11 * H, cat: "utility"},
        {t: t25 + 12 * H, type: "text"},
        {t: t25 + 24 * H, cat: "marketing"},
      ]),
    });
    expect(brief(across25)).toEqual([
      "m1 marketing regular 0.0625",
      "m3 utility regular 0.008",
      "m4 service free_customer_service 0",
      "m5 marketing regular 0.0625",
    ]);
    expect(across25[1]).toMatchObject({unit: "message", rateCard: "2024-11-01", tier: 0});
  });

  it("referenceBill prices authentication by C-8 under cbp-2024-11 and pmp-2025-07", () => {
    const accounts = (country: string | undefined, start: string): unknown => ({
      businesses: [
        {
          id: "b",
          country,
          authInternational: {IN: start},
          wabas: [{id: "w", phones: ["+442070000001"]}],
        },
      ],
    });
    const auth = (acc: unknown, time: string, pricing: string): string[] =>
      brief(
        referenceBill({
          accounts: acc,
          pricing,
          messages: log([{t: Date.parse(time), cat: "authentication", user: "+919876543210"}]),
        }),
      );
    expect(
      auth(accounts("DE", "2025-01-01T00:00:00Z"), "2025-01-01T00:00:00Z", "cbp-2024-11"),
    ).toEqual(["m1 authentication_international regular 0.028"]);
    expect(
      auth(accounts("DE", "2025-01-01T00:00:01Z"), "2025-01-01T00:00:00Z", "cbp-2024-11"),
    ).toEqual(["m1 authentication regular 0.0014"]);
    expect(
      auth(accounts("IN", "2025-01-01T00:00:00Z"), "2025-03-01T00:00:00Z", "cbp-2024-11"),
    ).toEqual(["m1 authentication regular 0.0014"]);
    expect(
      auth(accounts(undefined, "2025-01-01T00:00:00Z"), "2026-04-02T00:00:00Z", "pmp-2025-07"),
    ).toEqual(["m1 authentication_international regular 0.0304"]);
    // The 2026-10-01 card has no authentication_international column values (PMP26-6).
    expect(
      auth(accounts("DE", "2025-01-01T00:00:00Z"), "2026-10-02T00:00:00Z", "pmp-2026-10"),
    ).toEqual(["m1 authentication regular 0.0014"]);
  });

  it("referenceBill applies the pmp-2026-10 per-phone service allowance (PMP26-4)", () => {
    const t = Date.parse("2026-10-15T10:00:00Z");
    const lines: Line[] = [
      {t, dir: "in"},
      {t: t + H},
      {t: t + 2 * H},
      {t: t + 3 * H, cat: "utility"},
    ];
    expect(brief(referenceBill({messages: log(lines), serviceFreePerPhone: 1}))).toEqual([
      "m2 service free_tier 0",
      "m3 service regular 0.0068",
      "m4 utility regular 0.0068",
    ]);
    expect(brief(referenceBill({messages: log(lines), serviceFreePerPhone: 0}))[0]).toBe(
      "m2 service regular 0.0068",
    );
  });

  it("referenceBill moves Argentina utility to tier 1 at the 100,001st charged message (C-9)", () => {
    const accounts = {
      businesses: [
        {
          id: "b",
          wabas: [
            {id: "utc", timezone: "UTC", phones: ["+442070000001"]},
            {id: "kol", timezone: "Asia/Kolkata", phones: ["+912240000001"]},
          ],
        },
      ],
    };
    const start = Date.parse("2026-04-02T00:00:00Z");
    const messages: object[] = [];
    const user = "+5491123456789";
    for (let i = 0; i < 99_999; i++) {
      messages.push({
        time: iso(start + i * 1000),
        waba: "utc",
        user,
        direction: "outbound",
        type: "template",
        category: "utility",
      });
    }
    // 2026-04-30T20:00Z is already May in Kolkata: a separate month key for the same business.
    const may = Date.parse("2026-04-30T20:00:00Z");
    messages.push({
      time: iso(may),
      waba: "kol",
      user,
      direction: "outbound",
      type: "template",
      category: "utility",
    });
    messages.push({
      time: iso(may + 1),
      waba: "utc",
      user,
      direction: "outbound",
      type: "template",
      category: "utility",
    });
    messages.push({
      time: iso(may + 2),
      waba: "utc",
      user,
      direction: "outbound",
      type: "template",
      category: "utility",
    });
    messages.push({
      time: iso(may + 3),
      waba: "utc",
      user,
      direction: "outbound",
      type: "template",
      category: "authentication",
    });
    const records = referenceBill({accounts, messages, pricing: "pmp-2025-07"});
    const tail = records.slice(-5).map((r) => `${r.waba} ${r.category} ${r.tier} ${r.amount}`);
    expect(tail).toEqual([
      "utc utility 0 0.026",
      "kol utility 0 0.026",
      "utc utility 0 0.026",
      "utc utility 1 0.0247",
      "utc authentication 0 0.026",
    ]);
    // Stale tiers: Pakistan under the forced 2026-10-01 card stays at the list rate.
    const pk = referenceBill({
      pricing: "pmp-2026-10",
      rates: "2026-10-01",
      messages: Array.from({length: 150_001}, (_, i) => ({
        time: iso(Date.parse("2026-10-02T00:00:00Z") + i * 1000),
        user: "+923001234567",
        direction: "outbound",
        type: "template",
        category: "utility",
      })),
    });
    expect(pk.at(-1)).toMatchObject({tier: 0, amount: "0.015"});
  });
});

describe("reference helpers", () => {
  it("refFormatMicros(refParseMicros(x)) prints the shortest exact decimal", () => {
    expect(refFormatMicros(refParseMicros("0.0350"))).toBe("0.035");
    expect(refFormatMicros(refParseMicros("0"))).toBe("0");
    expect(refFormatMicros(refParseMicros("12.000001"))).toBe("12.000001");
    expect(() => refParseMicros("0.0000001")).toThrow();
  });

  it("refLocalDate uses the WABA timezone, including +14 h and +5:30", () => {
    expect(refLocalDate(Date.parse("2024-02-29T10:00:00Z"), "Pacific/Kiritimati")).toBe(
      "2024-03-01",
    );
    expect(refLocalDate(Date.parse("2024-02-29T18:29:59Z"), "Asia/Kolkata")).toBe("2024-02-29");
    expect(refLocalDate(Date.parse("2024-02-29T18:30:00Z"), "Asia/Kolkata")).toBe("2024-03-01");
    expect(refLocalDate(Date.parse("2024-03-01T02:59:59Z"), "America/Sao_Paulo")).toBe(
      "2024-02-29",
    );
  });
});
