import {parseAccounts} from "../../models/accounts/index.ts";
import type {AccountsFile} from "../../models/accounts/index.ts";
import {compileTrafficPlan} from "../../models/traffic/compile-traffic-plan.ts";
import {loadNumberingPlans} from "../../models/traffic/numbering-plan.ts";
import {parseSimulationConfig} from "../../models/traffic/simulation-config.ts";
import type {TrafficPlan} from "../../models/traffic/traffic-plan.ts";
import {compileBillingData} from "../billing-data.ts";
import type {BillingData, RateCardTexts} from "../billing-data.ts";

/**
 * Everything a simulation reads, as texts: the simulation file, the accounts file it names (if
 * any), the rate cards and the numbering plans. A worker thread receives this object and
 * rebuilds the same plan, so no file is read twice.
 */
export interface SimulationSource {
  text: string;
  /** The file name used in error paths. */
  file: string;
  /** Text of the accounts file the simulation names (`accounts: path`); unused for inline accounts. */
  accounts?: string;
  /** Its name in error paths. */
  accountsFile?: string;
  rateCards: RateCardTexts;
  numberingPlans: string;
}

/** A simulation planned from its texts. */
export interface LoadedSimulation {
  plan: TrafficPlan;
  accounts: AccountsFile;
  data: BillingData;
}

/**
 * Parses and compiles a simulation from its texts (no I/O of its own).
 * @throws InputError listing every problem of the file, its accounts and its traffic.
 * @example loadSimulation(source).plan.businesses.length // => 1
 */
export function loadSimulation(source: SimulationSource): LoadedSimulation {
  const config = parseSimulationConfig(source.text, source.file);
  let accounts = config.accounts;
  if (accounts === undefined) {
    const file = source.accountsFile ?? `${source.file}#/accounts`;
    if (source.accounts === undefined)
      throw new Error(`simulation source without the text of ${config.accountsPath}`);
    accounts = parseAccounts(source.accounts, file);
  }
  const data = compileBillingData(source.rateCards);
  const numbering = loadNumberingPlans(source.numberingPlans, "models/traffic/numbering-plans.csv");
  return {plan: compileTrafficPlan(config, accounts, numbering), accounts, data};
}
