/**
 * The compare view in the browser: two strategies of a run side by side. The server pairs their
 * replications (GET /api/results/{key}/compare); the page draws the narrowed result with the
 * scenario chart builders and lists the differences by category and market.
 */
import type {ScenarioResult} from "../../../engine/scenario/scenario-result.ts";
import type {StrategyComparison} from "../../api/compare-strategies.ts";
import {SCENARIO_CHARTS} from "../../charts/scenario-charts.ts";
import {formatPercent, formatSignedUsd, formatUsd} from "../../charts/format-figures.ts";
import {strategyNames, sweepKey, sweepPoints} from "../../charts/sweep-points.ts";
import {
  chartWidth,
  download,
  downloadButton,
  element,
  fetchJson,
  readState,
  renderTable,
  setStatus,
  svgOf,
} from "./client-dom.ts";
import {drawChart} from "./draw-chart.ts";
import {overridesQuery} from "./form-overrides.ts";

interface PageState {
  scenario: string;
  overrides: Record<string, unknown>;
  a: string | null;
  b: string | null;
  point: number;
}

const COMPARE_CHARTS = [
  "delta",
  "category-cost",
  "market-cost",
  "traffic",
  "daily-cost",
  "replications",
];

const state = readState<PageState>();
const selectA = element<HTMLSelectElement>("#a");
const selectB = element<HTMLSelectElement>("#b");
const pointSelect = element<HTMLSelectElement>("#point");
let key = "";
let result: ScenarioResult | null = null;
let sequence = 0;

async function load(): Promise<void> {
  setStatus("running", "Fetching the run…");
  try {
    const answer = await fetchJson<{key: string; result: ScenarioResult}>(
      `/api/scenarios/${encodeURIComponent(state.scenario)}/runs`,
      {
        method: "POST",
        body: JSON.stringify({overrides: state.overrides}),
      },
    );
    key = answer.key;
    result = answer.result;
    const names = strategyNames(result);
    const fill = (select: HTMLSelectElement, chosen: string) =>
      select.replaceChildren(...names.map((n) => new Option(n, n, n === chosen, n === chosen)));
    fill(selectA, state.a !== null && names.includes(state.a) ? state.a : names[0]!);
    fill(selectB, state.b !== null && names.includes(state.b) ? state.b : (names[1] ?? names[0]!));
    const points = sweepPoints(result);
    pointSelect.closest<HTMLElement>(".lever")!.hidden = result.sweepParameters.length === 0;
    const point = Math.min(state.point, points.length - 1);
    pointSelect.replaceChildren(
      ...points.map(
        (p, k) =>
          new Option(
            sweepKey(p, result!.sweepParameters) || "—",
            String(k),
            k === point,
            k === point,
          ),
      ),
    );
    await compare();
  } catch (error) {
    setStatus("error", (error as Error).message);
  }
}

async function compare(): Promise<void> {
  if (result === null) return;
  const mine = ++sequence;
  const a = selectA.value;
  const b = selectB.value;
  const point = Math.max(0, pointSelect.selectedIndex);
  setStatus("running", `Comparing ${b} with ${a}…`);
  try {
    const query = new URLSearchParams({a, b, point: String(point)});
    const comparison = await fetchJson<StrategyComparison>(`/api/results/${key}/compare?${query}`);
    if (mine !== sequence) return;
    history.replaceState(
      null,
      "",
      location.pathname + overridesQuery(state.overrides, {a, b, point: String(point)}),
    );
    render(comparison);
    setStatus("ready", `${b} vs ${a}: paired over ${comparison.totalDelta.n} replications`);
  } catch (error) {
    if (mine === sequence) setStatus("error", (error as Error).message);
  }
}

function render(comparison: StrategyComparison): void {
  const {totalDelta: d, a, b} = comparison;
  const currency = comparison.result.currency;
  const [runA, runB] = comparison.result.runs;
  const card = (title: string, value: string, detail: string) =>
    `<div class="card"><h3>${title}</h3><p class="figure">${value}</p><p>${detail}</p></div>`;
  const verdict =
    d.low > 0 ? `${b} costs more` : d.high < 0 ? `${b} costs less` : "no clear difference";
  element("#delta-summary").innerHTML =
    card(
      escape(a),
      `${formatUsd(runA!.total.mean)} ${currency}`,
      `95 % CI ${formatUsd(runA!.total.low)} to ${formatUsd(runA!.total.high)}`,
    ) +
    card(
      escape(b),
      `${formatUsd(runB!.total.mean)} ${currency}`,
      `95 % CI ${formatUsd(runB!.total.low)} to ${formatUsd(runB!.total.high)}`,
    ) +
    card(
      `${escape(b)} − ${escape(a)}`,
      `${formatSignedUsd(d.mean)} ${currency} (${formatPercent(comparison.ratio)})`,
      `paired 95 % CI ${formatSignedUsd(d.low)} to ${formatSignedUsd(d.high)}: ${verdict}`,
    );
  const charts = element("#charts");
  const width = chartWidth(charts);
  charts.replaceChildren();
  for (const id of COMPARE_CHARTS) {
    const chart = SCENARIO_CHARTS.find((c) => c.id === id);
    if (chart === undefined || !chart.applies(comparison.result)) continue;
    const section = document.createElement("section");
    section.className = "chart";
    section.dataset.chart = id;
    const plot = document.createElement("div");
    plot.className = "plot";
    const caption = document.createElement("p");
    caption.className = "caption";
    caption.textContent = chart.caption(comparison.result);
    const links = document.createElement("p");
    links.className = "links";
    links.append(
      downloadButton("SVG", () => download(`${id}-${a}-vs-${b}.svg`, svgOf(plot), "image/svg+xml")),
    );
    section.append(plot, caption, links);
    charts.append(section);
    drawChart(plot, chart.build(comparison.result, {width}));
  }
  element("#tables").replaceChildren(
    ...comparison.tables.map((table) =>
      renderTable(table, (column, value) => {
        if (typeof value !== "number") return value === null ? "" : String(value);
        if (column === "delta_ratio") return formatPercent(value);
        if (column === "delta") return formatSignedUsd(value);
        return column.endsWith("messages") || column.endsWith("conversations")
          ? Math.round(value).toLocaleString("en-US")
          : formatUsd(value);
      }),
    ),
  );
}

function escape(text: string): string {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

element<HTMLFormElement>("#pick").addEventListener("change", () => void compare());
void load();
