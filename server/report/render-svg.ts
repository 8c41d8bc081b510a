import * as Plot from "@observablehq/plot";
import type {PlotOptions} from "@observablehq/plot";
import {parseHTML} from "linkedom";

/** The class of every rendered chart: fixed, so output does not depend on Plot's default name. */
export const CHART_CLASS = "walab-plot";

const TITLE_SIZE = 15;
const SUBTITLE_SIZE = 12;
const LEGEND_SIZE = 11;
const CAPTION_SIZE = 11;
/** Average glyph width of system-ui as a share of the font size (for wrapping; no DOM metrics). */
const GLYPH_WIDTH = 0.58;
const LEGENDED_SCALES = ["color", "opacity", "r", "symbol", "length"] as const;

let sharedDocument: Document | undefined;

/** A linkedom document for Plot to build elements in (created once; Plot never attaches to it). */
function chartDocument(): Document {
  sharedDocument ??= parseHTML("<!DOCTYPE html><html><head></head><body></body></html>")
    .document as unknown as Document;
  return sharedDocument;
}

/**
 * Renders Plot options to one standalone SVG document string, server-side (linkedom, no
 * browser): the title, subtitle, an ordinal colour legend and the caption are drawn inside the
 * SVG rather than as HTML around it, so the same string is a file, an `<img>` source or inline
 * markup. Deterministic: a fixed class name and clip/pattern ids numbered in order of appearance,
 * so the same options give the same bytes.
 * Legends other than an ordinal colour legend are dropped.
 * @throws Error if Plot throws on the options.
 * @example renderChartSvg({marks: [Plot.dot([1, 2, 3])]}).slice(0, 4) // => "<svg"
 */
export function renderChartSvg(options: PlotOptions): string {
  const {title, subtitle, caption, ...rest} = options;
  const legendColor = wantsLegend(rest.color);
  const plotOptions: PlotOptions = {...rest, className: CHART_CLASS, document: chartDocument()};
  for (const name of LEGENDED_SCALES) {
    const scale = plotOptions[name];
    if (typeof scale === "object" && scale !== null && "legend" in scale)
      plotOptions[name] = {...scale, legend: false};
  }
  const svg = Plot.plot(plotOptions) as unknown as SVGSVGElement & Plot.Plot;
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const style = svg.querySelector("style");
  const styleText = style === null ? "" : style.outerHTML;
  style?.remove();

  const parts: string[] = [];
  let y = 0;
  const texts = (text: unknown, size: number, attributes: string) => {
    if (typeof text !== "string" || text === "") return;
    for (const line of wrap(text, width, size)) {
      y += Math.round(size * 1.3);
      parts.push(
        `<text x="0" y="${y}" font-size="${size}" text-anchor="start"${attributes}>${escapeXml(line)}</text>`,
      );
    }
  };
  texts(title, TITLE_SIZE, ` font-weight="600"`);
  texts(subtitle, SUBTITLE_SIZE, ` fill-opacity="0.7"`);
  if (legendColor) {
    const scale = svg.scale("color");
    if (scale !== undefined && (scale.type === "ordinal" || scale.type === "categorical")) {
      const legend = swatches(scale.domain as unknown[], scale.range as unknown[], width, y + 8);
      parts.push(legend.markup);
      y = legend.bottom;
    }
  }
  if (y > 0) y += 8;
  const plotTop = y;
  y += height;
  texts(caption, CAPTION_SIZE, ` fill-opacity="0.7"`);
  const total = Math.ceil(y + (typeof caption === "string" && caption !== "" ? 4 : 0));

  const attributes = svg
    .getAttributeNames()
    .filter(
      (name) =>
        name !== "width" &&
        name !== "height" &&
        name !== "viewBox" &&
        name !== "class" &&
        name !== "xmlns",
    )
    .map((name) => ` ${name}="${escapeXml(svg.getAttribute(name) ?? "")}"`)
    .join("");
  const titleElement =
    typeof title === "string" && title !== "" ? `<title>${escapeXml(title)}</title>` : "";
  const markup =
    `<svg xmlns="http://www.w3.org/2000/svg" class="${CHART_CLASS}" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}"${attributes}>` +
    titleElement +
    styleText +
    parts.join("") +
    `<g transform="translate(0,${plotTop})">${svg.innerHTML}</g>` +
    `</svg>`;
  return renumberIds(markup);
}

function wantsLegend(scale: PlotOptions["color"]): boolean {
  return typeof scale === "object" && scale !== null && "legend" in scale && Boolean(scale.legend);
}

/** Swatches in rows across the width, each a square and its label; returns markup and bottom y. */
function swatches(
  domain: readonly unknown[],
  range: readonly unknown[],
  width: number,
  top: number,
): {markup: string; bottom: number} {
  const items: string[] = [];
  const rowHeight = Math.round(LEGEND_SIZE * 1.6);
  let x = 0;
  let row = 0;
  domain.forEach((value, k) => {
    const label = String(value);
    const itemWidth = 10 + 6 + label.length * LEGEND_SIZE * GLYPH_WIDTH + 16;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      row++;
    }
    const color = String(range[k % range.length] ?? "currentColor");
    const rowTop = top + row * rowHeight;
    items.push(
      `<rect x="${round(x)}" y="${rowTop + 1}" width="10" height="10" rx="1.5" fill="${escapeXml(color)}"/>` +
        `<text x="${round(x + 16)}" y="${rowTop + 10}" font-size="${LEGEND_SIZE}" text-anchor="start">${escapeXml(label)}</text>`,
    );
    x += itemWidth;
  });
  const bottom = domain.length === 0 ? top : top + (row + 1) * rowHeight;
  return {markup: `<g aria-label="color legend">${items.join("")}</g>`, bottom};
}

/** Greedy word wrap by an estimated glyph width. */
function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(10, Math.floor(width / (size * GLYPH_WIDTH)));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** Plot numbers clip paths and patterns from a global counter; number them per document instead. */
function renumberIds(markup: string): string {
  const ids = new Map<string, string>();
  return markup.replace(/plot-(clip|pattern)-\d+/g, (id, kind: string) => {
    let stable = ids.get(id);
    if (stable === undefined) {
      stable = `${CHART_CLASS}-${kind}-${ids.size + 1}`;
      ids.set(id, stable);
    }
    return stable;
  });
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}
