import {describe, expect, it} from "vitest";
import {billText} from "../../engine/index.ts";
import {readShippedData} from "../../io/index.ts";
import {parseMicros, formatMicros} from "../../models/money/index.ts";
import type {QuoteRequest} from "../../server/api/schemas.ts";
import {createQuoter} from "../../server/quote/index.ts";
import type {QuoteBill} from "../../server/quote/index.ts";
import {NUMBERING_PLANS} from "./server-support.ts";

const data = readShippedData();
const quoter = createQuoter({rateCards: data, numberingPlansCsv: NUMBERING_PLANS});

function request({
  volumes,
  ...rest
}: Partial<Omit<QuoteRequest, "volumes">> & {
  volumes: Partial<QuoteRequest["volumes"]>;
}): QuoteRequest {
  return {
    country: "BR",
    month: "2026-11",
    pricing: "auto",
    rates: "auto",
    seed: 1,
    ...rest,
    volumes: {marketing: 0, utility: 0, authentication: 0, service: 0, ...volumes},
  };
}

const category = (bill: QuoteBill, name: string) =>
  bill.byCategory.find((c) => c.category === name);

describe("quick quote", () => {
  it.each([
    ["cbp-2023-06", "2026-11"],
    ["pmp-2025-07", "2026-05"],
    ["pmp-2026-10", "2026-11"],
    ["auto", "2024-02"],
  ] as const)(
    "quote(%s, %s) equals billText of its own synthetic logs, total by total",
    (pricing, month) => {
      const req = request({
        pricing,
        month,
        volumes: {marketing: 300, utility: 500, authentication: 200, service: 1200},
        contacts: 250,
      });
      const quote = quoter.quote(req);
      for (const [kind, bill] of [
        ["exact", quote.exact],
        ["time-aware", quote.simulated],
      ] as const) {
        const log = quoter.messageLog(req, kind);
        const {records} = billText(log.messages, {
          data,
          accounts: log.accounts,
          pricing: req.pricing,
          rates: req.rates,
        });
        const micros = records.reduce((sum, r) => sum + parseMicros(r.amount), 0);
        expect(bill.total, `${kind} total`).toBe(formatMicros(micros));
        expect(records.length, `${kind} records`).toBe(
          bill.byCategory.reduce((n, c) => n + c.records, 0),
        );
      }
    },
  );

  it("quote(cbp-2023-06) charges the 1,001st service conversation of the month, not the 1,000th", () => {
    const at1000 = quoter.quote(request({pricing: "cbp-2023-06", volumes: {service: 1000}}));
    expect(category(at1000.exact, "service")).toMatchObject({
      records: 1000,
      free: 1000,
      billable: 0,
      amount: "0",
    });
    const at1001 = quoter.quote(request({pricing: "cbp-2023-06", volumes: {service: 1001}}));
    expect(category(at1001.exact, "service")).toMatchObject({
      records: 1001,
      free: 1000,
      billable: 1,
    });
    expect(at1001.exact.naiveTotal).not.toBe(at1001.exact.total); // the calculator forgets the free tier
  });

  it("quote(pmp-2026-10) charges service replies beyond 1,000 free per phone; pmp-2025-07 none", () => {
    const charged = quoter.quote(request({pricing: "pmp-2026-10", volumes: {service: 1500}}));
    expect(category(charged.exact, "service")).toMatchObject({
      records: 1500,
      free: 1000,
      billable: 500,
    });
    const free = quoter.quote(request({pricing: "pmp-2025-07", volumes: {service: 1500}}));
    expect(category(free.exact, "service")).toMatchObject({
      records: 1500,
      free: 1500,
      billable: 0,
      amount: "0",
    });
  });

  it("quote(pmp-2025-07, BR, 2026-05) prices the 250,001st utility message of the month at volume tier 1", () => {
    const quote = quoter.quote(
      request({pricing: "pmp-2025-07", month: "2026-05", volumes: {utility: 250_001}}),
    );
    const lines = quote.exact.lines.filter((l) => l.category === "utility");
    expect(lines.map((l) => [l.tier, l.records, l.rate])).toEqual([
      [0, 250_000, "0.0068"],
      [1, 1, "0.0065"],
    ]);
    expect(quote.exact.total).toBe("1700.0065");
    expect(quote.exact.naiveTotal).toBe("1700.0068");
  });

  it("the time-aware month bills the same messages, fewer charges where windows are shared", () => {
    const quote = quoter.quote(
      request({
        pricing: "pmp-2025-07",
        month: "2026-05",
        volumes: {marketing: 2000, utility: 4000, authentication: 1000, service: 3000},
      }),
    );
    expect(quote.simulated.businessMessages).toBe(quote.exact.businessMessages);
    expect(Number(category(quote.simulated, "utility")!.amount)).toBeLessThan(
      Number(category(quote.exact, "utility")!.amount),
    );
    expect(category(quote.simulated, "utility")!.free).toBeGreaterThan(1000); // confirmations inside the service window
    const cbp = quoter.quote(
      request({pricing: "cbp-2023-06", volumes: {utility: 4000, service: 3000}, contacts: 500}),
    );
    expect(category(cbp.simulated, "utility")!.records).toBeLessThan(4000); // conversations absorb messages
  });

  it("quote(request) is deterministic for a seed and varies with it", () => {
    const req = request({
      pricing: "cbp-2023-06",
      volumes: {marketing: 500, utility: 800, service: 600},
      contacts: 300,
    });
    expect(quoter.quote(req)).toEqual(quoter.quote(req));
    expect(quoter.quote({...req, seed: 2}).simulated.total).not.toBe(
      quoter.quote(req).simulated.total,
    );
  });
});
