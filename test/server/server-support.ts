/**
 * Test support for the server: an app over in-memory scenario files and a fake runner that turns
 * the report's ScenarioResult fixture into a result that depends on the overrides (so a changed
 * lever visibly changes every chart), with knobs for delays, hangs and failures.
 */
import {readFileSync} from "node:fs";
import type {ScenarioResult, StrategyRun} from "../../engine/scenario/scenario-result.ts";
import type {MeanInterval} from "../../engine/stats/index.ts";
import {readShippedData} from "../../io/index.ts";
import {InputError} from "../../models/input-error.ts";
import {createApp} from "../../server/app.ts";
import type {AppOptions, WalabApp} from "../../server/app.ts";
import type {RunOverrides} from "../../server/api/schemas.ts";
import type {ScenarioFiles, ScenarioRunner} from "../../server/api/scenario-service.ts";
import type {Bundle} from "../../server/routes/browser-bundles.ts";
import {
  ASSET_ROOTS,
  createConfinedReader,
  esbuildTranspile,
  PROJECT_ROOT,
} from "../../server/node.ts";
import {scenarioResultFixture} from "../report/scenario-result-fixture.ts";

export const NUMBERING_PLANS = readFileSync(
  new URL("../../models/traffic/numbering-plans.csv", import.meta.url),
  "utf8",
);

/** Scenario files held in memory (name → text). */
export function memoryScenarios(files: Record<string, string>): ScenarioFiles {
  return {
    list: async () => Object.keys(files).sort(),
    read: async (name) => (Object.hasOwn(files, name) ? files[name] : undefined),
    readRelative: async () => undefined,
  };
}

export const SCENARIO_TEXTS: Record<string, string> = {
  "shop-five-markets":
    "# Which pricing edition costs a shop selling in five markets less?\n#\n# npx walab run ...\nname: shop-five-markets\n",
  "flat-no-sweep": "name: flat-no-sweep\nquestion: What does the flat shop pay without sweeps?\n",
};

/** Knobs of the fake runner. */
export interface FakeRunnerOptions {
  delayMs?: number;
  /** Never settle unless aborted (or at all, with `ignoreAbort`). */
  hang?: boolean;
  ignoreAbort?: boolean;
  /** Throw this error instead of answering. */
  fail?: unknown;
  /** Deliver the asked-for preview (the result with its replications) after this many ms. */
  previewMs?: number;
}

/** The fake runner and what it saw. */
export interface FakeRunner {
  runner: ScenarioRunner;
  calls: {file: string; overrides: RunOverrides}[];
  aborted: number;
  options: FakeRunnerOptions;
}

/**
 * A runner over the fixture: `flat-no-sweep` gets the fixture without sweeps, anything else with
 * them; money scales with volumeScale, pricing `cbp-*` adds 20 %, the ad-entry share takes 10 %
 * off per 0.1 of share; replications cut the replication lists. `input-error` scenarios throw the
 * engine's InputError.
 */
export function createFakeRunner(options: FakeRunnerOptions = {}): FakeRunner {
  const fake: FakeRunner = {
    calls: [],
    aborted: 0,
    options,
    runner: async () => scenarioResultFixture(),
  };
  fake.runner = async (file, overrides, {signal, preview}) => {
    fake.calls.push({file, overrides});
    if (preview !== undefined && fake.options.previewMs !== undefined) {
      const early = {...overrides, replications: preview.replications};
      setTimeout(() => preview.deliver(fakeResult(file, early)), fake.options.previewMs);
    }
    if (fake.options.fail !== undefined) throw fake.options.fail;
    if (fake.options.hang === true) {
      await new Promise<void>((_, reject) => {
        if (fake.options.ignoreAbort !== true) {
          signal.addEventListener("abort", () => {
            fake.aborted++;
            reject(signal.reason);
          });
        }
      });
    }
    if ((fake.options.delayMs ?? 0) > 0)
      await new Promise((r) => setTimeout(r, fake.options.delayMs));
    if (file.includes("input-error"))
      throw new InputError({
        path: `${file}#/strategies/0/pricing`,
        message: "unknown pricing model",
        value: "nope",
      });
    return fakeResult(file, overrides);
  };
  return fake;
}

/** The fake runner's result for a file and overrides. */
function fakeResult(file: string, overrides: RunOverrides): ScenarioResult {
  const base = scenarioResultFixture({sweep: !file.includes("flat-no-sweep")});
  let factor = overrides.volumeScale ?? 1;
  if (overrides.pricing?.startsWith("cbp")) factor *= 1.2;
  if (overrides.adEntryShare !== undefined) factor *= 1 - overrides.adEntryShare;
  const name = file.replace(/^scenarios\//, "").replace(/\.yaml$/, "");
  return scaleResult({...base, scenario: name, file}, factor, overrides.replications);
}

/** Multiplies every amount of a result by `factor` (exact totals kept to 4 decimals). */
export function scaleResult(
  result: ScenarioResult,
  factor: number,
  replications?: number,
): ScenarioResult {
  const m = (x: MeanInterval): MeanInterval => ({
    ...x,
    mean: x.mean * factor,
    low: x.low * factor,
    high: x.high * factor,
  });
  const map = (o: Record<string, MeanInterval>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, m(v)]));
  const runs = result.runs.map((run): StrategyRun => ({
    ...run,
    replicationTotals: run.replicationTotals
      .slice(0, replications ?? run.replicationTotals.length)
      .map((t) => (Number(t) * factor).toFixed(4)),
    total: m(run.total),
    byCategory: map(run.byCategory),
    byMarket: map(run.byMarket),
    costPerUser: m(run.costPerUser),
    costPerMessage: m(run.costPerMessage),
    deltaVsFirst: run.deltaVsFirst === null ? null : m(run.deltaVsFirst),
    daily: run.daily.map(m),
    dailyByCategory: Object.fromEntries(
      Object.entries(run.dailyByCategory).map(([k, v]) => [k, v.map((x) => x * factor)]),
    ),
  }));
  return {...result, replications: replications ?? result.replications, runs};
}

/** An app over in-memory scenarios, the real (confined) asset reader and esbuild, and a fake runner. */
export function createTestApp(
  options: {
    fake?: FakeRunner;
    scenarios?: Record<string, string>;
    app?: AppOptions;
    bundle?: Bundle;
  } = {},
): {app: WalabApp; fake: FakeRunner} {
  const fake = options.fake ?? createFakeRunner();
  const app = createApp({
    scenarios: memoryScenarios(options.scenarios ?? SCENARIO_TEXTS),
    readAsset: createConfinedReader(PROJECT_ROOT, ASSET_ROOTS),
    transpile: esbuildTranspile,
    ...(options.bundle === undefined ? {} : {bundle: options.bundle}),
    runner: fake.runner,
    quoteData: {rateCards: readShippedData(), numberingPlansCsv: NUMBERING_PLANS},
    options: {timeoutMs: 10_000, ...options.app},
    log: () => {},
  });
  return {app, fake};
}

/** A JSON POST through app.request. */
export function postJson(
  app: WalabApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: "POST",
      headers: {"content-type": "application/json", ...headers},
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}
