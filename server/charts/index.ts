// chart builders: (result, options?) => PlotOptions, pure
export {categoryCostChart, categoryCostRows} from "./category-cost-chart.ts";
export {dailyCostChart, dailyCostRows} from "./daily-cost-chart.ts";
export type {DailyCostRow} from "./daily-cost-chart.ts";
export {deltaChart, deltaRows} from "./delta-chart.ts";
export type {DeltaRow} from "./delta-chart.ts";
export {marketCostChart, marketCostRows} from "./market-cost-chart.ts";
export type {MarketChartOptions} from "./market-cost-chart.ts";
export {
  relativeScale,
  replicationDistributionChart,
  replicationRows,
} from "./replication-distribution-chart.ts";
export type {
  ReplicationChartOptions,
  ReplicationMeanRow,
  ReplicationRow,
} from "./replication-distribution-chart.ts";
export {hasSweeps, sweepCostChart, sweepRows} from "./sweep-cost-chart.ts";
export type {SweepChartOptions, SweepRow} from "./sweep-cost-chart.ts";
export {
  TRAFFIC_MEASURES,
  trafficByCategoryChart,
  trafficRows,
} from "./traffic-by-category-chart.ts";
export type {TrafficRow} from "./traffic-by-category-chart.ts";
// the list of charts a scenario page shows
export {SCENARIO_CHARTS} from "./scenario-charts.ts";
export type {ScenarioChart} from "./scenario-charts.ts";
// shared pieces: options, sweep points, colours, formats
export {
  CHART_WIDTH,
  chargesNote,
  categoryLabel,
  currencyLabel,
  pointSuffix,
  sortCategories,
} from "./chart-options.ts";
export type {ChartOptions} from "./chart-options.ts";
export {runsAtPoint, strategyNames, sweepKey, sweepPoints} from "./sweep-points.ts";
export type {SweepPoint} from "./sweep-points.ts";
export {STRATEGY_PALETTE, strategyColor} from "./strategy-color.ts";
export {
  formatCompact,
  formatCount,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatSignedUsd,
  formatUsd,
} from "./format-figures.ts";
export {groupedBars} from "./grouped-bars.ts";
export type {GroupedBarRow, GroupedBarSpec} from "./grouped-bars.ts";
