import type {ScenarioResult, StrategyRun} from "../../engine/scenario/scenario-result.ts";
import {pairedDifference} from "../../engine/stats/index.ts";
import type {MeanInterval} from "../../engine/stats/index.ts";
import {
  formatPercent,
  formatUsd,
  pointSuffix,
  runsAtPoint,
  formatQuantity,
} from "../charts/index.ts";

/** The cheapest strategy at a sweep point and how much it saves against the next cheapest. */
export interface ScenarioHeadline {
  cheapest: StrategyRun;
  /** The next cheapest strategy; null with one strategy. */
  runnerUp: StrategyRun | null;
  /** runnerUp − cheapest, paired over the replications (common random numbers); null with one strategy. */
  saving: MeanInterval | null;
  /** The saving as a share of the runner-up's mean total. */
  savingRatio: number | null;
  /** Whether the paired 95 % CI of the saving excludes zero. */
  significant: boolean;
  /** The headline in one plain-text sentence. */
  text: string;
}

/**
 * The headline of a result at one sweep point: the strategy with the lowest mean total, and its
 * saving against the next cheapest as a paired difference of the exact replication totals (so its
 * CI is as tight as common random numbers make it). O(strategies x replications).
 * @throws RangeError if the point is not a sweep point of the result.
 * @example scenarioHeadline(result).text
 * // => "pmp-2025-07 is the cheapest: 6,294.41 USD (95 % CI 6,038.77 to 6,550.06) over the period, 18.72 USD (0.3 %) less than pmp-2026-10 (paired 95 % CI 2.10 to 35.34)."
 */
export function scenarioHeadline(result: ScenarioResult, point = 0): ScenarioHeadline {
  const runs = runsAtPoint(result, point);
  const sorted = [...runs].sort((a, b) => a.total.mean - b.total.mean);
  const cheapest = sorted[0];
  if (cheapest === undefined)
    throw new RangeError("a scenario result without runs has no headline");
  const runnerUp = sorted[1] ?? null;
  const cur = result.currency;
  const where = pointSuffix(result, point);
  const cost = `${formatUsd(cheapest.total.mean)} ${cur} (95 % CI ${formatUsd(cheapest.total.low)} to ${formatUsd(cheapest.total.high)}) over the period`;
  if (runnerUp === null) {
    return {
      cheapest,
      runnerUp,
      saving: null,
      savingRatio: null,
      significant: false,
      text: `${cheapest.strategy} costs ${cost}${where}.`,
    };
  }
  const totals = (run: StrategyRun) => run.replicationTotals.map(Number);
  const saving =
    cheapest.replicationTotals.length === runnerUp.replicationTotals.length &&
    cheapest.replicationTotals.length > 0
      ? pairedDifference(totals(cheapest), totals(runnerUp))
      : {mean: runnerUp.total.mean - cheapest.total.mean, low: NaN, high: NaN, n: 0};
  const savingRatio = saving.mean / runnerUp.total.mean;
  const significant = saving.low > 0;
  const interval = Number.isFinite(saving.low)
    ? `paired 95 % CI ${formatUsd(saving.low)} to ${formatUsd(saving.high)}`
    : "no paired interval";
  const amount = `${formatUsd(saving.mean)} ${cur} (${formatPercent(savingRatio).replace(/^\+/, "")})`;
  const text = significant
    ? `${cheapest.strategy} is the cheapest${where}: ${cost}, ${amount} less than ${runnerUp.strategy} (${interval}).`
    : `${cheapest.strategy} has the lowest mean cost${where}: ${cost}, ${amount} less than ${runnerUp.strategy}, but the difference is within the noise of ${formatQuantity(result.replications, "replication")} (${interval}).`;
  return {cheapest, runnerUp, saving, savingRatio, significant, text};
}
