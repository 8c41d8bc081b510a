import type {PlotOptions} from "@observablehq/plot";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import type {ChartOptions} from "./chart-options.ts";
import {chargesNote, currencyLabel, pointSuffix} from "./chart-options.ts";
import {formatUsd, formatQuantity} from "./format-figures.ts";
import type {GroupedBarRow} from "./grouped-bars.ts";
import {groupedBars} from "./grouped-bars.ts";
import {runsAtPoint} from "./sweep-points.ts";

/** Options of the market chart. */
export interface MarketChartOptions extends ChartOptions {
  /** Markets drawn one by one, the costliest first; the rest are summed into one bar. Default 12. */
  top?: number;
}

/**
 * The rows of the market chart: mean cost and 95 % CI per market and strategy, markets ordered by
 * their mean cost over all strategies (costliest first); beyond `top`, one "other markets" group
 * holding the sum of their means (no interval: intervals do not add). O(strategies x markets log markets).
 * @example marketCostRows(result, 0, 2).map((r) => r.group) // => ["Brazil", "Brazil", "Brazil", "India", "India", "India", "3 other markets", ...]
 */
export function marketCostRows(result: ScenarioResult, point = 0, top = 12): GroupedBarRow[] {
  const runs = runsAtPoint(result, point);
  const weight = new Map<string, number>();
  for (const run of runs) {
    for (const [market, interval] of Object.entries(run.byMarket)) {
      weight.set(
        market,
        (weight.get(market) ?? 0) + (Number.isFinite(interval.mean) ? interval.mean : 0),
      );
    }
  }
  const markets = [...weight.keys()].sort(
    (a, b) => weight.get(b)! - weight.get(a)! || (a < b ? -1 : a > b ? 1 : 0),
  );
  const shown = markets.length > top + 1 ? markets.slice(0, top) : markets;
  const others = markets.slice(shown.length);
  const rows: GroupedBarRow[] = [];
  for (const market of shown) {
    for (const run of runs) {
      const interval = run.byMarket[market] ?? {mean: 0, low: 0, high: 0, n: 0};
      rows.push({
        group: market,
        strategy: run.strategy,
        value: interval.mean,
        low: interval.low,
        high: interval.high,
        label: formatUsd(interval.mean),
      });
    }
  }
  if (others.length > 0) {
    const group = `${others.length} other markets`;
    for (const run of runs) {
      const value = others.reduce((sum, market) => sum + (run.byMarket[market]?.mean ?? 0), 0);
      rows.push({
        group,
        strategy: run.strategy,
        value,
        low: NaN,
        high: NaN,
        label: formatUsd(value),
      });
    }
  }
  return rows;
}

/**
 * Cost by market x strategy over the period: grouped horizontal bars, costliest market first,
 * with 95 % CI whiskers and the mean at each bar. Pure: returns Plot options.
 * O(strategies x markets log markets).
 * @example Plot.plot({...marketCostChart(result, {top: 8}), document}) // => <svg> with at most 9 groups
 */
export function marketCostChart(
  result: ScenarioResult,
  options: MarketChartOptions = {},
): PlotOptions {
  const rows = marketCostRows(result, options.point, options.top);
  return groupedBars(result, rows, {
    title: "Cost by market and strategy",
    subtitle: `Total over the period, mean and 95 % CI over ${formatQuantity(result.replications, "replication")}${chargesNote(result)}${pointSuffix(result, options.point)}`,
    xLabel: currencyLabel(result),
    groups: [...new Set(rows.map((r) => r.group))],
    width: options.width,
  });
}
