import type {ScenarioSummary, StoredResult} from "../api/scenario-service.ts";
import {escapeHtml, renderPage} from "./html.ts";
import {overridesFromQuery, renderLeverControls} from "./levers.ts";

/**
 * The scenario list: each scenario's question and, once its default run is cached, its headline.
 * @example renderListPage([]).includes("No scenarios") // => true
 */
export function renderListPage(scenarios: readonly ScenarioSummary[]): string {
  const items = scenarios.map((s) => {
    const link = `/scenarios/${encodeURIComponent(s.name)}`;
    const headline =
      s.headline === null
        ? `<p class="headline pending">Not run yet: open it to run it with its own values.</p>`
        : `<p class="headline">${escapeHtml(s.headline.text)}</p>`;
    return `<li class="scenario-card" data-scenario="${escapeHtml(s.name)}">
<h2><a href="${link}">${escapeHtml(s.name)}</a></h2>
<p class="question">${escapeHtml(s.question || "(no question in the file's header)")}</p>
${headline}
<p class="links"><a href="${link}">Charts and levers</a> · <a href="${link}/compare">Compare two strategies</a> · <span class="file">${escapeHtml(s.file)}</span></p>
</li>`;
  });
  const body = `<h1>Scenarios</h1>
<p class="lede">Each scenario answers one question about what WhatsApp Business messaging costs under different pricing strategies, with Monte Carlo replications and 95 % confidence intervals. Open one to see its charts and play with the levers.</p>
${items.length === 0 ? `<p>No scenarios in scenarios/.</p>` : `<ul class="scenario-list">${items.join("\n")}</ul>`}`;
  return renderPage({title: "Scenarios", nav: "scenarios", body});
}

/**
 * The page of one scenario: its question, the headline, the levers (which re-run the scenario
 * through the API and redraw the charts in place), the charts with SVG downloads and every table
 * as CSV and JSON. Overrides come from the query (`?volumeScale=2`).
 * @example renderScenarioPage(summary, new URLSearchParams("volumeScale=2")).includes("levers") // => true
 */
export function renderScenarioPage(
  summary: ScenarioSummary,
  query: URLSearchParams,
  {
    cached,
    preload,
    charts,
    bundled = false,
    inline,
  }: {
    /** The stylesheet and the bundle of the page's script, to put in the page. */
    inline?: {style?: string; script?: string};
    cached?: StoredResult;
    preload?: readonly string[];
    /** Load the page's script and charts from /bundles rather than /modules. */
    bundled?: boolean;
    /** The cached result's chart sections at sweep point 0 (`renderChartSections`). */
    charts?: string;
  } = {},
): string {
  const overrides = overridesFromQuery(query);
  // a cached result rides along, so the first paint needs no second request
  const initial =
    cached === undefined
      ? undefined
      : {
          key: cached.key,
          cached: true,
          preview: false,
          headline: cached.headline,
          result: cached.result,
        };
  const drawn = cached !== undefined && charts !== undefined ? {key: cached.key, point: 0} : null;
  const name = escapeHtml(summary.name);
  const body = `<h1>${name}</h1>
<p class="question">${escapeHtml(summary.question)}</p>
<p class="headline" id="headline">${summary.headline === null ? "" : escapeHtml(summary.headline.text)}</p>
<form id="levers" class="levers" autocomplete="off">
${renderLeverControls(overrides)}
<div class="lever point" hidden><label for="point">Sweep point</label><select id="point" name="point"></select><small>Redraws without a run</small></div>
<div class="lever actions"><button type="reset" id="reset-levers">Scenario values</button><a id="compare-link" href="/scenarios/${encodeURIComponent(summary.name)}/compare">Compare two strategies →</a></div>
</form>
<p id="status" class="status" role="status" aria-live="polite">${drawn === null ? "Loading…" : "From the cache"}</p>
<div id="charts" class="charts">${drawn === null ? "" : charts}</div>
<section class="downloads"><h2>Tables</h2><ul id="tables"></ul></section>`;
  return renderPage({
    title: summary.name,
    nav: "scenarios",
    body,
    state: {scenario: summary.name, overrides, initial, drawn, bundled},
    module: "server/pages/client/scenario-client.ts",
    ...(bundled ? {script: "/bundles/scenario-client.js", inline} : {preload}),
    plot: "lazy",
  });
}

/**
 * The compare view: two strategies of a scenario run (with the query's overrides) side by side,
 * the paired difference of their totals with its 95 % CI, and the differences by category and
 * market. Strategies come from `?a=` and `?b=` (default: the first two).
 * @example renderComparePage(summary, new URLSearchParams("a=x&b=y")).includes("compare-client") // => true
 */
export function renderComparePage(
  summary: ScenarioSummary,
  query: URLSearchParams,
  {preload}: {preload?: readonly string[]} = {},
): string {
  const overrides = overridesFromQuery(query);
  const point = Number(query.get("point") ?? 0);
  const back = `/scenarios/${encodeURIComponent(summary.name)}${queryOf(overrides)}`;
  const body = `<h1>Compare strategies · <a href="${escapeHtml(back)}">${escapeHtml(summary.name)}</a></h1>
<p class="question">${escapeHtml(summary.question)}</p>
<form id="pick" class="levers" autocomplete="off">
<div class="lever"><label for="a">Strategy A</label><select id="a" name="a"></select></div>
<div class="lever"><label for="b">Strategy B</label><select id="b" name="b"></select></div>
<div class="lever point" hidden><label for="point">Sweep point</label><select id="point" name="point"></select></div>
</form>
<p id="status" class="status" role="status" aria-live="polite">Loading…</p>
<div id="delta-summary" class="cards"></div>
<div id="charts" class="charts"></div>
<section class="downloads"><h2>Tables</h2><div id="tables"></div></section>`;
  return renderPage({
    title: `Compare · ${summary.name}`,
    nav: "scenarios",
    body,
    state: {
      scenario: summary.name,
      overrides,
      a: query.get("a"),
      b: query.get("b"),
      point: Number.isInteger(point) && point >= 0 ? point : 0,
    },
    module: "server/pages/client/compare-client.ts",
    preload,
  });
}

function queryOf(overrides: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(overrides)) params.set(k, v === null ? "none" : String(v));
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
