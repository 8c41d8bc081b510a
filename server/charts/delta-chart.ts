import * as Plot from "@observablehq/plot";
import type {PlotOptions} from "@observablehq/plot";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import type {ChartOptions} from "./chart-options.ts";
import {CHART_WIDTH, currencyLabel, pointSuffix} from "./chart-options.ts";
import {formatCompact, formatPercent, formatSignedUsd} from "./format-figures.ts";
import {strategyColor} from "./strategy-color.ts";
import {runsAtPoint} from "./sweep-points.ts";

/** A strategy's paired difference to the first strategy. */
export interface DeltaRow {
  strategy: string;
  mean: number;
  low: number;
  high: number;
  /** The mean difference as a share of the first strategy's mean total. */
  ratio: number;
  label: string;
  /** The interval in words. */
  interval: string;
}

/**
 * The rows of the delta chart: every strategy but the first, with its paired difference to the
 * first (mean and 95 % CI over the same replications) and that as a share of the first's total.
 * O(strategies).
 * @example deltaRows(result)[0] // => {strategy: "pmp-2025-07", mean: -1073.6, low: -1110.2, high: -1036.9, ratio: -0.1457, label: "−1,073.56 (−14.6 %)", interval: "95 % CI −1,110.20 to −1,036.90"}
 */
export function deltaRows(result: ScenarioResult, point = 0): DeltaRow[] {
  const [first, ...others] = runsAtPoint(result, point);
  if (first === undefined) return [];
  return others.flatMap((run) => {
    const delta = run.deltaVsFirst;
    if (delta === null) return [];
    const ratio = delta.mean / first.total.mean;
    return [
      {
        strategy: run.strategy,
        mean: delta.mean,
        low: delta.low,
        high: delta.high,
        ratio,
        label: `${formatSignedUsd(delta.mean)} (${formatPercent(ratio)})`,
        interval: `95 % CI ${formatSignedUsd(delta.low)} to ${formatSignedUsd(delta.high)}`,
      },
    ];
  });
}

/**
 * Each strategy's total minus the first strategy's, paired over the same replications (common
 * random numbers): a dot at the mean, a bar for the 95 % CI, a rule at zero; left of zero is
 * cheaper than the first strategy. Pure: returns Plot options. O(strategies).
 * @example Plot.plot({...deltaChart(result), document}) // => <svg> with one interval per strategy after the first
 */
export function deltaChart(result: ScenarioResult, options: ChartOptions = {}): PlotOptions {
  const rows = deltaRows(result, options.point);
  const first = runsAtPoint(result, options.point)[0]?.strategy ?? "";
  const longest = Math.max(0, ...rows.map((r) => r.strategy.length));
  const bounds = rows.flatMap((r) => [r.low, r.high, r.mean]).filter(Number.isFinite);
  const lo = Math.min(0, ...bounds);
  const hi = Math.max(0, ...bounds);
  const pad = (hi - lo || 1) * 0.3;
  return {
    width: options.width ?? CHART_WIDTH,
    height: 70 + Math.max(1, rows.length) * 56,
    marginLeft: Math.min(220, 14 + longest * 6.2),
    marginRight: 20,
    title: `Difference to ${first}`,
    subtitle: `Total minus ${first}'s total on the same replications: mean and 95 % paired CI; left of zero is cheaper${pointSuffix(result, options.point)}`,
    color: strategyColor(result, {legend: false}),
    y: {domain: rows.map((r) => r.strategy), label: null, padding: 0.4, tickSize: 0},
    x: {
      label: currencyLabel(result, "Difference"),
      grid: true,
      tickFormat: formatCompact,
      domain: [lo - pad, hi + pad],
      ticks: 7,
    },
    marks: [
      Plot.ruleX([0], {stroke: "currentColor", strokeOpacity: 0.6}),
      Plot.ruleY(rows, {
        y: "strategy",
        x1: "low",
        x2: "high",
        stroke: "strategy",
        strokeWidth: 4,
        strokeOpacity: 0.55,
      }),
      Plot.dot(rows, {y: "strategy", x: "mean", fill: "strategy", stroke: "white", r: 5}),
      Plot.text(rows, {y: "strategy", x: "mean", text: "label", dy: -13, fontSize: 10}),
      Plot.text(rows, {
        y: "strategy",
        x: "mean",
        text: "interval",
        dy: 14,
        fontSize: 9,
        fillOpacity: 0.7,
      }),
    ],
  };
}
