import {describe, expect, it} from "vitest";
import {isTimeZone} from "../../models/calendar/index.ts";
import {InputError} from "../../models/input-error.ts";
import {countryOf} from "../../models/markets/index.ts";
import {
  campaignOccurrences,
  compileTrafficPlan,
  createHourlyRates,
  createLocalClock,
  createNumberSequence,
  instantOfLocal,
  localMs,
  maybeActivityProfile,
  nextWorkingMs,
  numberCapacity,
  offsetAt,
  parseDurationMs,
  parseSimulationConfig,
  spikeMultiplier,
  workingHoursSchema,
} from "../../models/traffic/index.ts";
import {data, numbering, planOf, yamlOf} from "./fixtures.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;

function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe("numbering plans", () => {
  it("every plan's numbers are valid E.164 and attribute to the plan's own country (C-7)", () => {
    for (const plan of numbering.values()) {
      expect(isTimeZone(plan.timeZone), plan.timeZone).toBe(true);
      const numberOf = createNumberSequence(plan, 12345);
      const capacity = numberCapacity(plan);
      for (const index of [0, 1, 2, 17, 999, capacity - 1]) {
        const e164 = numberOf(index);
        expect(e164).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(e164.length - 1).toBe(plan.callingCode.length + plan.nsnLength);
        const country = data.markets.countries[countryOf(data.markets, e164)]!;
        expect(country.iso2s, `${plan.iso2} ${e164}`).toContain(plan.iso2);
      }
    }
  });

  it("createNumberSequence(plan, key) is a bijection: 200,000 users get 200,000 numbers", () => {
    const numberOf = createNumberSequence(numbering.get("BR")!, 99);
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(numberOf(i));
    expect(seen.size).toBe(200_000);
    expect(() => numberOf(numberCapacity(numbering.get("BR")!))).toThrow(RangeError);
  });

  it("different keys give different numbers for the same user", () => {
    const plan = numbering.get("IN")!;
    expect(createNumberSequence(plan, 1)(5)).not.toBe(createNumberSequence(plan, 2)(5));
  });
});

describe("local time", () => {
  it("offsetAt() knows half-hour zones and DST", () => {
    expect(offsetAt("Asia/Kolkata", Date.UTC(2025, 0, 1))).toBe(5.5 * HOUR);
    expect(offsetAt("America/Sao_Paulo", Date.UTC(2025, 0, 1))).toBe(-3 * HOUR);
    // Europe/Berlin springs forward at 2025-03-30 01:00 UTC
    expect(offsetAt("Europe/Berlin", Date.UTC(2025, 2, 30, 0, 59))).toBe(HOUR);
    expect(offsetAt("Europe/Berlin", Date.UTC(2025, 2, 30, 1, 0))).toBe(2 * HOUR);
  });

  it("instantOfLocal(clock, localMs(clock, t)) === t across a DST change", () => {
    const clock = createLocalClock("Europe/Berlin", Date.UTC(2025, 2, 28), Date.UTC(2025, 3, 2));
    for (let t = Date.UTC(2025, 2, 29); t < Date.UTC(2025, 2, 31); t += 15 * 60_000) {
      expect(instantOfLocal(clock, localMs(clock, t))).toBe(t);
    }
  });

  it("nextWorkingMs() waits from Saturday noon to Monday 09:00 and keeps [from, to) half-open", () => {
    const clock = createLocalClock(
      "America/Sao_Paulo",
      Date.UTC(2025, 10, 1),
      Date.UTC(2025, 10, 30),
    );
    const hours = workingHoursSchema.parse({});
    const local = (d: number, h: number) => Date.UTC(2025, 10, d, h + 3); // UTC-3
    expect(nextWorkingMs(clock, hours, local(8, 12))).toBe(local(10, 9)); // Sat 8 Nov -> Mon 10 Nov
    expect(nextWorkingMs(clock, hours, local(11, 10))).toBe(local(11, 10));
    expect(nextWorkingMs(clock, hours, local(11, 18))).toBe(local(12, 9));
    expect(nextWorkingMs(clock, hours, local(11, 18) - 1)).toBe(local(11, 18) - 1);
  });

  it("createHourlyRates() averages 1 over a week and applies spikes on local days", () => {
    const start = Date.UTC(2025, 10, 3, 3); // Monday 00:00 in São Paulo
    const clock = createLocalClock("America/Sao_Paulo", start, start + 14 * DAY);
    const spike = {
      name: "bf",
      fromDay: Math.floor((start - 3 * HOUR) / DAY) + 7,
      toDay: Math.floor((start - 3 * HOUR) / DAY) + 7,
      multiplier: 3,
      applies: ["sessions" as const],
    };
    const rates = createHourlyRates(clock, maybeActivityProfile("retail"), [spike], "sessions");
    const first = (start - rates.baseMs) / HOUR;
    let week = 0;
    for (let h = 0; h < 168; h++) week += rates.multipliers[first + h]!;
    expect(week / 168).toBeCloseTo(1, 9);
    let spikeDay = 0;
    for (let h = 168; h < 168 + 24; h++) spikeDay += rates.multipliers[first + h]!;
    let plainDay = 0;
    for (let h = 0; h < 24; h++) plainDay += rates.multipliers[first + h]!;
    expect(spikeDay / plainDay).toBeCloseTo(3, 9);
    expect(spikeMultiplier([spike], spike.fromDay, "orders")).toBe(1);
  });
});

describe("small models", () => {
  it("parseDurationMs() reads units", () => {
    expect(parseDurationMs("45s")).toBe(45_000);
    expect(parseDurationMs("1.5h")).toBe(5_400_000);
    expect(parseDurationMs("3d")).toBe(3 * DAY);
    expect(parseDurationMs("3 days")).toBeUndefined();
  });

  it("campaignOccurrences() repeats `every` until `count` or the period's end", () => {
    expect(campaignOccurrences({at: 0, every: 10, count: 3}, 0, 100)).toEqual([0, 10, 20]);
    expect(campaignOccurrences({at: 0, every: 40}, 0, 100)).toEqual([0, 40, 80]);
    expect(campaignOccurrences({at: -5, every: undefined, count: undefined}, 0, 100)).toEqual([]);
  });
});

describe("parseSimulationConfig / compileTrafficPlan", () => {
  const population = `  populations:
    - {id: br, market: BR, users: 1000}`;

  it("fills defaults and compiles populations, sources and phones", () => {
    const plan = planOf(yamlOf(`${population}\n  sessions: {ctwaAd: {budgetPerDay: 30}}`));
    const business = plan.businesses[0]!;
    expect(business.totalUsers).toBe(1000);
    expect(business.sources.map((s) => s.key)).toEqual([
      "sessions/organic/br",
      "sessions/ctwa_ad/br",
    ]);
    expect(business.sources[1]!.perMs * DAY).toBeCloseTo((30 / 3) * 1000 * 0.01 * 0.5, 9);
    expect(business.replies.botShare).toBe(0.6);
    expect(plan.endMs - plan.startMs).toBe(7 * DAY);
    expect(plan.startMs).toBe(Date.UTC(2025, 10, 3)); // period.timezone defaults to UTC
  });

  it("splits `users` by share and gives a WABA without phones its implicit phone", () => {
    const plan = planOf(
      yamlOf(
        `  users: 2000
  populations:
    - {market: BR, share: 0.75}
    - {market: PT, share: 0.25}`,
        {accounts: `  businesses:\n    - id: shop\n      wabas: [{id: w}]`},
      ),
    );
    expect(plan.businesses[0]!.populations.map((p) => [p.id, p.users, p.offset])).toEqual([
      ["br", 1500, 0],
      ["pt", 500, 1500],
    ]);
    expect(plan.accounts.phones).toEqual([{number: null, waba: 0}]);
  });

  it("reports every schema problem with file and JSON path", () => {
    const yaml = yamlOf(`${population}
  campaigns:
    - name: bf
      at: tomorrow
      segment: {share: 2}
  replies: {botShare: -1}`);
    expect(problemsOf(() => parseSimulationConfig(yaml, "scenarios/x.yaml"))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^scenarios\/x\.yaml#\/traffic\/campaigns\/0\/at: invalid time/),
        expect.stringMatching(/^scenarios\/x\.yaml#\/traffic\/campaigns\/0\/segment\/share: /),
        expect.stringMatching(/^scenarios\/x\.yaml#\/traffic\/replies\/botShare: /),
      ]),
    );
  });

  it("reports unknown populations, businesses and WABAs with their paths", () => {
    const yaml = `name: t
period: {start: 2025-11-03, end: 2025-11-04}
accounts: {businesses: [{id: a, wabas: [{id: wa}]}, {id: b, wabas: [{id: wb}]}]}
traffic:
  - business: a
    populations: [{id: br, market: BR, users: 10, waba: wb}]
  - business: c
    populations: [{market: BR, users: 10}]
  - business: b
    populations: [{id: br, market: BR, users: 10}, {market: XX, users: 1}]
    campaigns: [{name: x, at: "2025-11-03T10:00:00Z", segment: {populations: [pt]}}]
`;
    const config = parseSimulationConfig(yaml, "s.yaml");
    expect(problemsOf(() => compileTrafficPlan(config, config.accounts!, numbering))).toEqual([
      "s.yaml#/traffic/0/populations/0/waba: unknown WABA for this business",
      "s.yaml#/traffic/1/business: unknown business",
      "s.yaml#/traffic/2/populations/1/market: no numbering plan for market",
    ]);
  });

  it("reports a filter naming a population that does not exist", () => {
    const yaml = yamlOf(`${population}
  campaigns: [{name: x, at: "2025-11-03T10:00:00Z", segment: {populations: [pt]}}]`);
    expect(problemsOf(() => planOf(yaml, "x.yaml"))).toEqual([
      "x.yaml#/traffic/campaigns/0/segment/populations/0: unknown population",
    ]);
  });

  it("rejects a period that ends before it starts and a missing accounts section", () => {
    expect(
      problemsOf(() =>
        parseSimulationConfig(
          yamlOf(population, {start: "2025-11-10", end: "2025-11-03"}),
          "p.yaml",
        ),
      ),
    ).toEqual(["p.yaml#/period/end: the period must end after it starts"]);
    expect(
      problemsOf(() =>
        parseSimulationConfig(
          "period: {start: 2025-11-03, end: 2025-11-04}\ntraffic: {populations: [{market: BR, users: 1}]}",
          "q.yaml",
        ),
      ),
    ).toEqual(["q.yaml#/accounts: missing accounts"]);
  });
});

describe("compileTrafficPlan: shared plan parts", () => {
  const accounts = `  businesses:
${["a", "b", "c"].map((id) => `    - {id: ${id}, country: BR, wabas: [{id: ${id}-w, timezone: America/Sao_Paulo}]}`).join("\n")}`;
  const block = (id: string, botShare: number, budget: number) => `  - business: ${id}
    populations: [{market: BR, users: 100}]
    replies: {botShare: ${botShare}}
    sessions: {ctwaAd: {budgetPerDay: ${budget}}}
    campaigns: [{name: promo, at: "2025-11-04T13:00:00Z", segment: {share: 0.5}}]`;
  const text = yamlOf([block("a", 0.5, 10), block("b", 0.5, 10), block("c", 0, 20)].join("\n"), {
    accounts,
  });

  it("compileTrafficPlan(config) gives businesses with equal settings one shared copy of each part, and others their own", () => {
    const config = parseSimulationConfig(text, "shared.yaml");
    const [a, b, c] = compileTrafficPlan(config, config.accounts!, numbering).businesses;
    expect(b!.replies).toBe(a!.replies);
    expect(b!.shape).toBe(a!.shape);
    expect(b!.campaigns).toBe(a!.campaigns);
    expect(b!.sources[0]).toBe(a!.sources[0]);
    expect(c!.replies).not.toBe(a!.replies);
    expect(c!.shape).not.toBe(a!.shape);
    expect(c!.campaigns).toBe(a!.campaigns);
  });
});
