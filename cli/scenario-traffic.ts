import {replicationSeed} from "../engine/scenario/index.ts";
import type {ScenarioRun} from "../engine/scenario/index.ts";
import type {BillingData} from "../engine/billing-data.ts";
import type {AccountsFile} from "../models/accounts/index.ts";
import {MAX_REPLICATIONS} from "../models/scenario/index.ts";
import type {Scenario} from "../models/scenario/index.ts";
import type {TrafficPlan} from "../models/traffic/traffic-plan.ts";
import {UsageError} from "./cli-io.ts";
import {loadScenarioFile} from "./scenario-file.ts";

/** Which run of a scenario file `walab simulate` simulates, as its options give it. */
export interface ScenarioTrafficChoice {
  /** `--seed`: the scenario's seed instead of the file's. */
  seed?: string;
  /** `--strategy NAME`; default the file's first strategy. */
  strategy?: string;
  /** `--sweep NAME=VALUE`, one per sweep parameter named; others take their first value. */
  sweeps: readonly string[];
  /** `--replication K`, 1-based; default 1. */
  replication?: string;
}

/** The traffic of one strategy x sweep point x replication of a scenario file. */
export interface ScenarioTraffic {
  plan: TrafficPlan;
  accounts: AccountsFile;
  data: BillingData;
  run: ScenarioRun;
  /** The replication's seed (`replicationSeed`): what `walab run` simulates it with. */
  seed: string | number;
}

/**
 * Loads a scenario file as `walab run` does and picks the traffic that replication K of one
 * strategy at one sweep point simulates: the same plan and seed, so its message log billed with
 * the strategy's pricing, rate card and free service messages gives the replication's total
 * (rate changes and markups are `walab run`'s alone).
 * @throws UsageError for an unknown strategy, sweep parameter or value, or a bad replication;
 *   InputError for a bad scenario file.
 * @example scenarioTraffic("scenarios/black-friday-mx.yaml", {strategy: "blast a day earlier", sweeps: []}).seed // => 2711
 */
export function scenarioTraffic(file: string, choice: ScenarioTrafficChoice): ScenarioTraffic {
  if (choice.seed !== undefined && choice.seed.trim() === "") throw new UsageError("empty --seed");
  const {plan} = loadScenarioFile(file, choice.seed === undefined ? {} : {seed: choice.seed});
  const names = [...new Set(plan.runs.map((r) => r.strategy))];
  const strategy = choice.strategy ?? names[0]!;
  if (!names.includes(strategy)) {
    const expected = names.map((n) => JSON.stringify(n)).join(", ");
    throw new UsageError(
      `unknown --strategy ${JSON.stringify(strategy)} (expected one of ${expected})`,
    );
  }
  const sweep = sweepOf(plan.runs, choice.sweeps);
  const run = plan.runs.find(
    (r) =>
      r.strategy === strategy &&
      Object.entries(sweep).every(([name, value]) => String(r.sweep[name]) === value),
  )!;
  const replication = replicationOption(choice.replication);
  return {
    plan: plan.groups[run.group]!.plan,
    accounts: run.scenario.accounts,
    data: plan.data,
    run,
    seed: replicationSeed(plan.file.seed, replication - 1),
  };
}

/**
 * How to bill a run's message log as the run bills it: the `walab bill` options of the
 * scenario's pricing, rate card and free service messages (none when it bills as walab bill does
 * by default), and what walab bill cannot apply (rate changes, a markup).
 * @example billingOptionsOf(scenario) // => {options: ["--pricing", "pmp-2025-07"], notApplied: []}
 */
export function billingOptionsOf(scenario: Scenario): {options: string[]; notApplied: string[]} {
  const options: string[] = [];
  if (scenario.pricing !== "auto") options.push("--pricing", scenario.pricing);
  if (scenario.rates !== "auto") options.push("--rates", scenario.rates);
  if (scenario.serviceFreePerPhone !== undefined)
    options.push("--service-free-per-phone", String(scenario.serviceFreePerPhone));
  const notApplied: string[] = [];
  if (scenario.rateChanges.length > 0) notApplied.push("its rate changes");
  if (scenario.markup !== undefined) notApplied.push("its markup");
  return {options, notApplied};
}

/**
 * What to tell the user who bills a run's log: the `walab bill` options of its strategy and what
 * only `walab run` applies; undefined when walab bill's defaults bill it as the run does.
 * @example billingNote(run) // => '"older card" bills with walab bill --pricing pmp-2025-07 --rates 2026-04-01'
 */
export function billingNote(run: ScenarioRun): string | undefined {
  const {options, notApplied} = billingOptionsOf(run.scenario);
  if (options.length === 0 && notApplied.length === 0) return undefined;
  const how = options.length > 0 ? `walab bill ${options.join(" ")}` : "walab bill's defaults";
  const rest = notApplied.length > 0 ? `; ${notApplied.join(" and ")} only walab run applies` : "";
  return `${JSON.stringify(run.strategy)} bills with ${how}${rest}`;
}

/**
 * The sweep point `--sweep NAME=VALUE` options pick, as parameter -> value text: every parameter
 * the file sweeps, those not named at their first value.
 */
function sweepOf(runs: readonly ScenarioRun[], options: readonly string[]): Record<string, string> {
  const values = new Map<string, string[]>();
  for (const run of runs) {
    for (const [name, value] of Object.entries(run.sweep)) {
      const seen = values.get(name) ?? [];
      if (!seen.includes(String(value))) seen.push(String(value));
      values.set(name, seen);
    }
  }
  const point: Record<string, string> = {};
  for (const [name, seen] of values) point[name] = seen[0]!;
  for (const option of options) {
    const at = option.indexOf("=");
    const name = at < 0 ? option : option.slice(0, at);
    const seen = values.get(name);
    if (at < 0 || seen === undefined) {
      const known = [...values.keys()].map((n) => JSON.stringify(n)).join(", ");
      const names = known === "" ? "but the file has no sweeps" : `NAME one of ${known}`;
      throw new UsageError(
        `invalid --sweep ${JSON.stringify(option)} (expected NAME=VALUE, ${names})`,
      );
    }
    const value = option.slice(at + 1);
    if (!seen.includes(value))
      throw new UsageError(
        `unknown --sweep value ${JSON.stringify(option)} (expected one of ${seen.join(", ")})`,
      );
    point[name] = value;
  }
  return point;
}

function replicationOption(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_REPLICATIONS)
    throw new UsageError(
      `invalid --replication ${text} (expected a whole number from 1 to ${MAX_REPLICATIONS})`,
    );
  return Number(text);
}
