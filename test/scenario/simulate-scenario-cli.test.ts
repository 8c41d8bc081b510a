// `walab simulate` of a scenario file: the traffic one run of `walab run` (strategy x sweep point
// x replication) simulates, so that its log, billed by `walab bill` with the options simulate
// prints, gives exactly that replication's total; and bad choices: exit 2, nothing written.
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {billCommand} from "../../cli/bill.ts";
import {runScenarioFile} from "../../cli/scenario-file.ts";
import {simulateCommand} from "../../cli/simulate.ts";
import type {ScenarioResult} from "../../engine/scenario/index.ts";
import {runInProcess} from "../support/run-in-process.ts";
import {tinyScenario} from "./fixtures.ts";

const WORK = mkdtempSync(join(tmpdir(), "walab-simulate-scenario-"));
afterAll(() => rmSync(WORK, {recursive: true, force: true}));
const at = (name: string) => join(WORK, name);

// a strategy that changes the traffic, one that changes the billing, one that adds a markup
const SCENARIO = tinyScenario(
  `strategies:
  - name: as is
  - name: capped
    capMarketing: {max: 1, per: 7d}
  - name: october rules
    pricing: pmp-2026-10
    rateCard: 2026-10-01
    serviceFreePerPhone: 50
  - name: marked up
    markup: {percent: 10}
sweeps:
  - {name: ad share, lever: ctwaShare, values: [0, 0.5]}
`,
  600,
);
const FILE = at("tiny.yaml");

const walabSimulate = (args: string[]) => runInProcess(simulateCommand, args);

/** `walab simulate FILE ...choice` into a log and accounts file; their paths and its stderr. */
async function simulateRun(choice: string[], name: string) {
  const log = at(`${name}.ndjson`);
  const accounts = at(`${name}-accounts.json`);
  const result = await walabSimulate([FILE, ...choice, "--out", log, "--accounts-out", accounts]);
  expect(result.code, result.stderr).toBe(0);
  return {log, accounts, stderr: result.stderr};
}

/** The total `walab bill --summary` gives for a log, with the options simulate printed. */
async function billedTotal(run: {log: string; accounts: string; stderr: string}) {
  const printed = /bills with walab bill (--.*?)(;|$)/m.exec(run.stderr)?.[1]?.split(" ") ?? [];
  const args = ["--accounts", run.accounts, "--messages", run.log, "--summary", ...printed];
  const result = await runInProcess(billCommand, args);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as {amount: string}).amount;
}

let scenario: ScenarioResult;
beforeAll(async () => {
  writeFileSync(FILE, SCENARIO);
  scenario = await runScenarioFile(FILE, {replications: 2, workers: 1});
});

/** The exact total `walab run` gives for a strategy at a sweep value and a replication. */
function runTotal(strategy: string, adShare: number, replication: number): string {
  const run = scenario.runs.find((r) => r.strategy === strategy && r.sweep["ad share"] === adShare);
  return run!.replicationTotals[replication - 1]!;
}

describe("walab simulate <scenario.yaml>", () => {
  it("the log of a strategy x sweep point x replication, billed as it prints, gives walab run's total", async () => {
    for (const [strategy, adShare, replication] of [
      ["as is", 0, 1],
      ["capped", 0, 1],
      ["capped", 0.5, 2],
      ["october rules", 0.5, 1],
      ["october rules", 0, 2],
    ] as const) {
      const run = await simulateRun(
        [
          "--strategy",
          strategy,
          "--sweep",
          `ad share=${adShare}`,
          "--replication",
          String(replication),
        ],
        "run",
      );
      expect(await billedTotal(run), `${strategy} at ${adShare}, replication ${replication}`).toBe(
        runTotal(strategy, adShare, replication),
      );
    }
  });

  it("prints the walab bill options of a strategy that changes the billing, and what only walab run applies", async () => {
    const october = await simulateRun(["--strategy", "october rules"], "october");
    expect(october.stderr).toBe(
      'walab simulate: "october rules" bills with walab bill --pricing pmp-2026-10 --rates 2026-10-01 --service-free-per-phone 50\n',
    );
    const markedUp = await simulateRun(["--strategy", "marked up"], "marked-up");
    expect(markedUp.stderr).toBe(
      `walab simulate: "marked up" bills with walab bill's defaults; its markup only walab run applies\n`,
    );
    expect((await simulateRun(["--strategy", "as is"], "as-is")).stderr).toBe("");
    // the markup changes no traffic
    expect(readFileSync(markedUp.log, "utf8")).toBe(readFileSync(at("as-is.ndjson"), "utf8"));
  });

  it("defaults to the first strategy, the first sweep value and replication 1 with the file's seed", async () => {
    const chosen = await simulateRun(
      ["--strategy", "as is", "--sweep", "ad share=0", "--replication", "1", "--seed", "42"],
      "chosen",
    );
    const defaults = await simulateRun([], "defaults");
    expect(readFileSync(defaults.log, "utf8")).toBe(readFileSync(chosen.log, "utf8"));
    expect(readFileSync(defaults.accounts, "utf8")).toBe(readFileSync(chosen.accounts, "utf8"));
  });

  it("replication K simulates with the seed S/K, as walab run does", async () => {
    const second = await simulateRun(["--replication", "2"], "second");
    const seeded = await simulateRun(["--seed", "42/2"], "seeded");
    const first = await simulateRun([], "first");
    expect(readFileSync(second.log, "utf8")).toBe(readFileSync(seeded.log, "utf8"));
    expect(readFileSync(second.log, "utf8")).not.toBe(readFileSync(first.log, "utf8"));
  });

  it("bad choices exit 2 with what was expected, and write nothing", async () => {
    const out = at("never.ndjson");
    const cases: [string[], string][] = [
      [
        ["--strategy", "cheapest"],
        'unknown --strategy "cheapest" (expected one of "as is", "capped", "october rules", "marked up")',
      ],
      [
        ["--sweep", "bot share=1"],
        'invalid --sweep "bot share=1" (expected NAME=VALUE, NAME one of "ad share")',
      ],
      [
        ["--sweep", "ad share"],
        'invalid --sweep "ad share" (expected NAME=VALUE, NAME one of "ad share")',
      ],
      [
        ["--sweep", "ad share=0.3"],
        'unknown --sweep value "ad share=0.3" (expected one of 0, 0.5)',
      ],
      [["--replication", "0"], "invalid --replication 0 (expected a whole number from 1 to 1000)"],
      [["--summary"], `--summary is for simulation files: ${FILE} is a scenario file`],
      [["--pricing", "pmp-2026-10"], "--pricing is for simulation files"],
    ];
    for (const [args, message] of cases) {
      const result = await walabSimulate([FILE, ...args, "--out", out]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(`walab simulate: ${message}`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("--strategy, --sweep and --replication are refused for a simulation file", async () => {
    const simulation = at("simulation.yaml");
    writeFileSync(
      simulation,
      SCENARIO.replace(/^(name|seed|replications): .*\n/gm, "").replace(/^strategies:[^]*$/m, ""),
    );
    expect((await walabSimulate([simulation, "--seed", "1", "--out", at("s.ndjson")])).code).toBe(
      0,
    );
    const result = await walabSimulate([simulation, "--seed", "1", "--strategy", "capped"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `walab simulate: --strategy picks a run of a scenario file: ${simulation} has no strategies`,
    );
  });
});
