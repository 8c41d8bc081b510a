// `walab simulate` in-process with fake streams, and the round trip through billing: the log it
// writes, billed like `walab bill`, gives exactly the charges of the in-process simulate+bill run.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, describe, expect, it} from "vitest";
import {main} from "../../cli/main.ts";
import {SIMULATE_USAGE, simulateCommand} from "../../cli/simulate.ts";
import {billText, chargeRecordAt} from "../../engine/index.ts";
import type {ChargeRecord} from "../../engine/index.ts";
import {simulateCharges} from "../../engine/sim/index.ts";
import {readShippedData} from "../../io/index.ts";
import {compileTrafficPlan, parseSimulationConfig} from "../../models/traffic/index.ts";
import {runInProcess} from "../support/run-in-process.ts";
import {data, ndjsonOf, numbering, planOf, yamlOf} from "./fixtures.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = mkdtempSync(join(tmpdir(), "walab-simulate-cli-"));
afterAll(() => rmSync(WORK, {recursive: true, force: true}));

/** Runs `walab simulate ...args` in-process. */
const walabSimulate = (args: string[]) => runInProcess(simulateCommand, args);

const SMALL =
  yamlOf(`  populations: [{id: br, market: BR, users: 3000}, {id: us, market: US, users: 200}]
  sessions: {organic: {perUserPerMonth: 1}, ctwaAd: {budgetPerDay: 15}}
  orders: {conversion: 0.2}
  campaigns: [{name: promo, at: "2025-11-05T13:00:00Z", segment: {share: 0.3}, responseRate: 0.1}]
  authentication: {perUserPerMonth: 1, populations: [us]}`);

describe("walab simulate", () => {
  it("--help prints the usage", async () => {
    const result = await walabSimulate(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(SIMULATE_USAGE);
  });

  it("writes the message log to stdout, identical to the library's", async () => {
    const file = join(WORK, "small.yaml");
    writeFileSync(file, SMALL);
    const result = await walabSimulate([file, "--seed", "42"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(ndjsonOf(planOf(SMALL), "42"));
  });

  it("--out writes the file atomically and --accounts-out the accounts JSON", async () => {
    const file = join(WORK, "small-out.yaml");
    writeFileSync(file, SMALL);
    const out = join(WORK, "small.ndjson");
    const accountsOut = join(WORK, "small-accounts.json");
    const result = await walabSimulate([
      file,
      "--seed",
      "1",
      "--out",
      out,
      "--accounts-out",
      accountsOut,
      "--stats",
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/walab simulate: \d+ messages, \d+ pairs/);
    expect(readFileSync(out, "utf8")).toBe(ndjsonOf(planOf(SMALL), "1"));
    expect(JSON.parse(readFileSync(accountsOut, "utf8")).businesses[0].id).toBe("shop");
    expect(readdirSync(WORK).filter((name) => name.includes("tmp"))).toEqual([]);
  });

  it("bad input exits 2, names the file and path, and writes nothing", async () => {
    const file = join(WORK, "bad.yaml");
    writeFileSync(
      file,
      SMALL.replace("share: 0.3", "share: 3").replace("market: US", "market: ZZ"),
    );
    const out = join(WORK, "bad.ndjson");
    const result = await walabSimulate([file, "--seed", "1", "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}#/traffic/campaigns/0/segment/share`);
    expect(existsSync(out)).toBe(false);
    const compileError = join(WORK, "bad2.yaml");
    writeFileSync(compileError, SMALL.replace("market: US", "market: ZZ"));
    const second = await walabSimulate([compileError, "--seed", "1", "--out", out]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      `${compileError}#/traffic/populations/1/market: no numbering plan for market`,
    );
    expect(existsSync(out)).toBe(false);
    // an --accounts-out that cannot be written is found before the log is written
    const good = join(WORK, "good.yaml");
    writeFileSync(good, SMALL);
    const accountsOut = join(WORK, "no-such-folder", "accounts.json");
    const third = await walabSimulate([
      good,
      "--seed",
      "1",
      "--out",
      out,
      "--accounts-out",
      accountsOut,
    ]);
    expect(third.code).toBe(2);
    expect(third.stderr).toContain(`walab simulate: ${accountsOut}: cannot write to`);
    expect(existsSync(out)).toBe(false);
  });

  it("usage errors exit 2: a missing seed, a missing file, an unknown option", async () => {
    expect((await walabSimulate(["x.yaml"])).code).toBe(2);
    expect((await walabSimulate(["--seed", "1"])).code).toBe(2);
    expect((await walabSimulate(["x.yaml", "--seed", "1", "--frobnicate"])).code).toBe(2);
    const missing = await walabSimulate([join(WORK, "nope.yaml"), "--seed", "1"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.yaml");
  });

  it("the log fed back through billing gives the same charges as the in-process run", () => {
    const plan = planOf(SMALL);
    const inProcess: ChargeRecord[] = [];
    const context = {accounts: plan.accounts, markets: data.markets, cards: data.cards};
    simulateCharges(plan, {seed: 3, data}, (batch, charges) => {
      for (let j = 0; j < charges.length; j++)
        inProcess.push(chargeRecordAt(context, batch, charges, j));
    });
    const accounts = JSON.stringify(parseSimulationConfig(SMALL, "s.yaml").accounts);
    const billed = billText(ndjsonOf(plan, 3), {data: readShippedData(), accounts}).records;
    expect(inProcess.length).toBeGreaterThan(1000);
    expect(billed).toEqual(inProcess);
    expect(inProcess.some((r) => r.type === "free_entry_point")).toBe(true);
    expect(inProcess.some((r) => r.type === "free_customer_service")).toBe(true);
  });

  it("round trip across the CBP -> PMP switch with two businesses: same records in time order, same totals in business order", () => {
    const yaml = `name: switch
period: {start: 2025-06-28, end: 2025-07-04}
accounts:
  businesses:
    - id: shop
      country: BR
      wabas: [{id: shop-br, timezone: America/Sao_Paulo, phones: ["+551130004000", "+551130004001"]}]
    - id: bank
      country: IN
      authInternational: {ID: "2024-06-01T00:00:00Z"}
      wabas: [{id: bank-in, timezone: Asia/Kolkata}]
traffic:
  - business: shop
    populations: [{id: br, market: BR, users: 3000}]
    sessions: {organic: {perUserPerMonth: 2}, ctwaAd: {budgetPerDay: 20}, pageCta: {visitsPerDay: 200}}
    orders: {conversion: 0.3}
    campaigns: [{name: promo, at: "2025-06-30T23:00:00Z", segment: {share: 0.5}, responseRate: 0.2}]
  - business: bank
    populations: [{id: in, market: IN, users: 2000}, {id: id, market: ID, users: 500}]
    authentication: {perUserPerMonth: 4}
`;
    const plan = planOf(yaml);
    const context = {accounts: plan.accounts, markets: data.markets, cards: data.cards};
    const inProcess: ChargeRecord[] = [];
    simulateCharges(plan, {seed: 5, data, order: "time"}, (batch, charges) => {
      for (let j = 0; j < charges.length; j++)
        inProcess.push(chargeRecordAt(context, batch, charges, j));
    });
    const config = parseSimulationConfig(yaml, "s.yaml");
    const accounts = JSON.stringify({
      businesses: config.accounts!.businesses.map((b) => ({
        ...b,
        authInternational: Object.fromEntries(
          Object.entries(b.authInternational).map(([k, ms]) => [k, new Date(ms).toISOString()]),
        ),
      })),
    });
    const billed = billText(ndjsonOf(plan, 5), {data: readShippedData(), accounts}).records;
    expect(billed).toEqual(inProcess);
    expect(new Set(inProcess.map((r) => r.pricingModel))).toEqual(
      new Set(["cbp-2024-11", "pmp-2025-07"]),
    );
    expect(inProcess.some((r) => r.category === "authentication_international")).toBe(true);
    // business order: other ids, the same charges
    const total = (records: ChargeRecord[]) => {
      const sums = new Map<string, number>();
      for (const r of records) {
        const key = `${r.waba} ${r.market} ${r.category} ${r.type}`;
        sums.set(key, (sums.get(key) ?? 0) + Math.round(Number(r.amount) * 1e6));
      }
      return [...sums.entries()].sort();
    };
    const businessOrder: ChargeRecord[] = [];
    simulateCharges(plan, {seed: 5, data}, (batch, charges) => {
      for (let j = 0; j < charges.length; j++)
        businessOrder.push(chargeRecordAt(context, batch, charges, j));
    });
    expect(total(businessOrder)).toEqual(total(inProcess));
  });

  it("--summary prints exactly what walab bill --summary prints for the written log", async () => {
    const file = join(WORK, "summary.yaml");
    writeFileSync(file, SMALL);
    const log = join(WORK, "summary.ndjson");
    const accounts = join(WORK, "summary-accounts.json");
    expect(
      (await walabSimulate([file, "--seed", "3", "--out", log, "--accounts-out", accounts])).code,
    ).toBe(0);
    const summary = await walabSimulate([file, "--seed", "3", "--summary"]);
    expect(summary.code).toBe(0);
    const billed = await runInProcess(main, [
      "bill",
      "--accounts",
      accounts,
      "--messages",
      log,
      "--summary",
    ]);
    expect(billed.code).toBe(0);
    expect(summary.stdout).toBe(billed.stdout);
    expect(JSON.parse(billed.stdout).rows.length).toBeGreaterThan(3);
  });
});

describe("shipped scenarios", () => {
  for (const name of ["loja-br-ecommerce.yaml", "otp-fintech-in-id.yaml"]) {
    it(`scenarios/${name} parses, compiles and simulates its first two days`, () => {
      const path = join(ROOT, "scenarios", name);
      const config = parseSimulationConfig(readFileSync(path, "utf8"), `scenarios/${name}`);
      config.endMs = config.startMs + 2 * 86_400_000;
      const plan = compileTrafficPlan(config, config.accounts!, numbering);
      let messages = 0;
      const stats = simulateCharges(plan, {seed: 1, data}, (batch) => (messages += batch.length));
      expect(stats.messages).toBe(messages);
      expect(messages).toBeGreaterThan(5000);
    });
  }
});

describe("walab simulate --summary --workers", () => {
  it("--summary --workers 2 prints byte for byte what --workers 1 prints (shards on two threads)", async () => {
    // four businesses of 120,000 users: two shards of businesses (SHARD_USERS is 200,000), the
    // second one likely run by the worker thread once it is up
    const ids = ["a", "b", "c", "d"];
    const accounts = `  businesses:\n${ids
      .map(
        (id) =>
          `    - {id: ${id}, country: BR, wabas: [{id: ${id}-w, timezone: America/Sao_Paulo}]}`,
      )
      .join("\n")}`;
    const traffic = ids
      .map(
        (id) => `  - business: ${id}
    populations: [{market: BR, users: 110000}, {market: IN, users: 10000}]
    sessions: {organic: {perUserPerMonth: 3}}
    authentication: {perUserPerMonth: 0.3}
    campaigns: [{name: promo, at: "2025-11-03T13:00:00Z", segment: {share: 0.02}}]`,
      )
      .join("\n");
    const file = join(WORK, "four-businesses.yaml");
    writeFileSync(
      file,
      yamlOf(traffic, {accounts, end: "2025-11-05"}).replace("traffic:\n", "traffic:\n"),
    );
    const one = await walabSimulate([file, "--seed", "11", "--summary", "--workers", "1"]);
    const two = await walabSimulate([file, "--seed", "11", "--summary", "--workers", "2"]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const rows = (JSON.parse(one.stdout) as {rows: {messages: number}[]}).rows;
    expect(rows.reduce((sum, row) => sum + row.messages, 0)).toBeGreaterThan(5000);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
  });
});
