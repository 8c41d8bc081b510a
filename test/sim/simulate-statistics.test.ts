import {mean, probit, sampleStandardDeviation} from "simple-statistics";
import {describe, expect, it} from "vitest";
import {planOf, rowsOf, yamlOf} from "./fixtures.ts";
import type {Row} from "./fixtures.ts";

// Fixed seeds: deterministic, so they never flake; bounds are 99.99 % confidence intervals.
const Z = probit(0.99995);
const DAY = 86_400_000;
const HOUR = 3_600_000;

const byUser = (rows: Row[]) => {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    let list = map.get(row.user);
    if (list === undefined) map.set(row.user, (list = []));
    list.push(row);
  }
  return map;
};

/** The first outbound after each inbound of the same user: (inbound, reply) pairs. */
function replies(rows: Row[]): [Row, Row][] {
  const pairs: [Row, Row][] = [];
  for (const list of byUser(rows).values()) {
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.direction !== "inbound") continue;
      const next = list.slice(i + 1).find((r) => r.direction === "outbound");
      const nextInbound = list.slice(i + 1).find((r) => r.direction === "inbound");
      if (next !== undefined && (nextInbound === undefined || next.tMs <= nextInbound.tMs))
        pairs.push([list[i]!, next]);
    }
  }
  return pairs;
}

describe("simulate(): traffic matches its parameters", () => {
  it("organic session arrivals over a week are Poisson with mean users x rate x days", () => {
    // 10,000 users x 3 sessions / 30 days x 7 days = 7,000 sessions of one message each
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 10000}]
  profile: flat
  sessions: {organic: {perUserPerMonth: 3}, turns: 1}
  replies: {noReply: 1}`),
    );
    for (const seed of [1, 2, 3]) {
      const inbound = rowsOf(plan, seed).filter((r) => r.direction === "inbound").length;
      expect(Math.abs(inbound - 7000)).toBeLessThan(Z * Math.sqrt(7000));
    }
  });

  it("ad sessions follow budget / CPM x 1,000 x CTR x chat rate, and page CTA visits x CTR", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 50000}]
  sessions:
    organic: {perUserPerMonth: 0}
    ctwaAd: {budgetPerDay: 60, cpm: 4, ctr: 0.02, chatRate: 0.5}
    pageCta: {visitsPerDay: 2000, ctr: 0.05}
    turns: 1
  replies: {noReply: 1}`),
    );
    const rows = rowsOf(plan, 11);
    const ads = rows.filter((r) => r.entryPoint === "ctwa_ad").length;
    const cta = rows.filter((r) => r.entryPoint === "fb_page_cta").length;
    // 60 / 4 x 1000 x 0.02 x 0.5 = 150 a day; 2000 x 0.05 = 100 a day; 7 days
    expect(Math.abs(ads - 1050)).toBeLessThan(Z * Math.sqrt(1050));
    expect(Math.abs(cta - 700)).toBeLessThan(Z * Math.sqrt(700));
  });

  it("the diurnal profile shapes arrivals in the users' local time", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 20000}]
  profile: office
  sessions: {organic: {perUserPerMonth: 3}, turns: 1}
  replies: {noReply: 1}`),
    );
    const rows = rowsOf(plan, 5);
    const night = rows.filter((r) => {
      const localHour = Math.floor(((((r.tMs - 3 * HOUR) % DAY) + DAY) % DAY) / HOUR);
      return localHour < 5;
    }).length;
    const morning = rows.filter((r) => {
      const localHour = Math.floor(((((r.tMs - 3 * HOUR) % DAY) + DAY) % DAY) / HOUR);
      return localHour >= 9 && localHour < 14;
    }).length;
    expect(morning / night).toBeGreaterThan(30);
  });

  it("sessions have 1 + Poisson(turns - 1) user messages: the mean is `turns`", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 100000}]
  sessions:
    organic: {perUserPerMonth: 0}
    ctwaAd: {budgetPerDay: 100, cpm: 2, ctr: 0.01, chatRate: 1}
    turns: 4
    repliesPerTurn: 1
  replies: {botShare: 1, noReply: 0}`),
    );
    const rows = rowsOf(plan, 21);
    const sessions = rows.filter((r) => r.entryPoint === "ctwa_ad").length;
    const inbound = rows.filter((r) => r.direction === "inbound").length;
    expect(sessions).toBeGreaterThan(2500);
    // per-session counts have variance turns - 1 = 3
    expect(Math.abs(inbound / sessions - 4)).toBeLessThan((Z * Math.sqrt(3)) / Math.sqrt(sessions));
    const outbound = rows.filter((r) => r.direction === "outbound").length;
    // one reply per turn; only replies due after the end of the period are cut
    expect(inbound - outbound).toBeGreaterThanOrEqual(0);
    expect(inbound - outbound).toBeLessThan(5);
  });

  it("bot reply latency is lognormal with the configured median and sigma", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 20000}]
  sessions: {organic: {perUserPerMonth: 6}, turns: 1, repliesPerTurn: 1}
  replies: {botShare: 1, bot: {median: 3s, sigma: 0.6}, noReply: 0}`),
    );
    const logs = replies(rowsOf(plan, 8)).map(([inbound, reply]) =>
      Math.log(reply.tMs - inbound.tMs),
    );
    expect(logs.length).toBeGreaterThan(20_000);
    expect(Math.abs(mean(logs) - Math.log(3000))).toBeLessThan((Z * 0.6) / Math.sqrt(logs.length));
    expect(Math.abs(sampleStandardDeviation(logs) - 0.6)).toBeLessThan(
      Z * 0.6 * Math.sqrt(1 / (2 * logs.length)),
    );
  });

  it("agents answer only in working hours; replies 24 h or more late are utility templates (C-3)", () => {
    const plan = planOf(
      yamlOf(
        `  populations: [{id: br, market: BR, users: 20000}]
  profile: flat
  sessions: {organic: {perUserPerMonth: 3}, turns: 1, repliesPerTurn: 1}
  replies:
    botShare: 0
    agents: {median: 5m, sigma: 0.5}
    workingHours: {days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00"}
    noReply: 0`,
        {end: "2025-11-12"},
      ),
    );
    const pairs = replies(rowsOf(plan, 4));
    expect(pairs.length).toBeGreaterThan(1000);
    let late = 0;
    for (const [inbound, reply] of pairs) {
      const local = reply.tMs - 3 * HOUR; // São Paulo, no DST
      const weekday = (Math.floor(local / DAY) + 3) % 7;
      const hour = Math.floor((local % DAY) / HOUR);
      expect(weekday).toBeLessThan(5);
      expect(hour).toBeGreaterThanOrEqual(9);
      const isLate = reply.tMs >= inbound.tMs + 24 * HOUR;
      expect(reply.type === "template").toBe(isLate);
      if (isLate) {
        expect(reply.category).toBe("utility");
        late++;
      }
    }
    expect(late).toBeGreaterThan(0);
  });

  it("a share webShare of sessions comes from web devices", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 40000, webShare: 0.2}]
  sessions: {organic: {perUserPerMonth: 3}, turns: 1}
  replies: {noReply: 1}`),
    );
    const inbound = rowsOf(plan, 9).filter((r) => r.direction === "inbound");
    const web = inbound.filter((r) => r.device === "web").length;
    expect(Math.abs(web / inbound.length - 0.2)).toBeLessThan(
      Z * Math.sqrt((0.2 * 0.8) / inbound.length),
    );
  });
});

describe("simulate(): business-initiated traffic", () => {
  it("a campaign sends one template to each user of its segment, at its send rate", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 4000}, {id: pt, market: PT, users: 1000}]
  sessions: {organic: {perUserPerMonth: 0}}
  marketingLimits: {blockedShare: 0}
  failures: {rate: 0}
  campaigns:
    - {name: promo, at: "2025-11-04T13:00:00Z", every: 2d, count: 2, segment: {populations: [br], share: 0.25}, sendRate: 10, responseRate: 0}`),
    );
    const rows = rowsOf(plan, 3);
    const first = rows.filter((r) => r.tMs < Date.UTC(2025, 10, 5));
    const second = rows.filter((r) => r.tMs >= Date.UTC(2025, 10, 5));
    expect(
      first.every(
        (r) => r.type === "template" && r.category === "marketing" && r.status === "delivered",
      ),
    ).toBe(true);
    expect(new Set(first.map((r) => r.user)).size).toBe(first.length);
    expect(first.every((r) => r.user.startsWith("+55"))).toBe(true);
    expect(Math.abs(first.length - 1000)).toBeLessThan(Z * Math.sqrt(4000 * 0.25 * 0.75));
    // the segment is the same users every time
    expect(second.map((r) => r.user)).toEqual(first.map((r) => r.user));
    // 10 messages a second
    expect(first[0]!.tMs).toBe(Date.UTC(2025, 10, 4, 13));
    expect(first.at(-1)!.tMs - first[0]!.tMs).toBe((first.length - 1) * 100);
  });

  it("the frequency cap skips sends and Meta's per-user limits fail a share of marketing", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 5000}]
  sessions: {organic: {perUserPerMonth: 0}}
  failures: {rate: 0}
  frequencyCap: {max: 2, per: 7d}
  marketingLimits: {blockedShare: 0.1}
  campaigns:
    - {name: daily, at: "2025-11-03T12:00:00Z", every: 1d, sendRate: 1000, responseRate: 0}`),
    );
    const rows = rowsOf(plan, 12);
    expect(rows.length).toBe(2 * 5000); // 7 daily occurrences, at most 2 per user per 7 days
    const failed = rows.filter((r) => r.status === "failed").length;
    expect(Math.abs(failed / rows.length - 0.1)).toBeLessThan(Z * Math.sqrt(0.09 / rows.length));
  });

  it("marketing templates to US numbers fail from 2025-04-01 (PMP25-8), utility ones do not", () => {
    const traffic = `  populations: [{id: us, market: US, users: 500}]
  sessions: {organic: {perUserPerMonth: 0}}
  marketingLimits: {blockedShare: 0}
  failures: {rate: 0}
  campaigns:
    - {name: m, at: "2025-03-31T12:00:00Z", every: 1d, count: 2, sendRate: 1000, responseRate: 0}
    - {name: u, at: "2025-04-01T14:00:00Z", category: utility, sendRate: 1000, responseRate: 0}`;
    const rows = rowsOf(planOf(yamlOf(traffic, {start: "2025-03-31", end: "2025-04-02"})), 1);
    const before = rows.filter((r) => r.tMs < Date.UTC(2025, 3, 1));
    const after = rows.filter((r) => r.tMs >= Date.UTC(2025, 3, 1) && r.category === "marketing");
    expect(before.every((r) => r.status === "delivered")).toBe(true);
    expect(after.length).toBe(500);
    expect(after.every((r) => r.status === "failed")).toBe(true);
    expect(
      rows.filter((r) => r.category === "utility").every((r) => r.status === "delivered"),
    ).toBe(true);
  });

  it("OTP flows resend codes after failures or requests, at most maxAttempts per login", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: in, market: IN, users: 20000}]
  sessions: {organic: {perUserPerMonth: 0}}
  failures: {rate: 0.2}
  authentication:
    perUserPerMonth: 3
    retry: {probability: 0.1, after: {median: 40s, sigma: 0}, maxAttempts: 3}`),
    );
    const rows = rowsOf(plan, 6);
    expect(rows.every((r) => r.category === "authentication")).toBe(true);
    // a login sends k codes with P(k=1) = 0.72, P(k=2) = 0.2016, P(k=3) = 0.0784: mean 1.3584
    let logins = 0;
    for (const list of byUser(rows).values()) {
      for (let i = 0; i < list.length; i++)
        if (i === 0 || list[i]!.tMs - list[i - 1]!.tMs !== 40_000) logins++;
    }
    const ratio = rows.length / logins;
    expect(Math.abs(ratio - 1.3584)).toBeLessThan((Z * 0.62) / Math.sqrt(logins));
  });

  it("orders send their notifications in turn; session orders start inside the window", () => {
    const plan = planOf(
      yamlOf(`  populations: [{id: br, market: BR, users: 20000}]
  sessions: {organic: {perUserPerMonth: 2}, turns: 1}
  replies: {botShare: 1, noReply: 0}
  failures: {rate: 0}
  orders:
    conversion: 0.5
    replyRate: 0
    notifications:
      - {name: confirmation, after: {median: 1m, sigma: 0}}
      - {name: shipped, after: {median: 2d, sigma: 0}}`),
    );
    const rows = rowsOf(plan, 13);
    const utility = rows.filter((r) => r.category === "utility");
    const sessions = rows.filter((r) => r.direction === "inbound").length;
    const users = byUser(rows);
    const confirmations = utility.filter((r) => {
      const own = users.get(r.user)!.filter((x) => x.direction === "inbound" && x.tMs < r.tMs);
      return own.length > 0 && r.tMs - own.at(-1)!.tMs < 24 * HOUR;
    }).length;
    expect(Math.abs(confirmations / sessions - 0.5)).toBeLessThan(0.05);
    expect(utility.length).toBeGreaterThan(confirmations);
  });
});
