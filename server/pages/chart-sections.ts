import * as Plot from "@observablehq/plot";
import {parseHTML} from "linkedom";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {CHART_MAX_WIDTH} from "../charts/chart-options.ts";
import {SCENARIO_CHARTS} from "../charts/scenario-charts.ts";
import {escapeHtml} from "./html.ts";

let sharedDocument: Document | undefined;

/**
 * The markup of one chart section of the scenario page: the plot, its caption and its SVG
 * download. The browser builds the same structure (scenario-client.ts) and draws into `.plot`.
 * @example chartSectionHtml("delta", "", "How much more…", "/api/results/k/charts/delta.svg?point=0").startsWith('<section class="chart" data-chart="delta">') // => true
 */
export function chartSectionHtml(
  id: string,
  plot: string,
  caption: string,
  svgHref: string,
): string {
  const name = escapeHtml(id);
  return `<section class="chart" data-chart="${name}"><div class="plot">${plot}</div><p class="caption">${escapeHtml(caption)}</p><p class="links"><a class="svg" download="${name}.svg" href="${escapeHtml(svgHref)}">SVG</a></p></section>`;
}

/**
 * Every chart of a scenario result that applies, drawn on the server by Observable Plot (on a
 * linkedom document) exactly as the page draws them in the browser, at CHART_MAX_WIDTH (Plot's
 * SVG scales down to narrower screens): a scenario page with a cached result then shows its
 * charts at first paint, before any script has run. O(charts x marks); ~80 ms for the default
 * scenario, so callers keep the markup.
 * @example renderChartSections(result, key, 0).includes('data-chart="daily-cost"') // => true
 */
export function renderChartSections(result: ScenarioResult, key: string, point: number): string {
  sharedDocument ??= parseHTML("<!DOCTYPE html><html><head></head><body></body></html>")
    .document as unknown as Document;
  const document = sharedDocument;
  return SCENARIO_CHARTS.filter((chart) => chart.applies(result))
    .map((chart) => {
      const options = chart.build(result, {point, width: CHART_MAX_WIDTH});
      const figure = Plot.plot({...options, document}) as unknown as Element;
      return chartSectionHtml(
        chart.id,
        figure.outerHTML,
        chart.caption(result, {point}),
        `/api/results/${key}/charts/${chart.id}.svg?point=${point}`,
      );
    })
    .join("\n");
}
