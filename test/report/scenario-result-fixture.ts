/**
 * A realistic ScenarioResult built without the runner: three strategies over a sweep of the
 * ad-entry share, 30 days of November 2026 in São Paulo, five markets, 12 replications with common
 * random numbers. Exact per-replication totals come from integer micro-unit sums; every mean and
 * interval is computed by engine/stats from the same replication values, as the runner does.
 */
import type {ScenarioResult, StrategyRun} from "../../engine/scenario/scenario-result.ts";
import {meanInterval, pairedDifference} from "../../engine/stats/index.ts";
import {formatMicros} from "../../models/money/index.ts";

const MARKETS = ["Brazil", "India", "Indonesia", "Mexico", "Germany"] as const;
const MESSAGE_CATEGORIES = ["marketing", "utility", "authentication", "service"] as const;

/** Daily delivered business messages per market and message category, before noise. */
const VOLUME: Record<
  (typeof MARKETS)[number],
  Record<(typeof MESSAGE_CATEGORIES)[number], number>
> = {
  Brazil: {marketing: 900, utility: 1400, authentication: 300, service: 2600},
  India: {marketing: 500, utility: 600, authentication: 1800, service: 900},
  Indonesia: {marketing: 300, utility: 350, authentication: 900, service: 500},
  Mexico: {marketing: 400, utility: 500, authentication: 150, service: 800},
  Germany: {marketing: 120, utility: 160, authentication: 40, service: 260},
};

/** Rates in micro-units per market: marketing, utility, authentication, service (2023-06 style). */
const RATES: Record<(typeof MARKETS)[number], [number, number, number, number]> = {
  Brazil: [62500, 35000, 31500, 30000],
  India: [10700, 1400, 1400, 4000],
  Indonesia: [41100, 25000, 30000, 21900],
  Mexico: [43600, 10000, 23900, 8800],
  Germany: [136500, 76800, 76800, 38800],
};

interface Strategy {
  name: string;
  description: string;
  /** Charge per message and category (marketing, utility, authentication, service) as a multiplier of the rate; conversations charge per 1.6 messages. */
  perConversation: boolean;
  factors: [number, number, number, number];
}

const STRATEGIES: Strategy[] = [
  {
    name: "cbp-2023-06",
    description: "Per-conversation pricing, June 2023 rate card",
    perConversation: true,
    factors: [1, 1, 1, 1],
  },
  {
    name: "pmp-2025-07",
    description: "Per-message pricing, service free",
    perConversation: false,
    factors: [1, 0.35, 0.95, 0],
  },
  {
    name: "pmp-2026-10 + utility in window",
    description: "Per-message pricing with charged service, utility sent inside the window",
    perConversation: false,
    factors: [1, 0.2, 0.95, 0.3],
  },
];

const AD_SHARES = [0.1, 0.3, 0.5];
const DAYS = Array.from({length: 30}, (_, k) => `2026-11-${String(k + 1).padStart(2, "0")}`);
const REPLICATIONS = 12;
const USERS = 60000;

/** mulberry32: a tiny seeded generator, enough for fixture noise. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weekly rhythm plus the Black Friday week (Nov 23–29). */
function dayFactor(k: number): number {
  const weekday = (k + 0) % 7; // 2026-11-01 is a Sunday
  const week = weekday === 0 ? 0.7 : weekday === 6 ? 0.85 : 1;
  return k >= 22 && k <= 28 ? week * 2.2 : week;
}

interface Replication {
  /** Counts per day x market x message category (common random numbers across strategies). */
  counts: Float64Array;
}

function simulateReplications(): Replication[] {
  const random = generator(42);
  const out: Replication[] = [];
  for (let r = 0; r < REPLICATIONS; r++) {
    const counts = new Float64Array(DAYS.length * MARKETS.length * MESSAGE_CATEGORIES.length);
    let i = 0;
    for (let d = 0; d < DAYS.length; d++) {
      const replicationLevel = 0.9 + (0.2 * ((r * 7919) % 13)) / 12;
      for (const market of MARKETS) {
        for (const category of MESSAGE_CATEGORIES) {
          const noise = 0.8 + 0.4 * random();
          counts[i++] = Math.round(
            VOLUME[market][category] * dayFactor(d) * noise * replicationLevel,
          );
        }
      }
    }
    out.push({counts});
  }
  return out;
}

function strategyRun(
  strategy: Strategy,
  adShare: number,
  replications: Replication[],
  first: number[] | null,
  sweep: boolean,
): {run: StrategyRun; totals: number[]} {
  const nDays = DAYS.length;
  const nCat = MESSAGE_CATEGORIES.length;
  const totalsMicros: number[] = [];
  const dailyUsd: number[][] = DAYS.map(() => []);
  const dailyCat: Record<string, number[]> = {};
  const byCategoryUsd: Record<string, number[]> = {};
  const byMarketUsd: Record<string, number[]> = {};
  const messages: Record<string, number[]> = {};
  const conversations: Record<string, number[]> = {};
  const perMessage: number[] = [];
  for (const c of MESSAGE_CATEGORIES) {
    dailyCat[c] = new Array<number>(nDays).fill(0);
    byCategoryUsd[c] = [];
    messages[c] = [];
    conversations[c] = [];
  }
  for (const m of MARKETS) byMarketUsd[m] = [];
  for (const rep of replications) {
    let total = 0;
    let delivered = 0;
    const cat = new Array<number>(nCat).fill(0);
    const mar = new Array<number>(MARKETS.length).fill(0);
    const msg = new Array<number>(nCat).fill(0);
    const conv = new Array<number>(nCat).fill(0);
    for (let d = 0; d < nDays; d++) {
      let day = 0;
      for (let m = 0; m < MARKETS.length; m++) {
        const rates = RATES[MARKETS[m]!];
        for (let c = 0; c < nCat; c++) {
          const count = rep.counts[(d * MARKETS.length + m) * nCat + c]!;
          // free entry points: the ad share makes part of the service traffic free
          const free = c === 3 ? Math.round(count * adShare * 0.6) : 0;
          const units = strategy.perConversation ? Math.round((count - free) / 1.6) : count - free;
          const rate = Math.round(rates[c]! * strategy.factors[c]!);
          const amount = units * rate;
          total += amount;
          day += amount;
          cat[c]! += amount;
          mar[m]! += amount;
          msg[c]! += count;
          conv[c]! += strategy.perConversation ? units : 0;
          delivered += count;
          dailyCat[MESSAGE_CATEGORIES[c]!]![d]! += amount / 1e6 / replications.length;
        }
      }
      dailyUsd[d]!.push(day / 1e6);
    }
    totalsMicros.push(total);
    perMessage.push(total / 1e6 / delivered);
    MESSAGE_CATEGORIES.forEach((c, k) => {
      byCategoryUsd[c]!.push(cat[k]! / 1e6);
      messages[c]!.push(msg[k]!);
      conversations[c]!.push(conv[k]!);
    });
    MARKETS.forEach((m, k) => byMarketUsd[m]!.push(mar[k]! / 1e6));
  }
  const totals = totalsMicros.map((t) => t / 1e6);
  const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    totals,
    run: {
      strategy: strategy.name,
      description: strategy.description,
      sweep: sweep ? {adEntryShare: adShare} : {},
      replicationTotals: totalsMicros.map(formatMicros),
      total: meanInterval(totals),
      byCategory: mapValues(byCategoryUsd, meanInterval),
      byMarket: mapValues(byMarketUsd, meanInterval),
      costPerUser: meanInterval(totals.map((t) => t / USERS)),
      costPerMessage: meanInterval(perMessage),
      deltaVsFirst: first === null ? null : pairedDifference(first, totals),
      messagesByCategory: mapValues(messages, mean),
      conversationsByCategory: mapValues(conversations, mean),
      daily: dailyUsd.map(meanInterval),
      dailyByCategory: dailyCat,
    },
  };
}

/**
 * The fixture: with `sweep` (default) 3 strategies x 3 ad-entry shares; without, the 3
 * strategies at a share of 0.3 and no sweep parameters.
 */
export function scenarioResultFixture({sweep = true}: {sweep?: boolean} = {}): ScenarioResult {
  const replications = simulateReplications();
  const runs: StrategyRun[] = [];
  const shares = sweep ? AD_SHARES : [0.3];
  const firstTotals = new Map<number, number[]>();
  // strategies outer, sweep points inner, as the contract says
  for (const strategy of STRATEGIES) {
    for (const share of shares) {
      const first = firstTotals.get(share) ?? null;
      const {run, totals} = strategyRun(strategy, share, replications, first, sweep);
      if (first === null) firstTotals.set(share, totals);
      runs.push(run);
    }
  }
  return {
    scenario: sweep ? "fixture-five-markets" : "fixture-five-markets-no-sweep",
    question:
      "Which pricing edition costs a shop selling in five markets less in November 2026, and how much does a larger share of click-to-WhatsApp ad entries save?",
    file: "scenarios/fixture-five-markets.yaml",
    seed: 42,
    replications: REPLICATIONS,
    period: {start: "2026-11-01", end: "2026-12-01", timezone: "America/Sao_Paulo"},
    currency: "USD",
    days: DAYS,
    users: USERS,
    sweepParameters: sweep ? ["adEntryShare"] : [],
    runs,
  };
}
