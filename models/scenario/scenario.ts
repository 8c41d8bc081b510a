import type {AccountsFile} from "../accounts/accounts-file.ts";
import type {SimulationConfig} from "../traffic/simulation-config.ts";
import type {TrafficBlock} from "../traffic/traffic-block.ts";
import type {Markup} from "./markup.ts";
import type {RateChange} from "./rate-change.ts";

/**
 * One fully specified what-if world: the simulated traffic (period, accounts, traffic blocks) and
 * how it is billed (pricing model, rate-card edition, free service messages, rate changes, a
 * reseller's markup). Scenarios are plain data; what-ifs are `Scenario → Scenario` functions
 * (`what-if.ts`), so a strategy is a composition of them applied to the base.
 */
export interface Scenario {
  /** The simulation: period and traffic blocks (parsed, with defaults filled in). */
  simulation: SimulationConfig;
  /** The accounts the traffic and the billing use (inline or read from the named file). */
  accounts: AccountsFile;
  /** Timezone of the period's dates; days of the reports are local days in it. */
  timezone: string;
  /** `auto` (the model in force at each message, R-1) or a pricing-model id. */
  pricing: string;
  /** `auto` (the edition in force, C-10) or the effective date of a rates edition. */
  rates: string;
  /** PMP26-4 free service messages per phone and month; undefined = the engine's default. */
  serviceFreePerPhone: number | undefined;
  /** Rate changes applied to copies of the rate cards, in order. */
  rateChanges: readonly RateChange[];
  /** A reseller's markup on top of Meta's charges; undefined = none. */
  markup: Markup | undefined;
}

/**
 * The base scenario of a simulation: billed as `walab bill` would by default (`auto` pricing
 * and rates, no changes, no markup).
 * @example createScenario(config, accounts, "UTC").pricing // => "auto"
 */
export function createScenario(
  simulation: SimulationConfig,
  accounts: AccountsFile,
  timezone: string,
): Scenario {
  return {
    simulation,
    accounts,
    timezone,
    pricing: "auto",
    rates: "auto",
    serviceFreePerPhone: undefined,
    rateChanges: [],
    markup: undefined,
  };
}

/**
 * A copy of the scenario with every traffic block passed through `f` (the other fields shared).
 * O(blocks).
 * @example mapTraffic(s, (b) => ({...b, frequencyCap: undefined})).simulation.traffic.length // => 1
 */
export function mapTraffic(scenario: Scenario, f: (block: TrafficBlock) => TrafficBlock): Scenario {
  return {
    ...scenario,
    simulation: {...scenario.simulation, traffic: scenario.simulation.traffic.map(f)},
  };
}
