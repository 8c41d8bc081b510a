import * as Plot from "@observablehq/plot";
import type {PlotOptions} from "@observablehq/plot";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import type {ChartOptions} from "./chart-options.ts";
import {chargesNote, CHART_WIDTH, currencyLabel, pointSuffix} from "./chart-options.ts";
import {formatCompact, formatQuantity} from "./format-figures.ts";
import {strategyColor} from "./strategy-color.ts";
import {runsAtPoint} from "./sweep-points.ts";

/** One strategy on one local day. */
export interface DailyCostRow {
  strategy: string;
  day: Date;
  mean: number;
  low: number;
  high: number;
}

/**
 * The rows of the daily cost chart: per strategy and local day, the mean cost and its 95 % CI.
 * Days are dates at midnight UTC standing for the local day (drawn on a UTC scale).
 * O(strategies x days).
 * @example dailyCostRows(result)[0] // => {strategy: "cbp-2023-06", day: 2026-11-01T00:00:00.000Z, mean: 412.3, low: 398.1, high: 426.5}
 */
export function dailyCostRows(result: ScenarioResult, point = 0): DailyCostRow[] {
  const days = result.days.map((day) => new Date(`${day}T00:00:00Z`));
  const rows: DailyCostRow[] = [];
  for (const run of runsAtPoint(result, point)) {
    run.daily.forEach((interval, k) => {
      const day = days[k];
      if (day !== undefined) {
        rows.push({
          strategy: run.strategy,
          day,
          mean: interval.mean,
          low: interval.low,
          high: interval.high,
        });
      }
    });
  }
  return rows;
}

/**
 * Cost per local day for every strategy: the mean over replications as a line, its 95 % CI as a
 * band, one colour per strategy. Pure: returns Plot options, draws nothing.
 * O(strategies x days).
 * @example Plot.plot({...dailyCostChart(result), document}) // => <svg> with one line and band per strategy
 */
export function dailyCostChart(result: ScenarioResult, options: ChartOptions = {}): PlotOptions {
  const rows = dailyCostRows(result, options.point);
  return {
    width: options.width ?? CHART_WIDTH,
    height: 340,
    marginLeft: 56,
    title: "Cost per day by strategy",
    subtitle: `Mean over ${formatQuantity(result.replications, "replication")}, 95 % CI band${chargesNote(result)}${pointSuffix(result, options.point)}`,
    color: strategyColor(result),
    x: {
      type: "utc",
      label: `Local day (${result.period.timezone})`,
      tickFormat: "%b %-d",
      ticks: 8,
    },
    y: {
      label: currencyLabel(result, "Cost per day"),
      grid: true,
      zero: true,
      tickFormat: formatCompact,
    },
    marks: [
      Plot.areaY(rows, {x: "day", y1: "low", y2: "high", fill: "strategy", fillOpacity: 0.18}),
      Plot.lineY(rows, {x: "day", y: "mean", stroke: "strategy", strokeWidth: 1.75}),
      // a line needs two days: with few days each mean is also a dot
      ...(result.days.length < 8
        ? [Plot.dot(rows, {x: "day", y: "mean", fill: "strategy", r: 3})]
        : []),
      Plot.ruleY([0]),
    ],
  };
}
