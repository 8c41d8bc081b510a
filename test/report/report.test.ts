import {describe, expect, it} from "vitest";
import {pairedDifference} from "../../engine/stats/index.ts";
import {runsAtPoint, SCENARIO_CHARTS} from "../../server/charts/index.ts";
import {renderScenarioReport, scenarioHeadline} from "../../server/report/index.ts";
import {scenarioResultFixture} from "./scenario-result-fixture.ts";

const result = scenarioResultFixture();
const flat = scenarioResultFixture({sweep: false});

describe("renderScenarioReport", () => {
  const html = renderScenarioReport(result);

  it("renderScenarioReport(result) has every section: question, headline, summary, charts, method", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    for (const id of ["scenario", "headline", "summary", "charts", "method"])
      expect(html).toContain(`id="${id}"`);
    expect(html).toContain(result.question);
    for (const chart of SCENARIO_CHARTS)
      expect(html).toContain(`<figure id="chart-${chart.id}"><svg`);
    expect(html.match(/<figcaption>/g)).toHaveLength(SCENARIO_CHARTS.length);
    expect(html).toContain("<strong>Seed</strong> 42");
    expect(html).toContain("<strong>Replications</strong> 12");
    expect(html).toContain("2026-11-01 to 2026-11-30 (30 local days in America/Sao_Paulo)");
  });

  it("renderScenarioReport(result) has one summary row per strategy x sweep point, with CI, per user, per message and paired delta", () => {
    const body = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    expect(body.match(/<tr>/g)).toHaveLength(result.runs.length);
    const header = html.slice(html.indexOf("<thead>"), html.indexOf("</thead>"));
    for (const column of [
      "Total (USD)<small>95 % CI</small>",
      "Per user (USD)",
      "Per message (USD)",
      "vs first (USD)",
      "vs first (USD)<small>paired 95 % CI</small>",
      "adEntryShare",
    ]) {
      expect(header).toContain(column);
    }
    expect(body).toContain("<td>7,367.97<small>7,078.11 to 7,657.83</small></td>");
  });

  it("renderScenarioReport(result) is self-contained: no script, no external src or href, no link or import", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
  });

  it("renderScenarioReport(result) twice gives byte-identical HTML", () => {
    expect(renderScenarioReport(scenarioResultFixture())).toBe(html);
  });

  it("renderScenarioReport(result without sweeps) has no sweep chart and one headline", () => {
    const page = renderScenarioReport(flat);
    expect(page).not.toContain(`id="chart-sweep"`);
    expect(page.match(/<p class="headline/g)).toHaveLength(1);
    expect(page).toContain(`<figure id="chart-delta">`);
  });

  it("renderScenarioReport(one strategy, one replication, one day) renders every applicable chart", () => {
    const [run] = flat.runs;
    const one = {
      ...flat,
      replications: 1,
      days: flat.days.slice(0, 1),
      runs: [
        {
          ...run!,
          replicationTotals: run!.replicationTotals.slice(0, 1),
          daily: run!.daily.slice(0, 1),
        },
      ],
    };
    const page = renderScenarioReport(one);
    expect(page).not.toContain(`id="chart-delta"`);
    expect(page).toContain(`<figure id="chart-daily-cost"><svg`);
    expect(page).toContain("1 local day in America/Sao_Paulo");
    expect(page).toContain("over 1 replication");
  });

  it("renderScenarioReport(result without runs) says so instead of throwing", () => {
    const page = renderScenarioReport({...flat, runs: []});
    expect(page).toContain("This result holds no runs.");
    expect(page).not.toContain("<figure");
  });

  it("renderScenarioReport(result with a markup) adds an 'of which markup' column", () => {
    const withMarkup = structuredClone(flat);
    withMarkup.runs[2]!.markup = {mean: 120, low: 110, high: 130, n: 12};
    const page = renderScenarioReport(withMarkup);
    expect(page).toContain("<th>of which markup (USD)</th>");
    expect(page).toContain("<td>120.00</td>");
    expect(html).not.toContain("of which markup");
  });

  it("renderScenarioReport escapes text from the scenario file", () => {
    const page = renderScenarioReport({...flat, question: `Is <b>"this"</b> & that cheaper?`});
    expect(page).toContain("Is &lt;b&gt;&quot;this&quot;&lt;/b&gt; &amp; that cheaper?");
  });

  it("renderScenarioReport(result, {point: 2}) draws the per-point charts at the third sweep point", () => {
    expect(renderScenarioReport(result, {point: 2})).toContain(
      "show the sweep point at adEntryShare=0.5",
    );
  });
});

describe("scenarioHeadline", () => {
  it("scenarioHeadline(result, k) names the lowest mean total and the paired saving against the next cheapest", () => {
    for (let k = 0; k < 3; k++) {
      const runs = runsAtPoint(result, k);
      const headline = scenarioHeadline(result, k);
      const sorted = [...runs].sort((a, b) => a.total.mean - b.total.mean);
      expect(headline.cheapest.strategy).toBe(sorted[0]!.strategy);
      expect(headline.runnerUp?.strategy).toBe(sorted[1]!.strategy);
      const paired = pairedDifference(
        sorted[0]!.replicationTotals.map(Number),
        sorted[1]!.replicationTotals.map(Number),
      );
      expect(headline.saving!.mean).toBeCloseTo(paired.mean, 9);
      expect(headline.significant).toBe(paired.low > 0);
    }
    expect(scenarioHeadline(result, 0).text).toBe(
      "pmp-2025-07 is the cheapest at adEntryShare=0.1: 6,294.41 USD (95 % CI 6,038.77 to 6,550.06) over the period, 698.56 USD (10.0 %) less than pmp-2026-10 + utility in window (paired 95 % CI 671.52 to 725.60).",
    );
  });

  it("scenarioHeadline says the difference is within the noise when the paired CI holds zero", () => {
    const runs = runsAtPoint(flat, 0);
    const noisy = {
      ...flat,
      runs: [
        runs[0]!,
        {
          ...runs[0]!,
          strategy: "twin",
          replicationTotals: runs[0]!.replicationTotals.map((t, k) =>
            String(Number(t) + (k % 2 === 0 ? 1 : -1)),
          ),
        },
      ],
    };
    const headline = scenarioHeadline(noisy);
    expect(headline.significant).toBe(false);
    expect(headline.text).toContain("within the noise of 12 replications");
  });

  it("scenarioHeadline with one strategy states its cost", () => {
    const one = {...flat, runs: flat.runs.slice(0, 1)};
    expect(scenarioHeadline(one).text).toBe(
      "cbp-2023-06 costs 7,075.28 USD (95 % CI 6,796.44 to 7,354.12) over the period.",
    );
  });
});
