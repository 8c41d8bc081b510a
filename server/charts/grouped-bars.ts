import * as Plot from "@observablehq/plot";
import type {PlotOptions} from "@observablehq/plot";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {CHART_WIDTH} from "./chart-options.ts";
import {formatCompact} from "./format-figures.ts";
import {strategyColor} from "./strategy-color.ts";

/** One bar: a strategy's value in a group (a category, a market), with an optional 95 % CI. */
export interface GroupedBarRow {
  group: string;
  strategy: string;
  value: number;
  /** CI bounds; NaN draws no interval. */
  low: number;
  high: number;
  /** The text at the bar's end. */
  label: string;
}

/** What a grouped bar chart says around its bars. */
export interface GroupedBarSpec {
  title: string;
  subtitle: string;
  xLabel: string;
  /** Groups in drawing order (top to bottom). */
  groups: readonly string[];
  /** Facet columns (e.g. messages | conversations); omitted for one column. */
  columns?: {key: (row: GroupedBarRow) => string; domain: readonly string[]};
  width?: number;
}

const BAR_STEP = 15;

/**
 * Horizontal bars grouped by `group` (rows of facets, labelled on the left), one bar per strategy
 * in the strategy colours, with a 95 % CI whisker and a value label. Shared by the category,
 * market and traffic charts. O(rows).
 * @example groupedBars(result, rows, {title: "Cost by market", subtitle: "", xLabel: "Cost (USD)", groups: ["Brazil"]}).marks?.length // => 4
 */
export function groupedBars(
  result: ScenarioResult,
  rows: readonly GroupedBarRow[],
  spec: GroupedBarSpec,
): PlotOptions {
  const color = strategyColor(result);
  const strategies = color.domain.filter((s) => rows.some((r) => r.strategy === s));
  const withInterval = rows.filter((r) => Number.isFinite(r.low) && Number.isFinite(r.high));
  const longestGroup = Math.max(0, ...spec.groups.map((g) => g.length));
  const columns = spec.columns;
  const facets = {fy: "group", ...(columns === undefined ? {} : {fx: columns.key})};
  const width = spec.width ?? CHART_WIDTH;
  const marginLeft = Math.min(200, 12 + longestGroup * 6.5);
  const marginRight = 24;
  // room for the value labels right of the longest bar: widen the domain by their estimated width
  const columnWidth = (width - marginLeft - marginRight) / (columns?.domain.length ?? 1) - 10;
  const labelWidth = 8 + Math.max(0, ...rows.map((r) => r.label.length)) * 5.6;
  const end = Math.max(
    0,
    ...rows.map((r) => Math.max(r.value, Number.isFinite(r.high) ? r.high : r.value)),
  );
  const start = Math.min(
    0,
    ...rows.map((r) => Math.min(r.value, Number.isFinite(r.low) ? r.low : r.value)),
  );
  const domainEnd =
    end <= 0
      ? 1
      : start + ((end - start) * columnWidth) / Math.max(columnWidth / 2, columnWidth - labelWidth);
  return {
    width,
    height:
      40 +
      spec.groups.length * (strategies.length * BAR_STEP + 10) +
      (columns === undefined ? 0 : 20),
    marginLeft,
    marginRight,
    marginTop: columns === undefined ? 10 : 30,
    title: spec.title,
    subtitle: spec.subtitle,
    color,
    fy: {domain: [...spec.groups], label: null, padding: 0.15},
    ...(columns === undefined
      ? {}
      : {fx: {domain: [...columns.domain], label: null, axis: "top" as const}}),
    y: {domain: strategies, axis: null, padding: 0.1},
    x: {
      label: spec.xLabel,
      grid: true,
      tickFormat: formatCompact,
      ticks: columns === undefined ? 6 : 4,
      domain: [start, domainEnd],
    },
    marks: [
      Plot.barX(rows, {...facets, x: "value", y: "strategy", fill: "strategy"}),
      Plot.ruleY(withInterval, {
        ...facets,
        x1: "low",
        x2: "high",
        y: "strategy",
        stroke: "currentColor",
        strokeWidth: 1.25,
      }),
      Plot.text(rows, {
        ...facets,
        x: (r: GroupedBarRow) => (Number.isFinite(r.high) ? Math.max(r.high, r.value) : r.value),
        y: "strategy",
        text: "label",
        dx: 4,
        textAnchor: "start",
        fontSize: 9,
      }),
      Plot.ruleX([0]),
    ],
  };
}
