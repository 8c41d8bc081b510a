import {parseScenarioFile} from "../../models/scenario/index.ts";
import type {ScenarioFile} from "../../models/scenario/index.ts";
import {loadNumberingPlans} from "../../models/traffic/numbering-plan.ts";
import {compileBillingData} from "../billing-data.ts";
import type {RateCardTexts} from "../billing-data.ts";
import {planScenario} from "./scenario-plan.ts";
import type {ScenarioPlan} from "./scenario-plan.ts";

/** Command-line overrides of a scenario file's run settings. */
export interface ScenarioOverrides {
  seed?: string | number;
  replications?: number;
}

/**
 * Everything a scenario run reads, as texts: the scenario file, the accounts files it names
 * (path as written → text), the rate cards and the numbering plans, plus the overrides. A worker
 * thread receives this object and rebuilds the same plan, so no file is read twice.
 */
export interface ScenarioSource {
  text: string;
  file: string;
  accounts: Record<string, string>;
  rateCards: RateCardTexts;
  numberingPlans: string;
  overrides: ScenarioOverrides;
}

/**
 * Parses, checks and plans a scenario from its texts (no I/O of its own). An accounts file the
 * scenario names is taken from `source.accounts`, or read by `readAccounts` (which the caller
 * should record into `source.accounts` for workers).
 * @throws InputError listing every problem of the file and of its compiled traffic.
 * @example loadScenarioPlan(source).runs.length // => strategies x sweep points
 */
export function loadScenarioPlan(
  source: ScenarioSource,
  readAccounts?: (path: string) => string,
): ScenarioPlan {
  const data = compileBillingData(source.rateCards);
  const numbering = loadNumberingPlans(source.numberingPlans, "models/traffic/numbering-plans.csv");
  const parsed = parseScenarioFile(source.text, source.file, {
    ...data,
    readAccounts(path) {
      const text = source.accounts[path] ?? readAccounts?.(path);
      if (text === undefined) throw Object.assign(new Error("not read"), {code: "ENOENT"});
      return text;
    },
  });
  return planScenario(withOverrides(parsed, source.overrides), data, numbering);
}

/**
 * The file with `--seed` and `--replications` applied; a seed of digits becomes a number, as
 * the same seed written in the file would be.
 * @example withOverrides(file, {seed: "7"}).seed // => 7
 */
export function withOverrides(file: ScenarioFile, overrides: ScenarioOverrides): ScenarioFile {
  const {seed, replications} = overrides;
  return {
    ...file,
    ...(seed === undefined
      ? {}
      : {seed: typeof seed === "string" && /^\d{1,15}$/.test(seed) ? Number(seed) : seed}),
    ...(replications === undefined ? {} : {replications}),
  };
}
