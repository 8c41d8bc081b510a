import {describe, expect, it} from "vitest";
import {
  addToAggregate,
  createBillingRun,
  createChargeAggregate,
  createChargeSummary,
  createDayCalendar,
  createWabaMonths,
  dayIndexOf,
} from "../../../engine/index.ts";
import {readShippedData} from "../../../io/index.ts";

const data = readShippedData();

describe("createDayCalendar", () => {
  it("createDayCalendar(2025-11-01, 2025-11-03, America/Sao_Paulo) starts days at local midnight", () => {
    const calendar = createDayCalendar("2025-11-01", "2025-11-03", "America/Sao_Paulo");
    expect(calendar.days).toEqual(["2025-11-01", "2025-11-02"]);
    expect([...calendar.starts]).toEqual([
      Date.UTC(2025, 10, 1, 3),
      Date.UTC(2025, 10, 2, 3),
      Date.UTC(2025, 10, 3, 3),
    ]);
    expect(dayIndexOf(calendar, Date.UTC(2025, 10, 2, 2, 59, 59, 999))).toBe(0);
    expect(dayIndexOf(calendar, Date.UTC(2025, 10, 2, 3))).toBe(1);
  });
  it("createDayCalendar(Europe/Berlin) has a 23-hour day on the spring DST change", () => {
    const calendar = createDayCalendar("2026-03-29", "2026-03-30", "Europe/Berlin");
    expect(calendar.starts[1]! - calendar.starts[0]!).toBe(23 * 3_600_000);
  });
  it("createDayCalendar rejects an empty period", () => {
    expect(() => createDayCalendar("2025-11-02", "2025-11-01", "UTC")).toThrow(/empty period/);
  });
});

describe("addToAggregate", () => {
  it("addToAggregate(batch, charges) totals the same amount as the summary and counts traffic by day and market", () => {
    const lines = [
      '{"time":"2026-04-06T00:00:00Z","user":"+5511976543210","direction":"outbound","type":"template","category":"marketing"}',
      '{"time":"2026-04-06T02:00:00Z","user":"+5511976543210","direction":"inbound","type":"text"}',
      '{"time":"2026-04-06T03:00:00Z","user":"+5511976543210","direction":"outbound","type":"text"}',
      '{"time":"2026-04-07T06:00:00Z","user":"+919876543210","direction":"outbound","type":"template","category":"utility"}',
      '{"time":"2026-04-07T07:00:00Z","user":"+919876543210","direction":"outbound","type":"template","category":"utility","status":"failed"}',
    ];
    let aggregate: ReturnType<typeof createChargeAggregate> | undefined;
    let summary: ReturnType<typeof createChargeSummary> | undefined;
    const run = createBillingRun({data}, (batch, charges) => {
      aggregate ??= createChargeAggregate(
        createDayCalendar("2026-04-06", "2026-04-08", "UTC"),
        run.context.markets.markets,
      );
      summary ??= createChargeSummary(run.context);
      addToAggregate(aggregate, run.context, batch, charges);
      summary.add(charges);
    });
    for (const line of lines) run.reader.push(line);
    run.reader.end();
    const a = aggregate!;
    const total = a.amountMicros.reduce((x, y) => x + y, 0);
    expect(total / 1e6).toBe(Number(summary!.result().amount));
    expect(total).toBe(62500 + 1400); // Brazil marketing 0.0625 + India utility 0.0014 (rates-2026-04-01.csv)
    const markets = a.markets;
    const brazil = markets.indexOf("Brazil");
    const india = markets.indexOf("India");
    expect(a.inbound[0 * markets.length + brazil]).toBe(1);
    expect(a.delivered[(0 * markets.length + brazil) * 4 + 0]).toBe(1); // marketing
    expect(a.delivered[(0 * markets.length + brazil) * 4 + 3]).toBe(1); // service (text)
    expect(a.delivered[(1 * markets.length + india) * 4 + 1]).toBe(1); // utility
    expect(a.failed[(1 * markets.length + india) * 4 + 1]).toBe(1);
  });
  it("addToAggregate with months kept from batch to batch equals a fresh look-up per batch, across a month and market-era change", () => {
    // +7 7xx: Kazakhstan is market Other until 2026-09-30 and Kazakhstan from 2026-10-01 (C-7)
    const lines = [
      '{"time":"2026-09-30T10:00:00Z","user":"+77012345678","direction":"inbound","type":"text"}',
      '{"time":"2026-09-30T23:59:59.999Z","user":"+77012345678","direction":"inbound","type":"text"}',
      '{"time":"2026-10-01T00:00:00Z","user":"+77012345678","direction":"inbound","type":"text"}',
      '{"time":"2026-10-01T01:00:00Z","user":"+77012345678","direction":"outbound","type":"template","category":"utility"}',
    ];
    const calendar = createDayCalendar("2026-09-30", "2026-10-02", "UTC");
    let kept: ReturnType<typeof createChargeAggregate> | undefined;
    let fresh: ReturnType<typeof createChargeAggregate> | undefined;
    let months: ReturnType<typeof createWabaMonths> | undefined;
    const run = createBillingRun({data, batchSize: 1}, (batch, charges) => {
      kept ??= createChargeAggregate(calendar, run.context.markets.markets);
      fresh ??= createChargeAggregate(calendar, run.context.markets.markets);
      months ??= createWabaMonths(run.context.accounts.wabas.length);
      addToAggregate(kept, run.context, batch, charges, months);
      addToAggregate(fresh, run.context, batch, charges);
    });
    for (const line of lines) run.reader.push(line);
    run.reader.end();
    expect(kept).toEqual(fresh);
    const markets = kept!.markets;
    expect(kept!.inbound[0 * markets.length + markets.indexOf("Other")]).toBe(2);
    expect(kept!.inbound[1 * markets.length + markets.indexOf("Kazakhstan")]).toBe(1);
  });
});
