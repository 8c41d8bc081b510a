/**
 * Differential tests: the fast billing kernel (`billText`) against the slow reference biller
 * (test/reference/reference-biller.ts, which shares no code with models/ or engine/) on random
 * logs (test/reference/random-log.ts), on a few large targeted logs (free tiers at the
 * 1,000th/1,001st conversation, volume tiers at the 100,000th/100,001st message) and on the
 * traffic `walab simulate` writes for the shipped simulations (campaigns, ads and page buttons
 * opening free entry points, agents' hours, orders, OTP retries abroad).
 * They must agree record for record; if one throws, the other must throw too.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {isDeepStrictEqual} from "node:util";
import fc from "fast-check";
import {afterAll, describe, expect, it} from "vitest";
import {parse as parseYaml} from "yaml";
import {simulateCommand} from "../../cli/simulate.ts";
import {billText} from "../../engine/index.ts";
import {readShippedData} from "../../io/index.ts";
import {randomCaseArb} from "../reference/random-log.ts";
import type {ModelChoice, RandomCase} from "../reference/random-log.ts";
import {referenceBill} from "../reference/reference-biller.ts";
import {runInProcess} from "../support/run-in-process.ts";

/** Fixed seed and run count: CI is deterministic. */
const SEED = 20_260_401;
const RUNS_PER_MODEL = 400;

const data = readShippedData();

type Outcome = {records: object[]; error?: undefined} | {records?: undefined; error: Error};

function runKernel(c: RandomCase): Outcome {
  try {
    const {records} = billText(c.messagesText, {
      data,
      ...(c.accountsText !== undefined ? {accounts: c.accountsText} : {}),
      pricing: c.pricing,
      rates: c.rates,
      serviceFreePerPhone: c.serviceFreePerPhone,
    } as Parameters<typeof billText>[1]);
    return {records: (JSON.parse(JSON.stringify(records)) as object[]).map(instantsAsIso)};
  } catch (error) {
    return {error: error instanceof Error ? error : new Error(String(error))};
  }
}

/**
 * The kernel writes whole-second instants as "…:19Z" (formats.md's examples), the reference as
 * toISOString() "…:19.000Z". Both are ISO UTC (formats.md §3 leaves the form open; the worked
 * examples compare times as instants), so times are compared as instants: the kernel's are
 * rewritten with toISOString(), keeping the key order.
 */
function instantsAsIso(record: object): object {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] =
      (key === "time" || key === "expiresAt") && typeof value === "string"
        ? new Date(Date.parse(value)).toISOString()
        : value;
  }
  return out;
}

function runReference(c: RandomCase): Outcome {
  // (the reference parses the same texts the kernel gets)
  try {
    const records = referenceBill({
      accounts: c.accountsText === undefined ? undefined : (parseYaml(c.accountsText) as unknown),
      messages: c.messagesText
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as object),
      pricing: c.pricing,
      rates: c.rates,
      serviceFreePerPhone: c.serviceFreePerPhone,
    });
    return {records};
  } catch (error) {
    return {error: error instanceof Error ? error : new Error(String(error))};
  }
}

/**
 * Throws a readable error unless both sides agree: the same records (deep equality of the parsed
 * JSON, times as instants), or both throw. With `keyOrder`, the fields must also come in the same
 * order (formats.md §3). Returns the reference's records ([] when both threw).
 */
function checkAgreement(c: RandomCase, keyOrder = false): object[] {
  const reference = runReference(c);
  const kernel = runKernel(c);
  if (reference.error !== undefined || kernel.error !== undefined) {
    if (reference.error === undefined) {
      throw new Error(`kernel threw but the reference did not: ${kernel.error?.message}`);
    }
    if (kernel.error === undefined) {
      throw new Error(`reference threw but the kernel did not: ${reference.error.message}`);
    }
    return [];
  }
  const ref = reference.records;
  const ker = kernel.records;
  const n = Math.min(ref.length, ker.length);
  for (let i = 0; i < n; i++) {
    if (!isDeepStrictEqual(ker[i], ref[i])) {
      expect(ker[i], `record ${i} (kernel vs reference)`).toEqual(ref[i]);
      throw new Error(
        `record ${i} differs: ${JSON.stringify(ker[i])} vs ${JSON.stringify(ref[i])}`,
      );
    }
    if (keyOrder) {
      const a = JSON.stringify(ker[i]);
      const b = JSON.stringify(ref[i]);
      if (a !== b) {
        throw new Error(`record ${i}: field order differs:\n  kernel    ${a}\n  reference ${b}`);
      }
    }
  }
  if (ref.length !== ker.length) {
    const extra = ref.length > ker.length ? ref[n] : ker[n];
    throw new Error(
      `record count: kernel ${ker.length}, reference ${ref.length}; first unmatched: ${JSON.stringify(extra)}`,
    );
  }
  return ref;
}

const MODELS: ModelChoice[] = [
  "cbp-2022-02",
  "cbp-2023-06",
  "cbp-2024-11",
  "pmp-2025-07",
  "pmp-2026-10",
  "auto",
];

describe("billText agrees with referenceBill on random logs", () => {
  for (const model of MODELS) {
    it(`billText(log, {pricing: "${model}"}) equals referenceBill record for record (${RUNS_PER_MODEL} runs)`, () => {
      fc.assert(
        fc.property(randomCaseArb(model), (c) => {
          checkAgreement(c);
        }),
        {seed: SEED, numRuns: RUNS_PER_MODEL},
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Targeted large logs: the boundaries random logs cannot reach.

const iso = (ms: number): string => new Date(ms).toISOString();

function ndjson(lines: object[]): string {
  return lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
}

function agree(c: Omit<RandomCase, "label">): object[] {
  return checkAgreement({label: "targeted", ...c});
}

describe("billText writes charge records in the field order of formats.md §3", () => {
  it("billText(log) orders CBP fields ...,time,expiresAt,amount,currency and PMP ...,currency,tier", () => {
    const lines = [
      {time: "2024-03-04T00:00:00Z", user: "+5511987654321", direction: "outbound", type: "text"},
      {
        time: "2024-03-05T00:00:00Z",
        user: "+5511987654321",
        direction: "outbound",
        type: "template",
        category: "utility",
      },
      {
        time: "2026-04-06T00:00:00Z",
        user: "+5511987654321",
        direction: "outbound",
        type: "template",
        category: "utility",
      },
    ];
    const messagesText = lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
    checkAgreement(
      {
        label: "order",
        pricing: "auto",
        rates: "auto",
        serviceFreePerPhone: 1000,
        accountsText: undefined,
        messagesText,
      },
      true,
    );
  });
});

describe("billText and referenceBill agree on small fixed logs", () => {
  const base = {
    time: "2026-04-06T00:00:00Z",
    user: "+5511987654321",
    direction: "outbound",
    type: "template",
    category: "utility",
  };
  const text = (lines: object[]): string =>
    lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
  const fixed = (
    lines: object[],
    accounts?: object,
    options: Partial<Pick<RandomCase, "pricing" | "rates">> = {},
  ): RandomCase => ({
    label: "fixed",
    pricing: options.pricing ?? "auto",
    rates: options.rates ?? "auto",
    serviceFreePerPhone: 1000,
    accountsText: accounts === undefined ? undefined : JSON.stringify(accounts),
    messagesText: text(lines),
  });
  const twoPhones = {
    businesses: [{id: "b", wabas: [{id: "w", phones: ["+551130000001", "+551130000002"]}]}],
  };
  const badTz = {businesses: [{id: "b", wabas: [{id: "w", timezone: "Mars/Base"}]}]};
  const cases: [string, RandomCase][] = [
    [
      "a time earlier than the previous line's",
      fixed([base, {...base, time: "2026-04-05T00:00:00Z"}]),
    ],
    ["an unknown WABA", fixed([{...base, waba: "nope"}])],
    ["a missing phone on a WABA with two (R-18)", fixed([base], twoPhones)],
    ["an unknown category", fixed([{...base, category: "promo"}])],
    ["a category on a non-template", fixed([{...base, type: "text"}])],
    ["a template without category", fixed([{...base, category: undefined}])],
    ["a time without offset", fixed([{...base, time: "2026-04-06T00:00:00"}])],
    ["a user that is not E.164", fixed([{...base, user: "5511987654321"}])],
    [
      "an outbound message before 2022-02-01 under auto",
      fixed([{...base, time: "2022-01-31T23:59:59Z"}]),
    ],
    ["an unknown pricing model", fixed([base], undefined, {pricing: "pmp-2030-01"})],
    ["an unknown rates edition", fixed([base], undefined, {rates: "2025-01-01"})],
    ["an unknown timezone", fixed([base], badTz)],
  ];
  for (const [name, c] of cases) {
    it(`billText and referenceBill both throw on ${name}`, () => {
      expect(() => checkAgreement(c)).not.toThrow();
      expect(runReference(c).error).toBeDefined();
    });
  }

  it("billText keeps a log-named phone apart from an omitted one on a WABA that lists none", () => {
    // formats.md §2: `phone` defaults to the WABA's only number (from the accounts file); with
    // none listed the record has no phone, and (phone X, user) is not the same pair as (-, user).
    checkAgreement(
      fixed([
        {
          ...base,
          time: "2026-04-06T00:00:00Z",
          phone: "+14155550000",
          direction: "inbound",
          type: "text",
          category: undefined,
        },
        {...base, time: "2026-04-06T01:00:00Z"},
        {...base, time: "2026-04-06T02:00:00Z", phone: "+14155550001"},
        {...base, time: "2026-04-06T03:00:00Z"},
      ]),
    );
  });
});

describe("billText agrees with referenceBill at free-tier and volume-tier boundaries", () => {
  // Two WABAs of one business: Sao Paulo (month starts 03:00Z) and Kiritimati (starts 10:00Z the day before).
  const accounts = JSON.stringify({
    businesses: [
      {
        id: "b",
        country: "BR",
        wabas: [
          {id: "sp", timezone: "America/Sao_Paulo", phones: ["+551130000001"]},
          {id: "ki", timezone: "Pacific/Kiritimati", phones: ["+686750000001", "+686750000002"]},
        ],
      },
    ],
  });

  /** n conversations per WABA to distinct Brazilian users, 1 s apart, ending just after `boundary`. */
  function freeTierLog(boundary: number, type: "text" | "template"): string {
    const lines: object[] = [];
    for (const [waba, phone] of [
      ["sp", "+551130000001"],
      ["ki", "+686750000002"],
    ] as const) {
      for (let i = 0; i < 1002; i++) {
        lines.push({
          time: iso(boundary - 1001_000 + i * 1000),
          waba,
          phone,
          user: `+5511${waba === "sp" ? 7 : 8}${String(i).padStart(8, "0")}`,
          direction: "outbound",
          type,
          ...(type === "template" ? {category: "marketing"} : {}),
        });
      }
    }
    lines.sort(
      (a, b) => Date.parse((a as {time: string}).time) - Date.parse((b as {time: string}).time),
    );
    return ndjson(lines);
  }

  it("billText charges the 1,001st cbp-2022-02 conversation of each WABA's local month", () => {
    const records = agree({
      pricing: "cbp-2022-02",
      rates: "auto",
      serviceFreePerPhone: 1000,
      accountsText: accounts,
      messagesText: freeTierLog(Date.parse("2022-09-01T03:00:00Z"), "template"),
    });
    expect(records.filter((r) => (r as {type: string}).type === "regular").length).toBeGreaterThan(
      0,
    );
  });

  it("billText charges the 1,001st cbp-2023-06 service conversation of each WABA's local month", () => {
    const records = agree({
      pricing: "cbp-2023-06",
      rates: "auto",
      serviceFreePerPhone: 1000,
      accountsText: accounts,
      messagesText: freeTierLog(Date.parse("2023-09-01T03:00:00Z"), "text"),
    });
    expect(records.filter((r) => (r as {type: string}).type === "regular").length).toBeGreaterThan(
      0,
    );
  });

  it("billText applies the pmp-2026-10 allowance per phone and local month (PMP26-4)", () => {
    agree({
      pricing: "auto",
      rates: "auto",
      serviceFreePerPhone: 1000,
      accountsText: accounts,
      messagesText: freeTierLog(Date.parse("2026-11-01T03:00:00Z"), "text"),
    });
  });

  it("billText moves utility/auth-international to tier 1 at the boundary, per business month", () => {
    const tiers = JSON.stringify({
      businesses: [
        {
          id: "b",
          authInternational: {MY: "2026-01-01T00:00:00Z"},
          wabas: [
            {id: "utc", timezone: "UTC", phones: ["+442070000001"]},
            {id: "kol", timezone: "Asia/Kolkata", phones: ["+912240000001"]},
          ],
        },
      ],
    });
    const lines: object[] = [];
    const start = Date.parse("2026-04-02T00:00:00Z");
    const out = (ms: number, waba: string, user: string, category: string): object => ({
      time: iso(ms),
      waba,
      user,
      direction: "outbound",
      type: "template",
      category,
    });
    for (let i = 0; i < 99_999; i++)
      lines.push(out(start + i * 1000, "utc", "+5491123456789", "utility"));
    for (let i = 0; i < 99_999; i++)
      lines.push(out(start + i * 1000 + 500, "kol", "+60123456789", "authentication"));
    const may = Date.parse("2026-04-30T20:00:00Z"); // already May in Kolkata
    lines.push(out(may, "kol", "+5491123456789", "utility"));
    lines.push(out(may + 1, "utc", "+5491123456789", "utility"));
    lines.push(out(may + 2, "utc", "+5491123456789", "utility"));
    lines.push(out(may + 3, "utc", "+60123456789", "authentication"));
    lines.push(out(may + 4, "utc", "+60123456789", "authentication"));
    lines.push(out(may + 5, "kol", "+60123456789", "authentication"));
    lines.sort(
      (a, b) => Date.parse((a as {time: string}).time) - Date.parse((b as {time: string}).time),
    );
    const records = agree({
      pricing: "auto",
      rates: "auto",
      serviceFreePerPhone: 1000,
      accountsText: tiers,
      messagesText: ndjson(lines),
    });
    const tail = records.slice(-6).map((r) => (r as {tier: number}).tier);
    expect(tail).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it("billText keeps stale tiers (Peru, 2026-10-01 card) at the list rate and others tiered", () => {
    const lines: object[] = [];
    const start = Date.parse("2026-10-02T00:00:00Z");
    for (let i = 0; i <= 100_000; i++) {
      lines.push({
        time: iso(start + i * 1000),
        user: "+51912345678",
        direction: "outbound",
        type: "template",
        category: "utility",
      });
      if (i <= 80_000) {
        lines.push({
          time: iso(start + i * 1000),
          user: "+12125551234",
          direction: "outbound",
          type: "template",
          category: "utility",
        });
      }
    }
    const records = agree({
      pricing: "auto",
      rates: "auto",
      serviceFreePerPhone: 1000,
      accountsText: undefined,
      messagesText: ndjson(lines),
    });
    const last = (user: string): unknown =>
      records.filter((r) => (r as {user: string}).user === user).at(-1);
    expect(last("+51912345678")).toMatchObject({tier: 0, amount: "0.03"});
    expect(last("+12125551234")).toMatchObject({tier: 1, amount: "0.0032"});
  });
});

describe("billText agrees with referenceBill on simulated traffic", () => {
  const work = mkdtempSync(join(tmpdir(), "walab-differential-"));
  afterAll(() => rmSync(work, {recursive: true, force: true}));
  for (const [name, users] of [
    ["loja-br-ecommerce", 2000],
    ["otp-fintech-in-id", 3000],
  ] as const) {
    it(`billText equals referenceBill on walab simulate's log of scenarios/${name}.yaml with ${users} users`, async () => {
      const shipped = readFileSync(
        new URL(`../../scenarios/${name}.yaml`, import.meta.url),
        "utf8",
      );
      const file = join(work, `${name}.yaml`);
      writeFileSync(file, shipped.replace(/^ {2}users: \d+$/m, `  users: ${users}`));
      const log = join(work, `${name}.ndjson`);
      const accounts = join(work, `${name}-accounts.json`);
      const args = [file, "--seed", "7", "--out", log, "--accounts-out", accounts];
      expect((await runInProcess(simulateCommand, args)).code).toBe(0);
      const records = checkAgreement({
        label: name,
        pricing: "auto",
        rates: "auto",
        serviceFreePerPhone: 1000,
        accountsText: readFileSync(accounts, "utf8"),
        messagesText: readFileSync(log, "utf8"),
      });
      // the traffic reached the rules it is there for
      expect(records.length).toBeGreaterThan(20_000);
      expect(new Set(records.map((r) => (r as {category: string}).category)).size).toBeGreaterThan(
        2,
      );
    });
  }
});
