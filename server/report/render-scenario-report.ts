import type {ScenarioResult, StrategyRun} from "../../engine/scenario/scenario-result.ts";
import type {MeanInterval} from "../../engine/stats/index.ts";
import {
  formatPercent,
  formatSignedUsd,
  formatUsd,
  pointSuffix,
  SCENARIO_CHARTS,
  strategyColor,
  strategyNames,
  sweepPoints,
  formatQuantity,
} from "../charts/index.ts";
import {REPORT_CSS} from "./report-style.ts";
import {renderChartSvg} from "./render-svg.ts";
import {scenarioHeadline} from "./scenario-headline.ts";

/** Chart width in the report: the page's text column. */
const REPORT_CHART_WIDTH = 900;

/** Options of the report. */
export interface ScenarioReportOptions {
  /** The sweep point the per-point charts show (index into `sweepPoints(result)`); default 0. */
  point?: number;
}

/**
 * A self-contained HTML page for a scenario result: its question, a headline (the cheapest
 * strategy and by how much, with a paired CI), a summary table per strategy and sweep point,
 * every applicable chart as inline SVG with a caption, and the period, seed and replications.
 * Inline CSS, no scripts, no external files: readable offline and printable. Deterministic: the
 * same result gives the same bytes (no dates, no random ids).
 * @throws RangeError if `point` is not a sweep point of the result.
 * @example renderScenarioReport(result).startsWith("<!DOCTYPE html>") // => true
 */
export function renderScenarioReport(
  result: ScenarioResult,
  options: ScenarioReportOptions = {},
): string {
  const point = options.point ?? 0;
  const points = sweepPoints(result);
  const sweeps = result.sweepParameters.length > 0;
  const headlines =
    result.runs.length === 0
      ? []
      : sweeps
        ? points.map((_, k) => scenarioHeadline(result, k))
        : [scenarioHeadline(result, point)];
  const charts = SCENARIO_CHARTS.filter((chart) => chart.applies(result)).map(
    (chart) =>
      `<figure id="chart-${chart.id}">${renderChartSvg(chart.build(result, {point, width: REPORT_CHART_WIDTH}))}<figcaption>${escapeHtml(chart.caption(result, {point}))}</figcaption></figure>`,
  );
  const firstDay = result.days[0] ?? result.period.start;
  const lastDay = result.days[result.days.length - 1] ?? result.period.end;
  const period = `${firstDay} to ${lastDay} (${formatQuantity(result.days.length, "local day")} in ${result.period.timezone})`;
  const strategies = strategyNames(result);
  const meta: [string, string][] = [
    ["Period", period],
    ["Strategies", strategies.join(" · ")],
    ...(sweeps
      ? ([["Sweep", `${result.sweepParameters.join(", ")}: ${points.length} points`]] as [
          string,
          string,
        ][])
      : []),
    [
      "Replications",
      `${result.replications} (seed ${String(result.seed)}, common random numbers across strategies)`,
    ],
    ["Users", String(result.users)],
    ["Scenario file", result.file],
  ];
  return [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(result.scenario)} · walab scenario report</title>`,
    `<style>${REPORT_CSS}</style>`,
    `</head>`,
    `<body>`,
    `<main>`,
    `<header id="scenario">`,
    `<p class="kicker">walab scenario report</p>`,
    `<h1>${escapeHtml(result.scenario)}</h1>`,
    `<p class="question">${escapeHtml(result.question)}</p>`,
    `<dl class="meta">${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`,
    `</header>`,
    `<section id="headline">`,
    `<h2>Headline</h2>`,
    ...(headlines.length === 0 ? [`<p class="headline noise">This result holds no runs.</p>`] : []),
    ...headlines.map(
      (h) =>
        `<p class="headline${h.runnerUp !== null && !h.significant ? " noise" : ""}">${escapeHtml(h.text)}</p>`,
    ),
    `</section>`,
    `<section id="summary">`,
    `<h2>Summary by strategy</h2>`,
    summaryTable(result),
    `<p class="note">Totals are over the whole period in ${escapeHtml(result.currency)}: the mean over ${formatQuantity(result.replications, "replication")} and its 95 % t-interval. ` +
      `The difference to ${escapeHtml(strategies[0] ?? "the first strategy")} is paired: each replication bills the same simulated traffic under both strategies, so its interval is much tighter than the two totals' intervals suggest.</p>`,
    `</section>`,
    `<section id="charts">`,
    `<h2>Charts</h2>`,
    sweeps
      ? `<p class="note">Charts other than the sweep chart show the sweep point${escapeHtml(pointSuffix(result, point))}; the summary table covers every point.</p>`
      : "",
    ...charts,
    `</section>`,
    `<footer id="method">`,
    `<p><strong>Period</strong> ${escapeHtml(period)}. <strong>Seed</strong> ${escapeHtml(String(result.seed))}. <strong>Replications</strong> ${result.replications}. <strong>Users</strong> ${result.users}. <strong>Currency</strong> ${escapeHtml(result.currency)}.</p>`,
    `<p>Every replication simulates the scenario's traffic with its own random streams and bills it exactly by Meta's rules (integer micro-units); strategies share those streams (common random numbers). Intervals are two-sided 95 % Student t-intervals over the replications. Generated by walab from ${escapeHtml(result.file)}; the same result always gives this same page.</p>`,
    `</footer>`,
    `</main>`,
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}

/** The summary table: one row per run (strategy x sweep point), in result order. */
function summaryTable(result: ScenarioResult): string {
  const color = strategyColor(result);
  const parameters = result.sweepParameters;
  const firsts = new Map<string, StrategyRun>();
  const key = (run: StrategyRun) => parameters.map((p) => String(run.sweep[p])).join("\u0000");
  for (const run of result.runs) if (!firsts.has(key(run))) firsts.set(key(run), run);
  const markup = result.runs.some((run) => run.markup !== undefined && run.markup.mean !== 0);
  const cur = escapeHtml(result.currency);
  const head = [
    "Strategy",
    ...parameters.map(escapeHtml),
    `Total (${cur})<small>95 % CI</small>`,
    ...(markup ? [`of which markup (${cur})`] : []),
    `Per user (${cur})`,
    `Per message (${cur})`,
    `vs first (${cur})<small>paired 95 % CI</small>`,
    "vs first (%)",
  ];
  const rows = result.runs.map((run) => {
    const swatch = color.range[color.domain.indexOf(run.strategy)] ?? "currentColor";
    const first = firsts.get(key(run));
    const delta = run.deltaVsFirst;
    const cheaper = delta !== null && delta.high < 0 ? ` class="cheaper"` : "";
    const cells = [
      `<td class="strategy"><span class="swatch" style="background:${swatch}"></span>${escapeHtml(run.strategy)}${run.description === "" ? "" : `<small>${escapeHtml(run.description)}</small>`}</td>`,
      ...parameters.map((p) => `<td class="sweep">${escapeHtml(String(run.sweep[p] ?? ""))}</td>`),
      `<td>${formatUsd(run.total.mean)}${interval(run.total, formatUsd)}</td>`,
      ...(markup
        ? [`<td>${run.markup === undefined ? "–" : formatUsd(run.markup.mean)}</td>`]
        : []),
      `<td>${formatUsd(run.costPerUser.mean)}</td>`,
      `<td>${formatUsd(run.costPerMessage.mean)}</td>`,
      delta === null
        ? `<td>–</td><td>–</td>`
        : `<td${cheaper}>${formatSignedUsd(delta.mean)}${interval(delta, formatSignedUsd)}</td>` +
          `<td${cheaper}>${first === undefined ? "–" : formatPercent(delta.mean / first.total.mean)}</td>`,
    ];
    return `<tr>${cells.join("")}</tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

/** The interval as a second, smaller line of a cell; nothing when it is not finite. */
function interval(value: MeanInterval, format: (x: number) => string): string {
  return Number.isFinite(value.low) && Number.isFinite(value.high)
    ? `<small>${format(value.low)} to ${format(value.high)}</small>`
    : "";
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]!,
  );
}
