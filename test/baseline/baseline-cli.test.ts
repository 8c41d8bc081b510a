import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {baselineCommand, baselinePath, resolveScenarioFiles} from "../../cli/baseline.ts";
import type {ScenarioRunner, ScenarioRunOptions} from "../../cli/scenario-file.ts";
import {checkCommand} from "../../cli/check.ts";
import {parseBaseline} from "../../engine/baseline/index.ts";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {InputError} from "../../models/input-error.ts";
import {scenarioResultFixture} from "../report/scenario-result-fixture.ts";
import {runInProcess} from "../support/run-in-process.ts";

const ROOT = mkdtempSync(join(tmpdir(), "walab-baseline-test-"));
afterAll(() => rmSync(ROOT, {recursive: true, force: true}));

/** Two scenario files (their content is the fake runner's business). */
const SCENARIO_A = join(ROOT, "shop-a.yaml");
const SCENARIO_B = join(ROOT, "shop-b.yaml");
writeFileSync(SCENARIO_A, "name: shop-a\n");
writeFileSync(SCENARIO_B, "name: shop-b\n");

const FIXTURE = scenarioResultFixture();
/** A small shipped scenario for the end-to-end test with the real runner. */
const REAL_SCENARIO = join("scenarios", "utility-in-window-es.yaml");

/** A fake runner: the fixture named after the file, changed by `tweak`; records its calls. */
function fakeRunner(
  tweak: (result: ScenarioResult, file: string) => void = () => {},
): ScenarioRunner & {calls: [string, ScenarioRunOptions][]} {
  const calls: [string, ScenarioRunOptions][] = [];
  const run = async (file: string, options: ScenarioRunOptions) => {
    calls.push([file, options]);
    const result = structuredClone(FIXTURE);
    result.scenario = file.endsWith("shop-a.yaml") ? "shop-a" : "shop-b";
    result.file = file;
    if (options.seed !== undefined) result.seed = options.seed;
    if (options.replications !== undefined) result.replications = options.replications;
    tweak(result, file);
    return result;
  };
  return Object.assign(run, {calls});
}

function cli(command: typeof baselineCommand, args: string[], run: ScenarioRunner) {
  return runInProcess((a, io) => command(a, io, {run}), args);
}

describe("walab baseline", () => {
  const dir = join(ROOT, "baselines");

  it("baselineCommand([a, b, --dir]) runs both scenarios and writes baselines/<scenario>.json, exit 0", async () => {
    const run = fakeRunner();
    const {code, stdout, stderr} = await cli(
      baselineCommand,
      [SCENARIO_A, SCENARIO_B, "--dir", dir],
      run,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["shop-a.json", "shop-b.json"]);
    const stored = parseBaseline(readFileSync(join(dir, "shop-a.json"), "utf8"), "shop-a.json");
    expect(stored.scenario).toBe("shop-a");
    expect(stored.runs[0]!.replicationTotals).toEqual(FIXTURE.runs[0]!.replicationTotals);
    expect(stdout).toBe(
      `walab baseline: wrote ${join(dir, "shop-a.json")}: 9 runs x 12 replications (108 exact totals), seed 42\n` +
        `walab baseline: wrote ${join(dir, "shop-b.json")}: 9 runs x 12 replications (108 exact totals), seed 42\n`,
    );
    expect(run.calls).toEqual([
      [SCENARIO_A, {}],
      [SCENARIO_B, {}],
    ]);
  });

  it("baselineCommand with --replications and --seed passes them to the runner and stores them", async () => {
    const other = join(ROOT, "baselines-small");
    const run = fakeRunner();
    const {code} = await cli(
      baselineCommand,
      [SCENARIO_A, "--dir", other, "--replications", "5", "--seed", "7", "--workers", "2"],
      run,
    );
    expect(code).toBe(0);
    expect(run.calls).toEqual([[SCENARIO_A, {replications: 5, seed: 7, workers: 2}]]);
    const stored = parseBaseline(readFileSync(join(other, "shop-a.json"), "utf8"), "x");
    expect([stored.seed, stored.replications]).toEqual([7, 5]);
  });

  it("baselineCommand writes nothing when a scenario is bad input (exit 2)", async () => {
    const other = join(ROOT, "baselines-none");
    const run = fakeRunner((_, file) => {
      if (file === SCENARIO_B)
        throw new InputError({
          path: `${file}#/strategies/2/rates/IN`,
          message: "negative rate",
          value: -0.1,
        });
    });
    const {code, stderr} = await cli(
      baselineCommand,
      [SCENARIO_A, SCENARIO_B, "--dir", other],
      run,
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      `walab baseline: ${SCENARIO_B}#/strategies/2/rates/IN: negative rate: -0.1\n`,
    );
    expect(existsSync(other)).toBe(false);
  });

  it.each([
    [[], "missing scenario"],
    [
      [SCENARIO_A, "--replications", "0"],
      "invalid --replications: 0 (expected a whole number >= 1)",
    ],
    [[SCENARIO_A, "--bogus"], "Unknown option '--bogus'"],
  ])("baselineCommand(%j) is a usage error, exit 2", async (args, message) => {
    const {code, stderr} = await cli(baselineCommand, args as string[], fakeRunner());
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("baselineCommand(missing files) names every one, exit 2, and runs nothing", async () => {
    const run = fakeRunner();
    const {code, stderr} = await cli(baselineCommand, ["nope-1", "nope-2.yaml"], run);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "walab baseline: nope-1: no such scenario (expected a scenario file, or a name with a file scenarios/nope-1.yaml)\n" +
        "walab baseline: nope-2.yaml: no such scenario (expected a scenario file, or a name with a file scenarios/nope-2.yaml)\n",
    );
    expect(run.calls).toEqual([]);
  });
});

describe("walab check", () => {
  const dir = join(ROOT, "baselines-check");

  it("checkCommand exits 0 when every scenario matches its baseline, re-running with the stored seed and replications", async () => {
    await cli(
      baselineCommand,
      [SCENARIO_A, SCENARIO_B, "--dir", dir, "--replications", "12", "--seed", "42"],
      fakeRunner(),
    );
    const run = fakeRunner();
    const {code, stdout, stderr} = await cli(
      checkCommand,
      [SCENARIO_A, SCENARIO_B, "--dir", dir, "--workers", "2"],
      run,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      `shop-a: matches ${join(dir, "shop-a.json")}\n` +
        `shop-b: matches ${join(dir, "shop-b.json")}\n` +
        "walab check: 2 of 2 scenarios match their baselines\n",
    );
    expect(run.calls).toEqual([
      [SCENARIO_A, {seed: 42, replications: 12, workers: 2}],
      [SCENARIO_B, {seed: 42, replications: 12, workers: 2}],
    ]);
  });

  it("checkCommand exits 1 and prints the readable diff when a replication total moved by 0.0001", async () => {
    const run = fakeRunner((result, file) => {
      if (file !== SCENARIO_B) return;
      const total = result.runs[4]!.replicationTotals[3]!;
      expect(total).toBe("6292.637235");
      result.runs[4]!.replicationTotals[3] = "6292.637335";
    });
    const {code, stdout} = await cli(checkCommand, [SCENARIO_A, SCENARIO_B, "--dir", dir], run);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `shop-a: matches ${join(dir, "shop-a.json")}\n` +
        `shop-b: 1 figure moved against ${join(dir, "shop-b.json")} (1 exact)\n` +
        "  pmp-2025-07 at adEntryShare=0.3\n" +
        "    replication 4 total: 6292.637235 → 6292.637335 USD (+0.0001, +0.0000016 %) [exact]\n" +
        `walab check: 1 of 2 scenarios moved; if intended, re-create with: walab baseline ${SCENARIO_A} ${SCENARIO_B}\n`,
    );
  });

  it("checkCommand with --relative 1e-5 accepts a float that moved by 1e-6, and exits 1 without it", async () => {
    const run = fakeRunner((result) => {
      result.runs[0]!.costPerUser.mean *= 1 + 1e-6;
    });
    expect(
      (await cli(checkCommand, [SCENARIO_A, "--dir", dir, "--relative", "1e-5"], run)).code,
    ).toBe(0);
    const strict = await cli(checkCommand, [SCENARIO_A, "--dir", dir], run);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("cost per user, mean: ");
    expect(strict.stdout).toContain("[beyond 1e-9 relative]");
  });

  it("checkCommand with a missing baseline exits 2 naming the file and how to create it, before running anything", async () => {
    const run = fakeRunner();
    const empty = join(ROOT, "no-baselines");
    const {code, stderr, stdout} = await cli(checkCommand, [SCENARIO_A, "--dir", empty], run);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `walab check: ${join(empty, "shop-a.json")}: no baseline for ${SCENARIO_A} (expected a baseline; create it with: walab baseline ${SCENARIO_A} --dir ${empty})\n`,
    );
    expect(run.calls).toEqual([]);
  });

  it("checkCommand with a corrupt baseline exits 2 with the path inside the file", async () => {
    const bad = join(ROOT, "bad-baselines");
    await cli(baselineCommand, [SCENARIO_A, "--dir", bad], fakeRunner());
    const path = join(bad, "shop-a.json");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace('"replications": 12', '"replications": -1'),
    );
    const {code, stderr} = await cli(checkCommand, [SCENARIO_A, "--dir", bad], fakeRunner());
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(`^walab check: ${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}#/replications: `),
    );
  });

  it.each([
    [[], "missing scenario"],
    [[SCENARIO_A, "--relative", "x"], "invalid --relative: x"],
    [[SCENARIO_A, "--seed", "1"], "Unknown option '--seed'"],
  ])("checkCommand(%j) is a usage error, exit 2", async (args, message) => {
    const {code, stderr} = await cli(checkCommand, args as string[], fakeRunner());
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it.skipIf(!existsSync(REAL_SCENARIO))(
    "with the real runner: walab baseline (2 workers) then walab check (1 worker) match, exit 0",
    async () => {
      const real = join(ROOT, "baselines-real");
      const args = [REAL_SCENARIO, "--dir", real];
      const wrote = await runInProcess(baselineCommand, [
        ...args,
        "--replications",
        "2",
        "--workers",
        "2",
      ]);
      expect(wrote.stderr).toBe("");
      expect(wrote.code).toBe(0);
      const stored = parseBaseline(readFileSync(baselinePath(real, REAL_SCENARIO), "utf8"), "x");
      expect(stored.replications).toBe(2);
      expect(stored.runs[0]!.replicationTotals[0]).toMatch(/^\d+(\.\d+)?$/);
      const checked = await runInProcess(checkCommand, [...args, "--workers", "1"]);
      expect(checked.stderr).toBe("");
      expect(checked.stdout).toContain("scenario matches its baseline");
      expect(checked.code).toBe(0);
    },
  );
});

describe("scenario files and baseline paths", () => {
  it("baselinePath(dir, file) is <dir>/<file name without extension>.json", () => {
    expect(baselinePath("baselines", "scenarios/loja-br-ecommerce.yaml")).toBe(
      join("baselines", "loja-br-ecommerce.json"),
    );
    expect(baselinePath("b", "x/y.json")).toBe(join("b", "y.json"));
  });

  it("resolveScenarioFiles([name]) finds scenarios/<name>.yaml in the project", () => {
    expect(resolveScenarioFiles(["loja-br-ecommerce"])).toEqual([
      join("scenarios", "loja-br-ecommerce.yaml"),
    ]);
    expect(resolveScenarioFiles(["loja-br-ecommerce.yaml"])).toEqual([
      join("scenarios", "loja-br-ecommerce.yaml"),
    ]);
    expect(resolveScenarioFiles([SCENARIO_A])).toEqual([SCENARIO_A]);
  });
});
