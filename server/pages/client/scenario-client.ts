/**
 * The scenario page in the browser: runs the scenario with the levers through the API and
 * redraws every chart in place when a lever or the sweep point changes (no reload). A page with a
 * cached result arrives with its charts drawn by the server, so this script needs no Plot to
 * start: it loads Plot and the chart view (scenario-view.ts) in the background, and before its
 * first redraw. A lever change asks for a preview: when the run is not cached, the exact result
 * of its first replications is drawn (marked as a preview) while the whole run computes, then
 * replaced by it.
 */
import type {ScenarioResult} from "../../../engine/scenario/scenario-result.ts";
import type {Headline} from "../../api/headline.ts";
import {RESULT_TABLE_IDS} from "../../api/result-tables.ts";
import {CHART_MAX_WIDTH} from "../../charts/chart-options.ts";
import {sweepKey, sweepPoints} from "../../charts/sweep-points.ts";
import {
  ApiError,
  chartWidth,
  element,
  fetchJson,
  loadPlot,
  readState,
  setStatus,
} from "./client-dom.ts";
import {formOverrides, leverLabel, overridesQuery} from "./form-overrides.ts";

interface PageState {
  scenario: string;
  overrides: Record<string, unknown>;
  /** The result, when the server had it cached. */
  initial?: RunAnswer;
  /** What the server drew into #charts (at CHART_MAX_WIDTH), or null. */
  drawn?: {key: string; point: number} | null;
  /** Whether this script is the bundle: the view then comes from /bundles, with Plot in it. */
  bundled?: boolean;
}

/** The answer of POST /api/scenarios/{name}/runs. */
interface RunAnswer {
  key: string;
  cached: boolean;
  /** The exact result of the run's first replications, while the whole run computes. */
  preview: boolean;
  headline: Headline | null;
  result: ScenarioResult;
}

type View = typeof import("./scenario-view.ts");

/** When Plot loads after the page, at the latest (a visitor's first move loads it at once). */
const PLOT_AFTER_LOAD_MS = 1000;

const state = readState<PageState>();
const form = element<HTMLFormElement>("#levers");
const pointSelect = element<HTMLSelectElement>("#point");
const charts = element("#charts");
let current: RunAnswer | null = null;
let drawn: {key: string; point: number; width: number} | null =
  state.drawn == null ? null : {...state.drawn, width: CHART_MAX_WIDTH};
let sequence = 0;
let view: Promise<View> | undefined;

/** Plot and the chart view, loaded once: the view bundle (Plot inside), or Plot's UMD build and the view's modules. */
function loadView(): Promise<View> {
  const bundle = "/bundles/scenario-view.js";
  view ??= (
    state.bundled === true
      ? (import(bundle) as Promise<View>)
      : loadPlot().then(() => import("./scenario-view.ts"))
  ).then(
    (loaded) => {
      document.body.dataset.plot = "ready";
      return loaded;
    },
    (error: unknown) => {
      view = undefined;
      throw error;
    },
  );
  return view;
}

async function run(overrides: Record<string, unknown>): Promise<void> {
  const mine = ++sequence;
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(2);
  const post = (preview: boolean) =>
    fetchJson<RunAnswer>(`/api/scenarios/${encodeURIComponent(state.scenario)}/runs`, {
      method: "POST",
      body: JSON.stringify({overrides, preview}),
    });
  setStatus("running", "Running the scenario…");
  try {
    let answer = await post(true);
    if (mine !== sequence) return;
    state.overrides = overrides;
    history.replaceState(null, "", location.pathname + overridesQuery(overrides));
    await show(answer);
    if (mine !== sequence) return;
    if (answer.preview) {
      setStatus(
        "preview",
        `Preview: the exact result of the first ${answer.result.replications} replications (${seconds()} s) · the full run is computing…`,
      );
      answer = await post(false);
      if (mine !== sequence) return;
      await show(answer);
      if (mine !== sequence) return;
    }
    setStatus(
      "ready",
      answer.cached
        ? `From the cache (${seconds()} s) · key ${answer.key.slice(0, 12)}`
        : `Ran ${answer.result.replications} replications in ${seconds()} s · key ${answer.key.slice(0, 12)}`,
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

/** Shows an answer: the headline, links and tables at once, then the charts. */
async function show(answer: RunAnswer): Promise<void> {
  current = answer;
  charts.classList.toggle("preview", answer.preview);
  renderMeta();
  await drawCharts();
}

/** The sweep point shown (its select is rebuilt for each result). */
function selectedPoint(): number {
  return Math.max(0, pointSelect.selectedIndex);
}

function renderMeta(): void {
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
  element<HTMLAnchorElement>("#compare-link").href =
    `/scenarios/${encodeURIComponent(state.scenario)}/compare${overridesQuery(state.overrides, {point: String(selectedPoint())})}`;
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

/** Draws the current result's charts unless they are drawn already (key, point and width). */
async function drawCharts(): Promise<void> {
  if (current === null) return;
  const target = {key: current.key, point: selectedPoint(), width: chartWidth(charts)};
  if (
    drawn !== null &&
    drawn.key === target.key &&
    drawn.point === target.point &&
    drawn.width === target.width
  )
    return;
  const {drawScenarioCharts} = await loadView();
  if (current.key !== target.key) return; // a newer answer draws itself
  drawScenarioCharts(charts, current.result, target);
  drawn = target;
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
    renderMeta();
    void drawCharts();
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
  resizeTimer = setTimeout(() => void drawCharts(), 200);
});

syncOutputs();
if (state.initial !== undefined) {
  current = state.initial;
  renderMeta();
  const ready = () => setStatus("ready", `From the cache · key ${current!.key.slice(0, 12)}`);
  if (drawn === null) void drawCharts().then(ready);
  else {
    ready();
    // Plot for the next redraw (and the charts at this screen's width): on the first sign of a
    // visitor (a pointer, a key, a focus) or a second after the page has loaded, whichever comes
    // first, so that the ~290 kB of Plot do not hold up the page while it is first shown
    let armed = true;
    const later = () => {
      if (!armed) return;
      armed = false;
      void loadView().then(drawCharts, () => {}); // a failed load is retried by the next redraw
    };
    for (const type of ["pointerdown", "pointermove", "keydown", "focusin", "touchstart"])
      window.addEventListener(type, later, {once: true, passive: true});
    const soon = () => setTimeout(later, PLOT_AFTER_LOAD_MS);
    if (document.readyState === "complete") soon();
    else window.addEventListener("load", soon, {once: true});
  }
} else {
  void run(state.overrides);
}
