import type {ScenarioResult} from "../scenario/scenario-result.ts";
import type {MeanInterval} from "../stats/index.ts";
import type {Baseline, BaselineFloat, BaselineInterval} from "./baseline.ts";
import {BASELINE_FORMAT} from "./baseline.ts";

/**
 * The baseline of a scenario result: per run (strategy x sweep point) the exact replication
 * totals, the mean total with its CI, cost per user and per message, the paired delta to the first
 * strategy, the means per category and market, and (when the result has them) the run's users,
 * Meta's charges and the markup; no daily series. Keys of per-category and
 * per-market maps are sorted, so the same result always gives the same JSON. Pure.
 * O(runs x (replications + categories + markets)).
 * @example createBaseline(result).runs[0].replicationTotals[0] // => "6711.359"
 */
export function createBaseline(result: ScenarioResult): Baseline {
  return {
    format: BASELINE_FORMAT,
    scenario: result.scenario,
    file: result.file,
    seed: result.seed,
    replications: result.replications,
    period: {start: result.period.start, end: result.period.end, timezone: result.period.timezone},
    currency: result.currency,
    users: result.users,
    sweepParameters: [...result.sweepParameters],
    runs: result.runs.map((run) => ({
      strategy: run.strategy,
      sweep: {...run.sweep},
      replicationTotals: [...run.replicationTotals],
      total: interval(run.total),
      costPerUser: float(run.costPerUser.mean),
      costPerMessage: float(run.costPerMessage.mean),
      deltaVsFirst: run.deltaVsFirst === null ? null : interval(run.deltaVsFirst),
      byCategory: means(run.byCategory),
      byMarket: means(run.byMarket),
      messagesByCategory: floats(run.messagesByCategory),
      conversationsByCategory: floats(run.conversationsByCategory),
      ...(run.users === undefined ? {} : {users: run.users}),
      ...(run.metaCharges === undefined ? {} : {metaCharges: float(run.metaCharges.mean)}),
      ...(run.markup === undefined ? {} : {markup: float(run.markup.mean)}),
    })),
  };
}

function float(x: number): BaselineFloat {
  return Number.isFinite(x) ? x : null;
}

function interval(x: MeanInterval): BaselineInterval {
  return {mean: float(x.mean), low: float(x.low), high: float(x.high)};
}

function means(map: Record<string, MeanInterval>): Record<string, BaselineFloat> {
  return Object.fromEntries(sortedKeys(map).map((k) => [k, float(map[k]!.mean)]));
}

function floats(map: Record<string, number>): Record<string, BaselineFloat> {
  return Object.fromEntries(sortedKeys(map).map((k) => [k, float(map[k]!)]));
}

function sortedKeys(map: object): string[] {
  return Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
