/**
 * The scenario page in the browser: runs the scenario with the levers through the API and draws
 * every chart of SCENARIO_CHARTS with Observable Plot, redrawing in place when a lever or the
 * sweep point changes (no reload). The same chart builders render the server's SVG downloads.
 */
import type {ScenarioResult} from "../../../engine/scenario/scenario-result.ts";
import type {Headline} from "../../api/headline.ts";
import {RESULT_TABLE_IDS} from "../../api/result-tables.ts";
import {SCENARIO_CHARTS} from "../../charts/scenario-charts.ts";
import {sweepKey, sweepPoints} from "../../charts/sweep-points.ts";
import {
  ApiError,
  chartWidth,
  drawChart,
  element,
  fetchJson,
  readState,
  setStatus,
} from "./client-dom.ts";
import {formOverrides, leverLabel, overridesQuery} from "./form-overrides.ts";

interface PageState {
  scenario: string;
  overrides: Record<string, unknown>;
  /** The result, when the server had it cached. */
  initial?: RunAnswer;
}

/** The answer of POST /api/scenarios/{name}/runs. */
interface RunAnswer {
  key: string;
  cached: boolean;
  headline: Headline | null;
  result: ScenarioResult;
}

const state = readState<PageState>();
const form = element<HTMLFormElement>("#levers");
const pointSelect = element<HTMLSelectElement>("#point");
const charts = element("#charts");
let current: RunAnswer | null = null;
let sequence = 0;

async function run(overrides: Record<string, unknown>): Promise<void> {
  const mine = ++sequence;
  const started = performance.now();
  setStatus("running", "Running the scenario…");
  try {
    const answer = await fetchJson<RunAnswer>(
      `/api/scenarios/${encodeURIComponent(state.scenario)}/runs`,
      {
        method: "POST",
        body: JSON.stringify({overrides}),
      },
    );
    if (mine !== sequence) return;
    current = answer;
    state.overrides = overrides;
    history.replaceState(null, "", location.pathname + overridesQuery(overrides));
    render();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    setStatus(
      "ready",
      answer.cached
        ? `From the cache (${seconds} s) · key ${answer.key.slice(0, 12)}`
        : `Ran ${answer.result.replications} replications in ${seconds} s · key ${answer.key.slice(0, 12)}`,
    );
  } catch (error) {
    if (mine !== sequence) return;
    const retry =
      error instanceof ApiError && error.retryAfter !== null
        ? ` Try again in ${error.retryAfter} s.`
        : "";
    setStatus("error", `${(error as Error).message}.${retry}`);
  }
}

function render(): void {
  if (current === null) return;
  const {result, key} = current;
  element("#headline").textContent = current.headline?.text ?? "";
  const points = sweepPoints(result);
  const pointBox = pointSelect.closest<HTMLElement>(".lever")!;
  pointBox.hidden = result.sweepParameters.length === 0;
  const selected = Math.min(
    pointSelect.selectedIndex < 0 ? 0 : pointSelect.selectedIndex,
    points.length - 1,
  );
  pointSelect.replaceChildren(
    ...points.map((p, k) => {
      const option = document.createElement("option");
      option.value = String(k);
      option.textContent = sweepKey(p, result.sweepParameters) || "—";
      option.selected = k === selected;
      return option;
    }),
  );
  const point = Math.max(0, selected);
  const width = chartWidth(charts);
  const shown = new Set<string>();
  for (const chart of SCENARIO_CHARTS) {
    if (!chart.applies(result)) continue;
    shown.add(chart.id);
    const section = chartSection(chart.id);
    drawChart(section.querySelector(".plot")!, chart.build(result, {point, width}));
    section.querySelector(".caption")!.textContent = chart.caption(result, {point});
    section.querySelector<HTMLAnchorElement>("a.svg")!.href =
      `/api/results/${key}/charts/${chart.id}.svg?point=${point}`;
  }
  for (const section of Array.from(charts.querySelectorAll<HTMLElement>("section.chart"))) {
    if (!shown.has(section.dataset.chart ?? "")) section.remove();
  }
  element<HTMLAnchorElement>("#compare-link").href =
    `/scenarios/${encodeURIComponent(state.scenario)}/compare${overridesQuery(state.overrides, {point: String(point)})}`;
  const tables = element("#tables");
  tables.replaceChildren(
    ...RESULT_TABLE_IDS.map((id) => {
      const item = document.createElement("li");
      item.innerHTML = `<span>${id}</span> <a href="/api/results/${key}/tables/${id}.csv" download>CSV</a> · <a href="/api/results/${key}/tables/${id}.json" download>JSON</a>`;
      return item;
    }),
  );
  const whole = document.createElement("li");
  whole.innerHTML = `<span>the whole result (summary.json)</span> <a href="/api/results/${key}" download="${state.scenario}.json">JSON</a>`;
  tables.append(whole);
}

/** The section of a chart, created once in SCENARIO_CHARTS order. */
function chartSection(id: string): HTMLElement {
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

function syncOutputs(): void {
  for (const control of Array.from(
    form.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-kind]"),
  )) {
    const output = form.querySelector<HTMLOutputElement>(`output[data-for="${control.name}"]`);
    if (output !== null && control instanceof HTMLInputElement)
      output.textContent = leverLabel(control);
  }
}

form.addEventListener("input", syncOutputs);
form.addEventListener("change", (event) => {
  if (event.target === pointSelect) {
    render();
    return;
  }
  void run(formOverrides(form));
});
form.addEventListener("reset", () => {
  setTimeout(() => {
    syncOutputs();
    void run(formOverrides(form));
  }, 0);
});
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(render, 200);
});

syncOutputs();
if (state.initial !== undefined) {
  current = state.initial;
  render();
  setStatus("ready", `From the cache · key ${current.key.slice(0, 12)}`);
} else {
  void run(state.overrides);
}
