import type {PlotOptions} from "@observablehq/plot";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import type {ChartOptions} from "./chart-options.ts";
import {categoryLabel, pointSuffix, sortCategories} from "./chart-options.ts";
import {formatCount, formatQuantity} from "./format-figures.ts";
import type {GroupedBarRow} from "./grouped-bars.ts";
import {groupedBars} from "./grouped-bars.ts";
import {runsAtPoint} from "./sweep-points.ts";

/** The two traffic measures, in column order. */
export const TRAFFIC_MEASURES = ["messages", "conversations"] as const;

/** A traffic bar: `group` is the category, `measure` the column. */
export interface TrafficRow extends GroupedBarRow {
  measure: (typeof TRAFFIC_MEASURES)[number];
}

/**
 * The rows of the traffic chart: mean delivered business messages and mean conversations per
 * category and strategy over the period, leaving out categories with neither. No interval (the
 * result holds means only). O(strategies x categories).
 * @example trafficRows(result)[0] // => {group: "marketing", measure: "messages", strategy: "cbp-2023-06", value: 66543.2, low: NaN, high: NaN, label: "66,543"}
 */
export function trafficRows(result: ScenarioResult, point = 0): TrafficRow[] {
  const runs = runsAtPoint(result, point);
  const categories = sortCategories(
    runs.flatMap((run) => [
      ...Object.keys(run.messagesByCategory),
      ...Object.keys(run.conversationsByCategory),
    ]),
  );
  const rows: TrafficRow[] = [];
  for (const category of categories) {
    const count = (run: (typeof runs)[number], measure: TrafficRow["measure"]) =>
      (measure === "messages" ? run.messagesByCategory : run.conversationsByCategory)[category] ??
      0;
    if (!runs.some((run) => count(run, "messages") !== 0 || count(run, "conversations") !== 0))
      continue;
    for (const measure of TRAFFIC_MEASURES) {
      for (const run of runs) {
        const value = count(run, measure);
        rows.push({
          group: categoryLabel(category),
          measure,
          strategy: run.strategy,
          value,
          low: NaN,
          high: NaN,
          label: formatCount(value),
        });
      }
    }
  }
  return rows;
}

/**
 * Messages and conversations per category and strategy (means over replications), in two
 * columns on a shared axis; the conversations column is left out when no strategy has any
 * (per-message pricing only).
 * Pure: returns Plot options. O(strategies x categories).
 * @example Plot.plot({...trafficByCategoryChart(result), document}) // => <svg> with two columns of grouped bars
 */
export function trafficByCategoryChart(
  result: ScenarioResult,
  options: ChartOptions = {},
): PlotOptions {
  const all = trafficRows(result, options.point);
  // without any conversation (per-message pricing only) the chart shows messages alone
  const conversations = all.some((r) => r.measure === "conversations" && r.value !== 0);
  const rows = conversations ? all : all.filter((r) => r.measure === "messages");
  const over = `over the period, mean over ${formatQuantity(result.replications, "replication")}${pointSuffix(result, options.point)}`;
  return groupedBars(result, rows, {
    title: conversations ? "Messages and conversations by category" : "Messages by category",
    subtitle: conversations
      ? `Delivered business messages and charged conversations ${over}`
      : `Delivered business messages ${over}; no conversations (per-message pricing)`,
    xLabel: "Count over the period",
    groups: [...new Set(rows.map((r) => r.group))],
    ...(conversations
      ? {columns: {key: (row) => (row as TrafficRow).measure, domain: TRAFFIC_MEASURES}}
      : {}),
    width: options.width,
  });
}
