import type {PlotOptions} from "@observablehq/plot";
import {formatQuantity} from "./format-figures.ts";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {categoryCostChart} from "./category-cost-chart.ts";
import type {ChartOptions} from "./chart-options.ts";
import {pointSuffix} from "./chart-options.ts";
import {dailyCostChart} from "./daily-cost-chart.ts";
import {deltaChart} from "./delta-chart.ts";
import {marketCostChart} from "./market-cost-chart.ts";
import {replicationDistributionChart} from "./replication-distribution-chart.ts";
import {hasSweeps, sweepCostChart} from "./sweep-cost-chart.ts";
import {strategyNames} from "./sweep-points.ts";
import {trafficByCategoryChart} from "./traffic-by-category-chart.ts";

/** A chart of a scenario result: its id (file-name safe), when it applies, a caption, its builder. */
export interface ScenarioChart {
  id: string;
  /** Whether the chart has something to show for this result. */
  applies(result: ScenarioResult): boolean;
  /** One or two sentences saying how to read the chart. */
  caption(result: ScenarioResult, options?: ChartOptions): string;
  build(result: ScenarioResult, options?: ChartOptions): PlotOptions;
}

/**
 * Every chart of a scenario page or report, in reading order: the difference first, then where
 * the cost comes from, then how it varies. The report and the server both iterate this list.
 * @example SCENARIO_CHARTS.filter((c) => c.applies(result)).map((c) => c.id)
 * // => ["delta", "daily-cost", "category-cost", "market-cost", "traffic", "replications", "sweep"]
 */
export const SCENARIO_CHARTS: readonly ScenarioChart[] = [
  {
    id: "delta",
    applies: (result) => strategyNames(result).length > 1,
    caption: (result, options) =>
      `How much more (right of zero) or less (left) each strategy costs than ${strategyNames(result)[0]} over the period${pointSuffix(result, options?.point)}. ` +
      `The interval is a paired 95 % CI: both strategies saw the same simulated traffic in every replication, so it reflects the strategy, not the luck of the draw.`,
    build: deltaChart,
  },
  {
    id: "daily-cost",
    applies: (result) => result.days.length > 0 && result.runs.length > 0,
    caption: (result) =>
      `Cost per local day in ${result.period.timezone}: the line is the mean over ${formatQuantity(result.replications, "replication")}, the band its 95 % CI.`,
    build: dailyCostChart,
  },
  {
    id: "category-cost",
    applies: (result) => result.runs.some((run) => Object.keys(run.byCategory).length > 0),
    caption: () =>
      "Where the cost comes from: the total of each charge category per strategy, with its 95 % CI as a whisker.",
    build: categoryCostChart,
  },
  {
    id: "market-cost",
    applies: (result) => result.runs.some((run) => Object.keys(run.byMarket).length > 0),
    caption: () =>
      "The total per market (the recipient's market, as Meta bills it) per strategy, costliest market first, with its 95 % CI; smaller markets beyond the first twelve are summed.",
    build: marketCostChart,
  },
  {
    id: "traffic",
    applies: (result) => result.runs.some((run) => Object.keys(run.messagesByCategory).length > 0),
    caption: () =>
      "The traffic behind the cost: delivered business messages and charged conversations per category (means). Per-message pricing charges no conversations.",
    build: trafficByCategoryChart,
  },
  {
    id: "replications",
    applies: (result) => result.runs.some((run) => run.replicationTotals.length > 0),
    caption: (result) =>
      `The spread of the total over the ${formatQuantity(result.replications, "replication")}: each dot is one simulated ${result.days.length}-day period, the tick the mean and the bar the 95 % CI of the mean.`,
    build: replicationDistributionChart,
  },
  {
    id: "sweep",
    applies: (result) => hasSweeps(result) && result.runs.length > 0,
    caption: (result) =>
      `The total cost of each strategy at every point of the sweep over ${result.sweepParameters.join(", ")}, with the 95 % CI as a band.`,
    build: (result, options) => sweepCostChart(result, {width: options?.width}),
  },
];
