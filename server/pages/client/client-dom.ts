/**
 * Browser helpers of the pages: page state, JSON requests with the API's error bodies, chart
 * drawing, downloads and the status line. Runs in the browser only.
 */
import type {DataTable} from "../../api/data-table.ts";
import {tableCsv, tableRecords} from "../../api/data-table.ts";
import {CHART_MAX_WIDTH} from "../../charts/chart-options.ts";

/** The page's state, embedded by the server as JSON in #walab-state. */
export function readState<T>(): T {
  const element = document.getElementById("walab-state");
  return JSON.parse(element?.textContent ?? "{}") as T;
}

/** An element that must exist. @throws Error naming the selector. */
export function element<T extends Element = HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (found === null) throw new Error(`missing element ${selector}`);
  return found;
}

/** An error answered by the API: its status and the field problems of a 422. */
export class ApiError extends Error {
  readonly status: number;
  readonly retryAfter: number | null;
  constructor(status: number, message: string, retryAfter: number | null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/**
 * Fetches JSON from the API; a non-2xx answer throws ApiError with the server's message (which
 * names the field paths of a 422).
 */
export async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      accept: "application/json",
      ...(init.body === undefined ? {} : {"content-type": "application/json"}),
      ...init.headers,
    },
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    body = {error: text};
  }
  if (!response.ok) {
    const message =
      typeof body === "object" && body !== null && "error" in body
        ? String((body as {error: unknown}).error)
        : response.statusText;
    const retry = response.headers.get("retry-after");
    throw new ApiError(response.status, message, retry === null ? null : Number(retry));
  }
  return body as T;
}

/** Sets the status line and `body[data-status]` (which the browser test waits on). */
export function setStatus(
  status: "loading" | "running" | "preview" | "ready" | "error",
  text: string,
): void {
  document.body.dataset.status = status;
  const line = document.getElementById("status");
  if (line !== null) {
    line.textContent = text;
    line.className = `status ${status}`;
  }
}

let plotLoaded: Promise<void> | undefined;

/**
 * Loads d3 and Plot's UMD build (from /vendor, in parallel, run in order) unless the page did:
 * a page rendered with `plot: "lazy"` calls this before it first draws, so that its first paint
 * and its controls wait for none of the ~490 kB. Resolves once `globalThis.Plot` is set.
 */
export function loadPlot(): Promise<void> {
  plotLoaded ??= new Promise<void>((resolve, reject) => {
    if ((globalThis as {Plot?: unknown}).Plot !== undefined) return resolve();
    let last: HTMLScriptElement | undefined;
    for (const src of ["/vendor/d3.min.js", "/vendor/plot.umd.min.js"]) {
      last = document.createElement("script");
      last.src = src;
      last.async = false; // run in insertion order: Plot needs d3
      last.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.append(last);
    }
    last!.onload = () => resolve();
  });
  return plotLoaded;
}

/** A chart's width: its container's, between 320 and CHART_MAX_WIDTH px. */
export function chartWidth(container: Element): number {
  return Math.max(
    320,
    Math.min(CHART_MAX_WIDTH, Math.floor(container.getBoundingClientRect().width || 720)),
  );
}

/** Offers text as a file download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The chart's main SVG as a standalone SVG document (the plot, without the HTML legend). */
export function svgOf(container: Element): string {
  const svg =
    container.querySelector("svg:not(figure > div svg)") ?? container.querySelector("svg");
  if (svg === null) return "";
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return `<?xml version="1.0" encoding="utf-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** A table as HTML with CSV and JSON download buttons (generated in the browser). */
export function renderTable(
  table: DataTable,
  format: (column: string, value: unknown) => string = defaultFormat,
): HTMLElement {
  const section = document.createElement("section");
  section.className = "table";
  section.dataset.table = table.id;
  const head = document.createElement("h3");
  head.textContent = table.title;
  const buttons = document.createElement("p");
  buttons.className = "links";
  buttons.append(
    downloadButton("CSV", () => download(`${table.id}.csv`, tableCsv(table), "text/csv")),
    document.createTextNode(" · "),
    downloadButton("JSON", () =>
      download(
        `${table.id}.json`,
        JSON.stringify(tableRecords(table), null, 2) + "\n",
        "application/json",
      ),
    ),
  );
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  const html = document.createElement("table");
  const header = document.createElement("tr");
  for (const column of table.columns) {
    const th = document.createElement("th");
    th.textContent = column;
    header.append(th);
  }
  const thead = document.createElement("thead");
  thead.append(header);
  const tbody = document.createElement("tbody");
  for (const row of table.rows) {
    const tr = document.createElement("tr");
    row.forEach((cell, k) => {
      const td = document.createElement("td");
      td.textContent = format(table.columns[k] ?? "", cell);
      if (typeof cell === "number") td.className = "num";
      tr.append(td);
    });
    tbody.append(tr);
  }
  html.append(thead, tbody);
  wrap.append(html);
  section.append(head, buttons, wrap);
  return section;
}

/** A button-styled link that runs `action`. */
export function downloadButton(label: string, action: () => void): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link";
  button.textContent = label;
  button.addEventListener("click", action);
  return button;
}

function defaultFormat(_column: string, value: unknown): string {
  if (typeof value === "number")
    return Number.isInteger(value)
      ? value.toLocaleString("en-US")
      : value.toLocaleString("en-US", {maximumFractionDigits: 4});
  return value === null || value === undefined ? "" : String(value);
}
