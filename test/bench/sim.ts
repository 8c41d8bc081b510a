// Benchmarks of the discrete-event core and the traffic simulator (issue 3), called from run.ts.
import {spawnSync} from "node:child_process";
import {readFileSync, writeSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {compileBillingData} from "../../engine/index.ts";
import {
  chargeShards,
  createRandomStreams,
  createSimulation,
  exponential,
  loadSimulation,
  periodCalendar,
  simulate,
  simulateChargeShard,
  simulateCharges,
  simulateChargesInWorkers,
  summaryOfAggregate,
} from "../../engine/sim/index.ts";
import type {Process, SimulationSource} from "../../engine/sim/index.ts";
import {readShippedData} from "../../io/index.ts";
import {countryOf} from "../../models/markets/index.ts";
import {
  compileTrafficPlan,
  loadNumberingPlans,
  parseSimulationConfig,
} from "../../models/traffic/index.ts";
import type {TrafficPlan} from "../../models/traffic/index.ts";

function best(runs: number, body: () => number): {ms: number; count: number} {
  let ms = Infinity;
  let count = 0;
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const t0 = performance.now();
    count = body();
    ms = Math.min(ms, performance.now() - t0);
  }
  return {ms, count};
}

/**
 * The classic hold model: `entities` events in the queue; each event draws an exponential
 * increment and reschedules itself (one pop and one push per event). `form` picks the hot form
 * (a handler over a slot) or generator processes. Returns events per second.
 */
export function holdModel(entities: number, events: number, form: "handler" | "process"): number {
  const sim = createSimulation({capacity: entities * 2});
  const rnd = createRandomStreams(1).stream("hold");
  if (form === "handler") {
    const kind = sim.defineKind((slot, now) => sim.schedule(now + exponential(rnd, 1), kind, slot));
    for (let i = 0; i < entities; i++) sim.schedule(exponential(rnd, 1), kind, i);
  } else {
    const hold = function* (): Process {
      for (;;) yield exponential(rnd, 1);
    };
    for (let i = 0; i < entities; i++) sim.process(hold(), {delayMs: exponential(rnd, 1)});
  }
  const t0 = performance.now();
  sim.run({until: events / entities});
  return sim.processed / ((performance.now() - t0) / 1000);
}

const NUMBERING_PLANS = new URL("../../models/traffic/numbering-plans.csv", import.meta.url);

/**
 * A simulation file (JSON text) of many businesses built in code: business `b` has
 * `usersOf(b)` users spread over every market of the numbering plans (10 % of its users abroad,
 * on a WABA of their own with `twoWabas`), with sessions, ads (budget in proportion to size),
 * orders, logins and a weekly campaign, all at the given per-user intensities.
 */
export function manyBusinessesText(
  businesses: number,
  usersOf: (b: number) => number,
  options: {
    organic?: number;
    ctwaBudgetPerUser?: number;
    orders?: number;
    logins?: number;
    campaignShare?: number;
    twoWabas?: (b: number) => boolean;
  } = {},
): string {
  const numbering = loadNumberingPlans(readFileSync(NUMBERING_PLANS, "utf8"));
  const markets = [...numbering.keys()];
  const accounts = [];
  const traffic = [];
  for (let b = 0; b < businesses; b++) {
    const home = markets[b % markets.length]!;
    const abroad = markets[(b * 7 + 3) % markets.length]!;
    const users = usersOf(b);
    const second = home !== abroad && options.twoWabas?.(b) === true;
    const wabas = [{id: `w${b}`, timezone: numbering.get(home)!.timeZone}];
    if (second) wabas.push({id: `w${b}x`, timezone: numbering.get(abroad)!.timeZone});
    accounts.push({id: `b${b}`, country: home, wabas});
    traffic.push({
      business: `b${b}`,
      users,
      populations:
        home === abroad
          ? [{market: home, share: 1}]
          : [
              {market: home, share: 0.9},
              {market: abroad, share: 0.1, ...(second ? {waba: `w${b}x`} : {})},
            ],
      sessions: {
        organic: {perUserPerMonth: options.organic ?? 0.8},
        ctwaAd: {
          budgetPerDay:
            options.ctwaBudgetPerUser === undefined ? 2 : users * options.ctwaBudgetPerUser,
        },
      },
      orders: {conversion: 0.1, perUserPerMonth: options.orders ?? 0.2},
      authentication: {perUserPerMonth: options.logins ?? 1.5},
      campaigns: [
        {
          name: "weekly",
          at: "2025-11-03T12:00:00Z",
          every: "7d",
          segment: {share: options.campaignShare ?? 0.3},
        },
      ],
    });
  }
  return JSON.stringify({
    name: "bsp",
    period: {start: "2025-11-01", end: "2025-12-01"},
    accounts: {businesses: accounts},
    traffic,
  });
}

/**
 * A BSP-like plan built in code: `businesses` businesses of `users` users each, spread over every
 * market of the numbering plans (10 % of each business's users abroad), with sessions, ads,
 * orders, logins and a weekly campaign.
 */
export function manyBusinessesPlan(businesses: number, users: number): TrafficPlan {
  const numbering = loadNumberingPlans(readFileSync(NUMBERING_PLANS, "utf8"));
  const config = parseSimulationConfig(
    manyBusinessesText(businesses, () => users),
    "bsp.json",
  );
  return compileTrafficPlan(config, config.accounts!, numbering);
}

/**
 * Users of business `b` in the BSP month: per hundred businesses one of 10,000 users, nine of
 * 800 and ninety of 45 (a BSP's long tail of small shops), 21,250 users per hundred.
 */
export function bspUsersOf(b: number): number {
  const k = b % 100;
  return k === 0 ? 10_000 : k % 10 === 0 ? 800 : 45;
}

/**
 * The BSP month (issue 3): `businesses` businesses (25,000 for the full month: 27,500 WABAs,
 * 5.3 M users, every market of the numbering plans) as a simulation source.
 */
export function bspSource(businesses: number): SimulationSource {
  return {
    text: manyBusinessesText(businesses, bspUsersOf, {
      organic: 1.4,
      ctwaBudgetPerUser: 0.01,
      orders: 0.4,
      logins: 2.8,
      campaignShare: 0.5,
      twoWabas: (b) => b % 10 === 0,
    }),
    file: "bsp.json",
    rateCards: readShippedData(),
    numberingPlans: readFileSync(NUMBERING_PLANS, "utf8"),
  };
}

function scenarioPlan(name: string): TrafficPlan {
  const path = new URL(`../../scenarios/${name}`, import.meta.url);
  const config = parseSimulationConfig(readFileSync(path, "utf8"), `scenarios/${name}`);
  const numbering = loadNumberingPlans(
    readFileSync(new URL("../../models/traffic/numbering-plans.csv", import.meta.url), "utf8"),
  );
  return compileTrafficPlan(config, config.accounts!, numbering);
}

/**
 * DES core events/s on the hold model (target >= 5 M), and the traffic simulator's messages/s on
 * the shipped scenarios, alone and streamed into the billing kernel (best of `runs`).
 */
export async function benchSim(
  options: {quick?: boolean; runs?: number} = {},
): Promise<Record<string, number>> {
  const runs = options.runs ?? (options.quick === true ? 1 : 3);
  const holdEvents = options.quick === true ? 1_000_000 : 5_000_000;
  holdModel(1000, 500_000, "handler"); // warm-up
  holdModel(1000, 500_000, "process");
  let hold = 0;
  let holdProcess = 0;
  let hold100k = 0;
  for (let r = 0; r < Math.max(runs, 3); r++) {
    hold = Math.max(hold, holdModel(1000, holdEvents, "handler"));
    holdProcess = Math.max(holdProcess, holdModel(1000, holdEvents, "process"));
    hold100k = Math.max(hold100k, holdModel(100_000, holdEvents, "handler"));
  }

  const data = compileBillingData(readShippedData());
  const countryOfNumber = (e164: string) => countryOf(data.markets, e164);
  const figures: Record<string, number> = {
    desHoldEventsPerSec: Math.round(hold),
    desHoldProcessEventsPerSec: Math.round(holdProcess),
    desHold100kEventsPerSec: Math.round(hold100k),
  };
  for (const [key, name] of [
    ["Loja", "loja-br-ecommerce.yaml"],
    ["Otp", "otp-fintech-in-id.yaml"],
  ] as const) {
    const plan = scenarioPlan(name);
    // as `walab simulate` runs it: a country per lead of the market table's longest prefix
    const simulateOptions = {
      seed: 42,
      countryOf: countryOfNumber,
      countryDigits: data.markets.maxPrefixLength,
    };
    const sim = best(runs, () => simulate(plan, simulateOptions, () => undefined).messages);
    const billed = best(
      runs,
      () => simulateCharges(plan, {seed: 42, data}, () => undefined).messages,
    );
    figures[`sim${key}Messages`] = sim.count;
    figures[`sim${key}MsgPerSec`] = Math.round(sim.count / (sim.ms / 1000));
    figures[`simBill${key}MsgPerSec`] = Math.round(billed.count / (billed.ms / 1000));
  }
  const many = manyBusinessesPlan(options.quick === true ? 200 : 2000, 250);
  const manyRun = best(
    1,
    () => simulateCharges(many, {seed: 42, data, windowMs: 86_400_000}, () => undefined).messages,
  );
  figures.simBillManyBusinesses = many.businesses.length;
  figures.simBillManyMessages = manyRun.count;
  figures.simBillManyMsgPerSec = Math.round(manyRun.count / (manyRun.ms / 1000));
  figures.simRssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  Object.assign(figures, benchBspShard(runs));
  // the full month is 25,000 businesses (~100 M messages); quick runs a twentieth of it
  Object.assign(figures, benchBspMonth({businesses: options.quick === true ? 1250 : 25_000}));
  return figures;
}

/** What the BSP-month child process reports on fd 3. */
interface BspReport {
  businesses: number;
  wabas: number;
  users: number;
  countries: number;
  markets: number;
  messages: number;
  compileMs: number;
  ms: number;
  maxRssKiB: number;
}

/** The child's side: plans and runs the BSP month in this process, reports on fd 3. */
async function bspChild(businesses: number, workers: number): Promise<void> {
  const t0 = performance.now();
  const source = bspSource(businesses);
  const loaded = loadSimulation(source);
  const compileMs = performance.now() - t0;
  const result = await simulateChargesInWorkers(source, {seed: 42, workers}, loaded);
  const ms = performance.now() - t0;
  const {plan} = loaded;
  const markets = summaryOfAggregate(result.aggregate, "USD").rows.map((r) => r.market);
  const report: BspReport = {
    businesses: plan.businesses.length,
    wabas: plan.accounts.wabas.length,
    users: plan.businesses.reduce((sum, b) => sum + b.totalUsers, 0),
    countries: new Set(plan.businesses.flatMap((b) => b.populations.map((p) => p.market))).size,
    markets: new Set(markets).size,
    messages: result.stats.messages,
    compileMs,
    ms,
    // worker threads share the process, so its peak RSS covers them
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  writeSync(3, JSON.stringify(report));
}

/**
 * The BSP month (issue 3: 100 M messages, tens of thousands of WABAs, millions of users, 40+
 * markets, target <= 60 s and <= 1 GiB on 2 cores), simulated and billed by
 * `simulateChargesInWorkers` in a child process of its own so that the peak RSS is the run's:
 * wall time from the simulation text to the merged totals (planning included), messages/s and
 * peak RSS with worker threads.
 * @example benchBspMonth({businesses: 25_000, workers: 2}) // => {bspMessages: 1.0e8, bspSeconds: ..., ...}
 */
export function benchBspMonth(
  options: {businesses?: number; workers?: number} = {},
): Record<string, number> {
  const businesses = options.businesses ?? 25_000;
  const workers = options.workers ?? 2;
  const child = spawnSync(
    process.execPath,
    [
      // started as `walab` starts: from the cached bundle, no loader hooks
      fileURLToPath(new URL("../../bin/run-typescript.js", import.meta.url)),
      fileURLToPath(import.meta.url),
      "--bsp-child",
      String(businesses),
      String(workers),
    ],
    {stdio: ["ignore", "inherit", "inherit", "pipe"], maxBuffer: 1 << 20},
  );
  if (child.status !== 0) throw new Error(`BSP month child exited ${child.status}`);
  const r = JSON.parse(String(child.output[3])) as BspReport;
  return {
    bspBusinesses: r.businesses,
    bspWabas: r.wabas,
    bspUsers: r.users,
    bspCountries: r.countries,
    bspMarkets: r.markets,
    bspMessages: r.messages,
    bspWorkers: workers,
    bspPlanSeconds: Math.round(r.compileMs) / 1000,
    bspSeconds: Math.round(r.ms) / 1000,
    bspMsgPerSec: Math.round(r.messages / (r.ms / 1000)),
    bspPeakRssMiB: Math.round(r.maxRssKiB / 1024),
  };
}

/**
 * Per core on one shard of the BSP month (its first 200k users): the simulator alone (batches
 * dropped), and simulated, billed and aggregated as the BSP run does; the billing part is the
 * difference. Best of `runs`.
 */
export function benchBspShard(runs = 3): Record<string, number> {
  const {plan, data} = loadSimulation(bspSource(1000));
  const bounds = chargeShards(plan);
  const calendar = periodCalendar(plan.startMs, plan.endMs);
  const countryOfNumber = (e164: string) => countryOf(data.markets, e164);
  const only = Array.from({length: bounds[1]!}, (_, i) => i);
  const sim = best(runs, () => {
    // as simulateChargeShard simulates: by business, a window of the whole month, no numbers
    const options = {
      seed: 42,
      countryOf: countryOfNumber,
      order: "business",
      windowMs: plan.endMs - plan.startMs,
      only,
      userNumbers: false,
      countryDigits: data.markets.maxPrefixLength,
    } as const;
    return simulate(plan, options, () => undefined).messages;
  });
  const billed = best(
    runs,
    () => simulateChargeShard(plan, 0, bounds[1]!, {seed: 42, data, calendar}).stats.messages,
  );
  const simSeconds = sim.ms / 1000;
  const billSeconds = (billed.ms - sim.ms) / 1000;
  return {
    shardMessages: sim.count,
    shardSimMsgPerSec: Math.round(sim.count / simSeconds),
    shardSimBillMsgPerSec: Math.round(billed.count / (billed.ms / 1000)),
    shardBillPartMsgPerSec: Math.round(billed.count / billSeconds),
  };
}

// `node --expose-gc bin/run-typescript.js test/bench/sim.ts [--quick] [--bsp [businesses] [workers]]`
// runs this benchmark alone (`--bsp`: the BSP month only).
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--bsp-child");
  if (at >= 0) await bspChild(Number(args[at + 1]), Number(args[at + 2]));
  else {
    const bsp = args.indexOf("--bsp");
    const figures =
      bsp >= 0
        ? {
            ...benchBspShard(),
            ...benchBspMonth({
              businesses: Number(args[bsp + 1] ?? 25_000),
              workers: Number(args[bsp + 2] ?? 2),
            }),
          }
        : await benchSim({quick: args.includes("--quick")});
    for (const [name, value] of Object.entries(figures))
      process.stdout.write(`${name.padEnd(28)} ${value}\n`);
  }
}
