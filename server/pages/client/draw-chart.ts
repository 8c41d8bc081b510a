/**
 * Draws Plot options into a container in the browser, replacing what was there (the update in
 * place). Kept apart from client-dom.ts so that a page's first script needs no Plot.
 */
import * as Plot from "@observablehq/plot";
import type {PlotOptions} from "@observablehq/plot";

/** Draws `options` into `container`; returns the figure or SVG element Plot made. */
export function drawChart(container: Element, options: PlotOptions): Element {
  const figure = Plot.plot(options) as unknown as Element;
  container.replaceChildren(figure);
  return figure;
}
