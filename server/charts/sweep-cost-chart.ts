import * as Plot from "@observablehq/plot";
import type {PlotOptions} from "@observablehq/plot";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {CHART_WIDTH, currencyLabel} from "./chart-options.ts";
import {formatCompact, formatQuantity} from "./format-figures.ts";
import {strategyColor} from "./strategy-color.ts";
import {sweepKey} from "./sweep-points.ts";

/** Options of the sweep chart. */
export interface SweepChartOptions {
  /** The parameter on the x axis; default the first sweep parameter. Others become facet columns. */
  parameter?: string;
  width?: number;
}

/** One strategy at one sweep point. */
export interface SweepRow {
  strategy: string;
  /** The swept parameter's value. */
  value: number | string;
  /** The other parameters' values ("" with one parameter): the facet column. */
  rest: string;
  mean: number;
  low: number;
  high: number;
}

/**
 * Whether the result has sweeps, so that a sweep chart can be drawn.
 * @example hasSweeps(result) // => true
 */
export function hasSweeps(result: Pick<ScenarioResult, "sweepParameters">): boolean {
  return result.sweepParameters.length > 0;
}

/**
 * The rows of the sweep chart: per strategy and sweep point, the mean total and its 95 % CI.
 * @throws RangeError if the result has no sweeps or `parameter` is not swept.
 * @example sweepRows(result).slice(0, 2).map((r) => r.value) // => [0.1, 0.3]
 */
export function sweepRows(
  result: ScenarioResult,
  parameter = result.sweepParameters[0],
): SweepRow[] {
  if (parameter === undefined || !result.sweepParameters.includes(parameter)) {
    throw new RangeError(
      `invalid sweep parameter: ${String(parameter)} (expected one of: ${result.sweepParameters.join(", ") || "none, the scenario has no sweeps"})`,
    );
  }
  const others = result.sweepParameters.filter((p) => p !== parameter);
  return result.runs
    .filter((run) => run.sweep[parameter] !== undefined)
    .map((run) => ({
      strategy: run.strategy,
      value: run.sweep[parameter]!,
      rest: sweepKey(run.sweep, others),
      mean: run.total.mean,
      low: run.total.low,
      high: run.total.high,
    }));
}

/**
 * Total cost against a swept parameter, one line per strategy with its 95 % CI band and a dot at
 * each sweep point; other swept parameters become facet columns. Numbers get a linear axis,
 * other values a point axis in sweep order. Pure: returns Plot options.
 * @throws RangeError if the result has no sweeps.
 * @example Plot.plot({...sweepCostChart(result), document}) // => <svg> with a line per strategy over adEntryShare
 */
export function sweepCostChart(
  result: ScenarioResult,
  options: SweepChartOptions = {},
): PlotOptions {
  const parameter = options.parameter ?? result.sweepParameters[0];
  const rows = sweepRows(result, parameter);
  const numeric = rows.every((r) => typeof r.value === "number");
  const columns = [...new Set(rows.map((r) => r.rest))];
  const faceted = columns.length > 1;
  const facet = faceted ? {fx: "rest"} : {};
  return {
    width: options.width ?? CHART_WIDTH,
    height: 360,
    marginLeft: 56,
    marginTop: faceted ? 30 : 20,
    title: `Total cost by ${String(parameter)}`,
    subtitle: `Mean total over the period and its 95 % CI band over ${formatQuantity(result.replications, "replication")}, per sweep point`,
    color: strategyColor(result),
    ...(faceted ? {fx: {domain: columns, label: null, axis: "top" as const}} : {}),
    x: numeric
      ? {label: String(parameter), grid: true, ticks: 6}
      : {
          type: "point",
          label: String(parameter),
          domain: [...new Set(rows.map((r) => String(r.value)))],
          padding: 0.3,
        },
    y: {label: currencyLabel(result, "Total cost"), grid: true, tickFormat: formatCompact},
    marks: [
      Plot.areaY(rows, {
        ...facet,
        x: numeric ? "value" : (r: SweepRow) => String(r.value),
        y1: "low",
        y2: "high",
        fill: "strategy",
        fillOpacity: 0.15,
      }),
      Plot.lineY(rows, {
        ...facet,
        x: numeric ? "value" : (r: SweepRow) => String(r.value),
        y: "mean",
        stroke: "strategy",
        strokeWidth: 1.75,
      }),
      Plot.dot(rows, {
        ...facet,
        x: numeric ? "value" : (r: SweepRow) => String(r.value),
        y: "mean",
        fill: "strategy",
        r: 3,
      }),
    ],
  };
}
