import * as Plot from "@observablehq/plot";
import {describe, expect, it} from "vitest";
import type {ChartOptions} from "../../server/charts/index.ts";
import {
  categoryCostChart,
  categoryCostRows,
  chargesNote,
  dailyCostChart,
  deltaChart,
  deltaRows,
  formatCompact,
  formatCount,
  formatNumber,
  formatPercent,
  formatSignedUsd,
  formatUsd,
  marketCostChart,
  marketCostRows,
  relativeScale,
  replicationDistributionChart,
  replicationRows,
  runsAtPoint,
  SCENARIO_CHARTS,
  strategyColor,
  sweepCostChart,
  sweepPoints,
  trafficByCategoryChart,
} from "../../server/charts/index.ts";
import {renderChartSvg} from "../../server/report/index.ts";
import {compareGolden, roundFloats} from "./golden.ts";
import {scenarioResultFixture} from "./scenario-result-fixture.ts";

const result = scenarioResultFixture();
const flat = scenarioResultFixture({sweep: false});
/** The fixture without its per-conversation strategy: no conversations anywhere. */
const perMessageOnly = {
  ...flat,
  runs: flat.runs.slice(1).map((run) => ({...run, deltaVsFirst: null})),
};

const GOLDEN: [string, () => Plot.PlotOptions][] = [
  ["daily-cost.svg", () => dailyCostChart(result)],
  ["daily-cost-point-2.svg", () => dailyCostChart(result, {point: 2})],
  ["category-cost.svg", () => categoryCostChart(result)],
  ["market-cost.svg", () => marketCostChart(result)],
  ["market-cost-top-2.svg", () => marketCostChart(result, {top: 2})],
  ["replications.svg", () => replicationDistributionChart(result, {point: 1})],
  ["traffic.svg", () => trafficByCategoryChart(result)],
  ["sweep-cost.svg", () => sweepCostChart(result)],
  ["delta.svg", () => deltaChart(result)],
  ["delta-no-sweep.svg", () => deltaChart(flat)],
  ["replications-relative.svg", () => replicationDistributionChart(result, {scale: "relative"})],
  ["traffic-messages-only.svg", () => trafficByCategoryChart(perMessageOnly)],
];

describe("chart builders (golden SVG)", () => {
  for (const [name, build] of GOLDEN) {
    it(`renderChartSvg(${name.replace(".svg", "")}) matches test/report/golden/${name}`, () => {
      const svg = renderChartSvg(build());
      expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" class="walab-plot"`)).toBe(
        true,
      );
      const problem = compareGolden(name, svg);
      expect(problem).toBeNull();
    });
  }
});

describe("chart builders", () => {
  it("every builder returns plain Plot options with a title and no document (pure, no DOM)", () => {
    for (const chart of SCENARIO_CHARTS) {
      const options = chart.build(result);
      expect(options.document).toBeUndefined();
      expect(typeof options.title).toBe("string");
      expect(Array.isArray(options.marks)).toBe(true);
    }
  });

  it("a builder called twice gives options that render to the same bytes", () => {
    for (const chart of SCENARIO_CHARTS) {
      expect(renderChartSvg(chart.build(result))).toBe(renderChartSvg(chart.build(result)));
    }
  });

  it("strategyColor(result) gives every strategy the same colour in every chart, in file order", () => {
    const color = strategyColor(result);
    expect(color.domain).toEqual(["cbp-2023-06", "pmp-2025-07", "pmp-2026-10 + utility in window"]);
    for (const chart of SCENARIO_CHARTS) {
      expect(chart.build(result).color).toMatchObject({domain: color.domain, range: color.range});
    }
  });

  it("sweepPoints(result) lists the 3 ad-entry shares in run order; runsAtPoint picks one run per strategy", () => {
    expect(sweepPoints(result)).toEqual([
      {adEntryShare: 0.1},
      {adEntryShare: 0.3},
      {adEntryShare: 0.5},
    ]);
    expect(sweepPoints(flat)).toEqual([{}]);
    expect(runsAtPoint(result, 1).map((r) => [r.strategy, r.sweep.adEntryShare])).toEqual([
      ["cbp-2023-06", 0.3],
      ["pmp-2025-07", 0.3],
      ["pmp-2026-10 + utility in window", 0.3],
    ]);
    expect(() => runsAtPoint(result, 3)).toThrow(
      "invalid sweep point: 3 (expected an index in [0, 3))",
    );
  });

  it("sweepCostChart(result without sweeps) throws; SCENARIO_CHARTS leaves the sweep chart out", () => {
    expect(() => sweepCostChart(flat)).toThrow(
      /invalid sweep parameter: undefined \(expected one of: none/,
    );
    expect(SCENARIO_CHARTS.filter((c) => c.applies(flat)).map((c) => c.id)).toEqual([
      "delta",
      "daily-cost",
      "category-cost",
      "market-cost",
      "traffic",
      "replications",
    ]);
    expect(SCENARIO_CHARTS.filter((c) => c.applies(result)).map((c) => c.id)).toContain("sweep");
  });

  it("deltaRows(result) holds the paired differences of the result, the first strategy left out", () => {
    const runs = runsAtPoint(result, 0);
    const rows = deltaRows(result);
    expect(rows.map((r) => r.strategy)).toEqual(runs.slice(1).map((r) => r.strategy));
    expect(rows[0]!.mean).toBe(runs[1]!.deltaVsFirst!.mean);
    expect(rows[0]!.ratio).toBeCloseTo(runs[1]!.deltaVsFirst!.mean / runs[0]!.total.mean, 12);
  });

  it("marketCostRows(result, 0, 2) keeps the 2 costliest markets and sums the other 3 without an interval", () => {
    const rows = marketCostRows(result, 0, 2);
    expect([...new Set(rows.map((r) => r.group))]).toEqual([
      "Brazil",
      "Indonesia",
      "3 other markets",
    ]);
    const other = rows.filter((r) => r.group === "3 other markets");
    const run = runsAtPoint(result, 0)[0]!;
    expect(other[0]!.value).toBeCloseTo(
      run.byMarket.Germany!.mean + run.byMarket.Mexico!.mean + run.byMarket.India!.mean,
      9,
    );
    expect(Number.isNaN(other[0]!.low)).toBe(true);
    // one market more than `top` is drawn rather than summed into a group of one
    expect(new Set(marketCostRows(result, 0, 4).map((r) => r.group)).size).toBe(5);
  });

  it("replicationDistributionChart(result) draws totals in USD, or % of each mean when strategies lie far apart", () => {
    expect(relativeScale(runsAtPoint(result, 0))).toBe(false);
    expect((replicationDistributionChart(result).x as {label: string}).label).toBe(
      "Total cost (USD)",
    );
    const apart = structuredClone(flat);
    apart.runs[1]!.total.mean *= 3;
    expect(relativeScale(apart.runs)).toBe(true);
    expect((replicationDistributionChart(apart).x as {label: string}).label).toBe(
      "Total relative to the strategy's mean (%)",
    );
    expect(
      (replicationDistributionChart(apart, {scale: "absolute"}).x as {label: string}).label,
    ).toBe("Total cost (USD)");
    const rows = replicationRows(result);
    const run = runsAtPoint(result, 0)[0]!;
    expect(rows[0]!.percent).toBeCloseTo(
      ((Number(run.replicationTotals[0]) - run.total.mean) / run.total.mean) * 100,
      12,
    );
  });

  it("trafficByCategoryChart(per-message strategies only) leaves the empty conversations column out", () => {
    expect(trafficByCategoryChart(perMessageOnly).title).toBe("Messages by category");
    expect(trafficByCategoryChart(flat).title).toBe("Messages and conversations by category");
  });

  it("chart subtitles say the breakdowns are Meta's charges when a strategy adds a markup", () => {
    const withMarkup = structuredClone(flat);
    withMarkup.runs[2]!.markup = {mean: 120, low: 110, high: 130, n: 12};
    expect(chargesNote(flat)).toBe("");
    expect(categoryCostChart(withMarkup).subtitle).toContain(", Meta's charges without the markup");
    expect(dailyCostChart(withMarkup).subtitle).toContain(", Meta's charges without the markup");
  });

  it("categoryCostRows(result) orders categories as charge records do and drops all-zero ones", () => {
    expect([...new Set(categoryCostRows(result).map((r) => r.group))]).toEqual([
      "marketing",
      "utility",
      "authentication",
      "service",
    ]);
  });

  it("renderChartSvg(options with clip paths) numbers clip ids per document, so output is stable", () => {
    const options = (): Plot.PlotOptions => ({
      marks: [Plot.lineY([1, 3, 2], {clip: true}), Plot.areaY([1, 2, 1], {clip: true})],
    });
    const a = renderChartSvg(options());
    const b = renderChartSvg(options());
    expect(a).toBe(b);
    expect(a).toContain(`id="walab-plot-clip-1"`);
    expect(a).not.toMatch(/(?<!walab-)plot-clip-\d/);
  });

  it("renderChartSvg(options) draws title, subtitle, legend and caption inside one SVG", () => {
    const svg = renderChartSvg({
      title: "A <title>",
      subtitle: "sub",
      caption: "cap",
      color: {legend: true, domain: ["a", "b"], range: ["#111111", "#222222"]},
      marks: [Plot.dot([{x: 1, s: "a"}], {x: "x", fill: "s"})],
    });
    expect(svg).not.toContain("<figure");
    expect(svg).not.toContain("<div");
    expect(svg).toContain("<title>A &lt;title&gt;</title>");
    expect(svg).toContain(`fill="#222222"`);
    expect(svg).toContain(">cap</text>");
  });

  it("the chart options of every builder accept a width", () => {
    const options: ChartOptions = {width: 500};
    for (const chart of SCENARIO_CHARTS) expect(chart.build(result, options).width).toBe(500);
  });
});

describe("figure formats", () => {
  it.each([
    [formatNumber(-1234567.891, 2), "−1,234,567.89"],
    [formatNumber(-0.001, 2), "0.00"],
    [formatNumber(NaN), "–"],
    [formatUsd(12345.678), "12,345.68"],
    [formatUsd(0.01234), "0.0123"],
    [formatUsd(0), "0.00"],
    [formatSignedUsd(-12.5), "−12.50"],
    [formatSignedUsd(3), "+3.00"],
    [formatPercent(0.1234), "+12.3 %"],
    [formatPercent(-0.004), "−0.40 %"],
    [formatCount(12345.6), "12,346"],
    [formatCount(2.5), "2.5"],
    [formatCompact(35000), "35k"],
    [formatCompact(1200), "1,200"],
    [formatCompact(1500000), "1.5M"],
    [formatCompact(0.05), "0.05"],
  ])("%s is %s", (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it("roundFloats(text) rounds decimals beyond 2 places and leaves labels with 2 decimals alone", () => {
    expect(roundFloats(`x="12.3456" y="7.0001" z="-0.0001" t="1e-7" u="1.5" v="2,027.69"`)).toBe(
      `x="12.35" y="7" z="0" t="1e-7" u="1.5" v="2,027.69"`,
    );
  });
});
