/**
 * The charts of the scenario page, drawn in the browser with Observable Plot (loaded by the page
 * script on first use, see `loadPlot`): every chart of SCENARIO_CHARTS that applies, into its
 * section, in place. The same builders draw the server's first paint and SVG downloads.
 */
import type {ScenarioResult} from "../../../engine/scenario/scenario-result.ts";
import {SCENARIO_CHARTS} from "../../charts/scenario-charts.ts";
import {drawChart} from "./draw-chart.ts";

/**
 * Draws every chart of `result` that applies at `point` and `width` into its section of
 * `charts` (created in SCENARIO_CHARTS order, with the markup of the server's
 * `chartSectionHtml`), and removes the sections of charts that no longer apply.
 */
export function drawScenarioCharts(
  charts: HTMLElement,
  result: ScenarioResult,
  {key, point, width}: {key: string; point: number; width: number},
): void {
  const shown = new Set<string>();
  for (const chart of SCENARIO_CHARTS) {
    if (!chart.applies(result)) continue;
    shown.add(chart.id);
    const section = chartSection(charts, chart.id);
    drawChart(section.querySelector(".plot")!, chart.build(result, {point, width}));
    section.querySelector(".caption")!.textContent = chart.caption(result, {point});
    section.querySelector<HTMLAnchorElement>("a.svg")!.href =
      `/api/results/${key}/charts/${chart.id}.svg?point=${point}`;
  }
  for (const section of Array.from(charts.querySelectorAll<HTMLElement>("section.chart"))) {
    if (!shown.has(section.dataset.chart ?? "")) section.remove();
  }
}

/** The section of a chart, created once in SCENARIO_CHARTS order. */
function chartSection(charts: HTMLElement, id: string): HTMLElement {
  let section = charts.querySelector<HTMLElement>(`section.chart[data-chart="${id}"]`);
  if (section !== null) return section;
  section = document.createElement("section");
  section.className = "chart";
  section.dataset.chart = id;
  section.innerHTML = `<div class="plot"></div><p class="caption"></p><p class="links"><a class="svg" download="${id}.svg">SVG</a></p>`;
  const order = SCENARIO_CHARTS.map((c) => c.id);
  const after = Array.from(charts.querySelectorAll<HTMLElement>("section.chart")).find(
    (s) => order.indexOf(s.dataset.chart ?? "") > order.indexOf(id),
  );
  charts.insertBefore(section, after ?? null);
  return section;
}
