import {formatDayNumber, localDayOf} from "../../models/calendar/index.ts";
import {InputError} from "../../models/input-error.ts";
import type {InputProblem} from "../../models/input-error.ts";
import type {RateCardSet} from "../../models/rate-cards/index.ts";
import type {Scenario, ScenarioFile} from "../../models/scenario/index.ts";
import {compileTrafficPlan} from "../../models/traffic/compile-traffic-plan.ts";
import type {NumberingPlans} from "../../models/traffic/numbering-plan.ts";
import type {TrafficPlan} from "../../models/traffic/traffic-plan.ts";
import {createDayCalendar} from "../aggregate/index.ts";
import type {DayCalendar} from "../aggregate/index.ts";
import type {BillingData} from "../billing-data.ts";
import {applyRateChanges} from "./apply-rate-changes.ts";

/** One strategy at one sweep point: the scenario it bills and where its traffic comes from. */
export interface ScenarioRun {
  strategy: string;
  /** Index of the strategy in the file. */
  strategyIndex: number;
  description: string;
  /** Index of the sweep point (0 without sweeps). */
  point: number;
  sweep: Record<string, number | string>;
  scenario: Scenario;
  /** The traffic group whose simulation this run bills. */
  group: number;
  /** The rate cards with the scenario's rate changes applied. */
  cards: RateCardSet;
}

/** Runs with identical traffic: simulated once per replication, billed once per run. */
export interface TrafficGroup {
  plan: TrafficPlan;
  /** Run indices, ascending. */
  runs: number[];
  /** Simulated users of the plan (all businesses). */
  users: number;
}

/** A scenario file compiled for running: runs in result order and their traffic groups. */
export interface ScenarioPlan {
  file: ScenarioFile;
  data: BillingData;
  /** Strategies outer, sweep points inner, in file order. */
  runs: ScenarioRun[];
  groups: TrafficGroup[];
  /** Local days of the period in its timezone. */
  calendar: DayCalendar;
  period: {start: string; end: string; timezone: string};
}

/**
 * Resolves every strategy x sweep point into a run, groups runs whose traffic is the same (a
 * strategy that only changes pricing shares its traffic with the base, so the simulation runs
 * once per replication for all of them), compiles each group's traffic plan and each run's
 * rate cards. Reports every compile problem at once.
 * @throws InputError with `file#/traffic/...` paths.
 * @example planScenario(file, data, numbering).groups.length // => 1 when strategies differ only in pricing
 */
export function planScenario(
  file: ScenarioFile,
  data: BillingData,
  numbering: NumberingPlans,
): ScenarioPlan {
  const runs: ScenarioRun[] = [];
  const groups: TrafficGroup[] = [];
  const groupByKey = new Map<string, number>();
  const cardsByKey = new Map<string, RateCardSet>();
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  file.strategies.forEach((strategy, strategyIndex) => {
    file.points.forEach((point, p) => {
      const scenario = strategy.whatIf(point.base);
      const key = trafficKey(scenario);
      let group = groupByKey.get(key);
      if (group === undefined) {
        try {
          const plan = compileTrafficPlan(scenario.simulation, scenario.accounts, numbering);
          group = groups.length;
          groups.push({
            plan,
            runs: [],
            users: plan.businesses.reduce((n, b) => n + b.totalUsers, 0),
          });
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          for (const problem of error.problems) {
            const id = `${problem.path}\u0000${problem.message}`;
            if (!seen.has(id)) problems.push(problem);
            seen.add(id);
          }
          group = -1;
        }
        groupByKey.set(key, group);
      }
      const changesKey = JSON.stringify(scenario.rateChanges);
      let cards = cardsByKey.get(changesKey);
      if (cards === undefined) {
        cards = applyRateChanges(data.cards, data.markets, scenario.rateChanges);
        cardsByKey.set(changesKey, cards);
      }
      if (group >= 0) groups[group]!.runs.push(runs.length);
      runs.push({
        strategy: strategy.name,
        strategyIndex,
        description: strategy.description,
        point: p,
        sweep: point.values,
        scenario,
        group,
        cards,
      });
    });
  });
  if (problems.length > 0) throw new InputError(problems);
  const {timezone, simulation} = file.base;
  const first = localDayOf(timezone, simulation.startMs);
  const end = localDayOf(timezone, simulation.endMs - 1) + 1;
  const period = {start: formatDayNumber(first), end: formatDayNumber(end), timezone};
  return {
    file,
    data,
    runs,
    groups,
    calendar: createDayCalendar(period.start, period.end, timezone),
    period,
  };
}

/** Everything the simulation depends on, as text (typed arrays as lists). */
function trafficKey(scenario: Scenario): string {
  const {startMs, endMs, traffic} = scenario.simulation;
  return JSON.stringify(
    {startMs, endMs, accounts: scenario.accounts, traffic},
    (_key, value: unknown) =>
      ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value,
  );
}
