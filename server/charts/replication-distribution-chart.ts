import * as Plot from "@observablehq/plot";
import type {PlotOptions} from "@observablehq/plot";
import type {ScenarioResult, StrategyRun} from "../../engine/scenario/scenario-result.ts";
import type {ChartOptions} from "./chart-options.ts";
import {CHART_WIDTH, currencyLabel, pointSuffix} from "./chart-options.ts";
import {formatCompact, formatNumber, formatQuantity, formatUsd} from "./format-figures.ts";
import {strategyColor} from "./strategy-color.ts";
import {runsAtPoint} from "./sweep-points.ts";

/** Options of the distribution chart. */
export interface ReplicationChartOptions extends ChartOptions {
  /**
   * absolute: totals in currency on one axis; relative: each total as % above or below its
   * strategy's mean; auto (default): relative when the strategies' means lie so far apart that
   * one axis would squash every strategy's spread (their span > 3 x the widest spread).
   */
  scale?: "absolute" | "relative" | "auto";
}

/** One replication's total under one strategy. */
export interface ReplicationRow {
  strategy: string;
  replication: number;
  /** The exact total as a float, for drawing only. */
  total: number;
  /** The total relative to the strategy's mean, in percent. */
  percent: number;
}

/** A strategy's mean total and its 95 % CI (also in percent of the mean). */
export interface ReplicationMeanRow {
  strategy: string;
  mean: number;
  low: number;
  high: number;
  lowPercent: number;
  highPercent: number;
  label: string;
}

/**
 * The rows of the distribution chart: every replication total per strategy (parsed from the
 * exact strings; floats only to draw), also as % of the strategy's mean. O(strategies x replications).
 * @example replicationRows(result)[0] // => {strategy: "cbp-2023-06", replication: 0, total: 6711.359, percent: -8.91}
 */
export function replicationRows(result: ScenarioResult, point = 0): ReplicationRow[] {
  return runsAtPoint(result, point).flatMap((run) =>
    run.replicationTotals.map((text, replication) => ({
      strategy: run.strategy,
      replication,
      total: Number(text),
      percent: percentOfMean(Number(text), run),
    })),
  );
}

/**
 * Whether the distribution chart of these runs is drawn relative to each strategy's mean: when
 * the span of the means exceeds 3 times the widest spread of one strategy's totals.
 * @example relativeScale(runsAtPoint(result, 0)) // => false
 */
export function relativeScale(runs: readonly StrategyRun[]): boolean {
  const means = runs.map((run) => run.total.mean).filter(Number.isFinite);
  const spreads = runs.map((run) => {
    const totals = run.replicationTotals.map(Number);
    return totals.length === 0 ? 0 : Math.max(...totals) - Math.min(...totals);
  });
  if (means.length < 2) return false;
  return Math.max(...means) - Math.min(...means) > 3 * Math.max(...spreads);
}

/**
 * The distribution of total cost over the replications: one dot per replication (a beeswarm, so
 * equal totals do not hide each other) per strategy, with the mean as a tick and its 95 % CI as a
 * bar. Shows how much a strategy's cost varies with the random traffic; strategies far apart are
 * drawn relative to their own means (see `scale`). Pure: returns Plot options.
 * O(strategies x replications log replications).
 * @example Plot.plot({...replicationDistributionChart(result), document}) // => <svg> with a row of dots per strategy
 */
export function replicationDistributionChart(
  result: ScenarioResult,
  options: ReplicationChartOptions = {},
): PlotOptions {
  const rows = replicationRows(result, options.point);
  const runs = runsAtPoint(result, options.point);
  const scale = options.scale ?? "auto";
  const relative = scale === "relative" || (scale === "auto" && relativeScale(runs));
  const cur = result.currency;
  const means: ReplicationMeanRow[] = runs.map((run) => ({
    strategy: run.strategy,
    mean: run.total.mean,
    low: run.total.low,
    high: run.total.high,
    lowPercent: percentOfMean(run.total.low, run),
    highPercent: percentOfMean(run.total.high, run),
    label: `mean ${formatUsd(run.total.mean)}${relative ? ` ${cur}` : ""}`,
  }));
  const longest = Math.max(0, ...runs.map((run) => run.strategy.length));
  const rowHeight = Math.max(70, Math.min(120, 24 + Math.ceil(result.replications / 6) * 7));
  const [x, x1, x2, xMean] = relative
    ? ["percent", "lowPercent", "highPercent", () => 0]
    : ["total", "low", "high", "mean"];
  return {
    width: options.width ?? CHART_WIDTH,
    height: 50 + runs.length * rowHeight,
    marginLeft: Math.min(220, 14 + longest * 6.2),
    marginRight: 20,
    title: "Total cost over the replications",
    subtitle:
      `Each dot is one of ${formatQuantity(result.replications, "replication")} (seed ${String(result.seed)})` +
      (relative ? ", as % above or below its strategy's mean" : "") +
      `; tick and label: the mean, bar: its 95 % CI${pointSuffix(result, options.point)}`,
    color: strategyColor(result, {legend: false}),
    fy: {domain: runs.map((run) => run.strategy), label: null, padding: 0.1, axis: "left"},
    // the mean's interval sits at y = 0 (the facet's middle), below the dots
    y: {axis: null, domain: [-1, 1]},
    x: relative
      ? {
          label: "Total relative to the strategy's mean (%)",
          grid: true,
          tickFormat: (d: number) =>
            (d > 0 ? "+" : "") + formatNumber(d, Math.abs(d) < 10 && d !== Math.round(d) ? 1 : 0),
          ticks: 7,
          insetLeft: 40,
          insetRight: 40,
        }
      : {
          label: currencyLabel(result, "Total cost"),
          grid: true,
          tickFormat: formatCompact,
          ticks: 7,
          insetLeft: 40,
          insetRight: 40,
        },
    marks: [
      ...(relative ? [Plot.ruleX([0], {strokeOpacity: 0.25})] : []),
      Plot.dot(
        rows,
        Plot.dodgeY("middle", {
          x,
          fy: "strategy",
          fill: "strategy",
          r: 3.5,
          fillOpacity: 0.75,
          padding: 1,
        }),
      ),
      Plot.ruleY(means, {
        fy: "strategy",
        x1,
        x2,
        y: 0,
        dy: 15,
        strokeWidth: 3,
        stroke: "currentColor",
      }),
      Plot.tickX(means, {
        fy: "strategy",
        x: xMean,
        stroke: "currentColor",
        strokeWidth: 2,
        insetTop: 4,
        insetBottom: 24,
      }),
      Plot.text(means, {
        fy: "strategy",
        x: xMean,
        y: 0,
        dy: 27,
        text: "label",
        fontSize: 9,
        fill: "currentColor",
        stroke: "white",
        strokeWidth: 3,
        paintOrder: "stroke",
      }),
    ],
  };
}

function percentOfMean(value: number, run: StrategyRun): number {
  return ((value - run.total.mean) / run.total.mean) * 100;
}
