import type {ScenarioResult, StrategyRun} from "../../engine/scenario/scenario-result.ts";
import {pairedDifference} from "../../engine/stats/index.ts";
import type {MeanInterval} from "../../engine/stats/index.ts";
import {runsAtPoint} from "../charts/sweep-points.ts";
import type {DataTable} from "./data-table.ts";
import {NotFoundError} from "./http-error.ts";

/** Two strategies of a result side by side at one sweep point. */
export interface StrategyComparison {
  a: string;
  b: string;
  point: number;
  /** b − a per replication (common random numbers): mean and 95 % CI. */
  totalDelta: MeanInterval;
  /** totalDelta.mean / a's mean total. */
  ratio: number;
  /** Category, market and traffic rows: a, b and b − a of the means. */
  tables: DataTable[];
  /**
   * The result narrowed to the two runs, a first, with b's `deltaVsFirst` re-paired against a,
   * so the chart builders draw the comparison unchanged.
   */
  result: ScenarioResult;
}

/**
 * Compares strategy `b` with strategy `a` at sweep point `point`: the paired difference of their
 * exact per-replication totals, and the differences of the category, market and traffic means.
 * O(replications + categories + markets).
 * @throws NotFoundError if either strategy is not in the result.
 * @throws RangeError if `point` is not a sweep point of the result.
 * @example compareStrategies(result, "cbp-2023-06", "pmp-2025-07").totalDelta.mean // => -1073.6
 */
export function compareStrategies(
  result: ScenarioResult,
  a: string,
  b: string,
  point = 0,
): StrategyComparison {
  const runs = runsAtPoint(result, point);
  const find = (name: string) => {
    const run = runs.find((r) => r.strategy === name);
    if (run === undefined)
      throw new NotFoundError(
        `no strategy ${JSON.stringify(name)} in ${result.scenario} (expected one of: ${runs.map((r) => r.strategy).join(", ")})`,
      );
    return run;
  };
  const runA = find(a);
  const runB = find(b);
  const totalDelta = pairedDifference(
    runA.replicationTotals.map(Number),
    runB.replicationTotals.map(Number),
  );
  const ratio = runA.total.mean === 0 ? 0 : totalDelta.mean / runA.total.mean;
  const narrowed: ScenarioResult = {
    ...result,
    runs: [
      {...runA, deltaVsFirst: null},
      {...runB, deltaVsFirst: a === b ? {mean: 0, low: 0, high: 0, n: totalDelta.n} : totalDelta},
    ],
  };
  return {
    a,
    b,
    point,
    totalDelta,
    ratio,
    tables: [
      meanDeltaTable(
        "compare-by-category",
        "Cost by category: means and difference",
        "category",
        runA.byCategory,
        runB.byCategory,
        a,
        b,
      ),
      meanDeltaTable(
        "compare-by-market",
        "Cost by market: means and difference",
        "market",
        runA.byMarket,
        runB.byMarket,
        a,
        b,
      ),
      countDeltaTable(runA, runB, a, b),
    ],
    result: narrowed,
  };
}

function meanDeltaTable(
  id: string,
  title: string,
  key: string,
  left: Record<string, MeanInterval>,
  right: Record<string, MeanInterval>,
  a: string,
  b: string,
): DataTable {
  const names = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  const rows = names.map((name) => {
    const x = left[name]?.mean ?? 0;
    const y = right[name]?.mean ?? 0;
    return [name, x, y, y - x, x === 0 ? null : y / x - 1];
  });
  rows.sort((p, q) => Math.abs(Number(q[3])) - Math.abs(Number(p[3])));
  return {id, title, columns: [key, a, b, "delta", "delta_ratio"], rows};
}

function countDeltaTable(runA: StrategyRun, runB: StrategyRun, a: string, b: string): DataTable {
  const categories = [
    ...new Set([
      ...Object.keys(runA.messagesByCategory),
      ...Object.keys(runB.messagesByCategory),
      ...Object.keys(runA.conversationsByCategory),
      ...Object.keys(runB.conversationsByCategory),
    ]),
  ];
  return {
    id: "compare-traffic",
    title: "Messages and conversations per category",
    columns: [
      "category",
      `${a} messages`,
      `${b} messages`,
      `${a} conversations`,
      `${b} conversations`,
    ],
    rows: categories.map((c) => [
      c,
      runA.messagesByCategory[c] ?? 0,
      runB.messagesByCategory[c] ?? 0,
      runA.conversationsByCategory[c] ?? 0,
      runB.conversationsByCategory[c] ?? 0,
    ]),
  };
}
