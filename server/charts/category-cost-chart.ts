import type {PlotOptions} from "@observablehq/plot";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import type {ChartOptions} from "./chart-options.ts";
import {
  chargesNote,
  categoryLabel,
  currencyLabel,
  pointSuffix,
  sortCategories,
} from "./chart-options.ts";
import {formatUsd, formatQuantity} from "./format-figures.ts";
import type {GroupedBarRow} from "./grouped-bars.ts";
import {groupedBars} from "./grouped-bars.ts";
import {runsAtPoint} from "./sweep-points.ts";

/**
 * The rows of the category chart: mean cost and 95 % CI per charge category and strategy,
 * leaving out categories that cost nothing under every strategy. O(strategies x categories).
 * @example categoryCostRows(result)[0] // => {group: "marketing", strategy: "cbp-2023-06", value: 2950.1, low: 2850.3, high: 3049.9, label: "2,950.10"}
 */
export function categoryCostRows(result: ScenarioResult, point = 0): GroupedBarRow[] {
  const runs = runsAtPoint(result, point);
  const categories = sortCategories(runs.flatMap((run) => Object.keys(run.byCategory)));
  const rows: GroupedBarRow[] = [];
  for (const category of categories) {
    if (!runs.some((run) => (run.byCategory[category]?.mean ?? 0) !== 0)) continue;
    for (const run of runs) {
      const interval = run.byCategory[category] ?? {mean: 0, low: 0, high: 0, n: 0};
      rows.push({
        group: categoryLabel(category),
        strategy: run.strategy,
        value: interval.mean,
        low: interval.low,
        high: interval.high,
        label: formatUsd(interval.mean),
      });
    }
  }
  return rows;
}

/**
 * Cost by charge category x strategy over the period: grouped horizontal bars, one group per
 * category, with 95 % CI whiskers and the mean written at each bar. Pure: returns Plot options.
 * O(strategies x categories).
 * @example Plot.plot({...categoryCostChart(result), document}) // => <svg> with a group of bars per category
 */
export function categoryCostChart(result: ScenarioResult, options: ChartOptions = {}): PlotOptions {
  const rows = categoryCostRows(result, options.point);
  return groupedBars(result, rows, {
    title: "Cost by category and strategy",
    subtitle: `Total over the period, mean and 95 % CI over ${formatQuantity(result.replications, "replication")}${chargesNote(result)}${pointSuffix(result, options.point)}`,
    xLabel: currencyLabel(result),
    groups: [...new Set(rows.map((r) => r.group))],
    width: options.width,
  });
}
