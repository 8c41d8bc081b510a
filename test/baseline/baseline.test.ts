import {describe, expect, it} from "vitest";
import {
  BASELINE_FORMAT,
  compareWithBaseline,
  createBaseline,
  DEFAULT_TOLERANCES,
  formatBaselineDiff,
  parseBaseline,
  stringifyBaseline,
} from "../../engine/baseline/index.ts";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {InputError} from "../../models/input-error.ts";
import {scenarioResultFixture} from "../report/scenario-result-fixture.ts";

const result = scenarioResultFixture();
const baseline = createBaseline(result);

/** A deep copy of the fixture to change one figure in. */
function copy(): ScenarioResult {
  return structuredClone(result);
}

describe("createBaseline", () => {
  it("createBaseline(result) keeps per run the exact replication totals and the summary figures, no daily series", () => {
    expect(baseline.format).toBe(BASELINE_FORMAT);
    expect(baseline.runs).toHaveLength(9);
    const run = baseline.runs[4]!;
    expect(run.strategy).toBe("pmp-2025-07");
    expect(run.sweep).toEqual({adEntryShare: 0.3});
    expect(run.replicationTotals).toEqual(result.runs[4]!.replicationTotals);
    expect(run.total).toEqual({
      mean: result.runs[4]!.total.mean,
      low: result.runs[4]!.total.low,
      high: result.runs[4]!.total.high,
    });
    expect(Object.keys(run.byMarket)).toEqual([
      "Brazil",
      "Germany",
      "India",
      "Indonesia",
      "Mexico",
    ]);
    expect(run).not.toHaveProperty("daily");
    expect(baseline.runs[0]!.deltaVsFirst).toBeNull();
  });

  it("stringifyBaseline(createBaseline(result)) is byte-identical for the same result and parses back to the same baseline", () => {
    const text = stringifyBaseline(baseline);
    expect(stringifyBaseline(createBaseline(scenarioResultFixture()))).toBe(text);
    expect(parseBaseline(text, "baselines/x.json")).toEqual(baseline);
    expect(text.length).toBeLessThan(40_000);
  });
});

describe("compareWithBaseline", () => {
  it("compareWithBaseline(result, createBaseline(result)) finds no difference, also after a JSON round trip", () => {
    expect(compareWithBaseline(result, baseline)).toEqual([]);
    expect(
      compareWithBaseline(result, parseBaseline(stringifyBaseline(baseline), "b.json")),
    ).toEqual([]);
  });

  it("one replication total up by 0.0001 is reported exactly: from, to, by how much and %", () => {
    const changed = copy();
    const run = changed.runs[4]!;
    const before = run.replicationTotals[3]!;
    run.replicationTotals[3] = "6292.637335";
    expect(before).toBe("6292.637235");
    const diffs = compareWithBaseline(changed, baseline);
    expect(diffs).toEqual([
      {
        strategy: "pmp-2025-07",
        sweep: {adEntryShare: 0.3},
        figure: "replicationTotals[3]",
        label: "replication 4 total",
        kind: "changed",
        rule: "exact",
        baseline: "6292.637235",
        current: "6292.637335",
        delta: "0.0001",
        ratio: 0.0001 / 6292.637235,
        unit: "USD",
      },
    ]);
    expect(
      formatBaselineDiff(diffs, {
        scenario: "fixture-five-markets",
        file: "baselines/fixture-five-markets.json",
      }),
    ).toBe(
      "fixture-five-markets: 1 figure moved against baselines/fixture-five-markets.json (1 exact)\n" +
        "  pmp-2025-07 at adEntryShare=0.3\n" +
        "    replication 4 total: 6292.637235 → 6292.637335 USD (+0.0001, +0.0000016 %) [exact]\n",
    );
  });

  it("a total down by 0.000001 (one micro-unit) is a regression too: exact means exact", () => {
    const changed = copy();
    changed.runs[0]!.replicationTotals[0] = "6711.358999";
    const [diff] = compareWithBaseline(changed, baseline);
    expect(diff).toMatchObject({
      figure: "replicationTotals[0]",
      delta: "-0.000001",
      baseline: "6711.359",
      current: "6711.358999",
    });
  });

  it("a derived float moved within the 1e-9 relative tolerance is no difference; beyond it, it is", () => {
    const within = copy();
    within.runs[2]!.total.mean *= 1 + 1e-12;
    within.runs[2]!.byMarket.Brazil!.mean *= 1 - 5e-10;
    within.runs[7]!.messagesByCategory.service! += 1e-7;
    expect(compareWithBaseline(within, baseline)).toEqual([]);

    const beyond = copy();
    const mean = beyond.runs[2]!.total.mean;
    beyond.runs[2]!.total.mean = mean * (1 + 1e-6);
    const diffs = compareWithBaseline(beyond, baseline);
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatchObject({
      figure: "total.mean",
      label: "total, mean",
      rule: "relative",
      baseline: mean,
      current: mean * (1 + 1e-6),
    });
    expect(diffs[0]!.ratio).toBeCloseTo(1e-6, 12);
    const text = formatBaselineDiff(diffs, {scenario: "s"});
    expect(text).toBe(
      "s: 1 figure moved against the baseline (1 beyond tolerance)\n" +
        "  cbp-2023-06 at adEntryShare=0.5\n" +
        "    total, mean: 6782.456 → 6782.463 USD (+0.00678246, +0.0001 %) [beyond 1e-9 relative]\n",
    );
    // a looser tolerance accepts it
    expect(compareWithBaseline(beyond, baseline, {...DEFAULT_TOLERANCES, relative: 1e-5})).toEqual(
      [],
    );
  });

  it("a changed seed or replication count is reported first, as a scenario figure", () => {
    const changed = {...copy(), seed: 7};
    const diffs = compareWithBaseline(changed, baseline);
    expect(diffs[0]).toMatchObject({
      strategy: null,
      figure: "seed",
      baseline: 42,
      current: 7,
      rule: "exact",
    });
    expect(formatBaselineDiff(diffs, {scenario: "s"})).toContain(
      "  scenario\n    seed: 42 → 7 (-35, -83.33 %) [exact]\n",
    );
  });

  it("a run that disappeared or appeared is named with its strategy and sweep point", () => {
    const changed = copy();
    const [gone] = changed.runs.splice(1, 1);
    changed.runs.push({...gone!, strategy: "new-strategy"});
    const diffs = compareWithBaseline(changed, baseline);
    expect(diffs.map((d) => [d.kind, d.strategy, d.sweep, d.figure])).toEqual([
      ["missing", "cbp-2023-06", {adEntryShare: 0.3}, "run"],
      ["added", "new-strategy", {adEntryShare: 0.3}, "run"],
    ]);
    const text = formatBaselineDiff(diffs, {scenario: "s"});
    expect(text).toContain(
      "  cbp-2023-06 at adEntryShare=0.3\n    run in the baseline, not in this result (total, mean 7075.2813 USD)\n",
    );
    expect(text).toContain(
      "  new-strategy at adEntryShare=0.3\n    run in this result, not in the baseline",
    );
  });

  it("a market that vanished from a run is reported as missing; NaN in both is no difference", () => {
    const changed = copy();
    delete changed.runs[0]!.byMarket.Germany;
    const nan = {mean: NaN, low: NaN, high: NaN, n: 12};
    const both = copy();
    both.runs[0]!.costPerMessage = nan;
    const baselineWithNaN = createBaseline(both);
    expect(baselineWithNaN.runs[0]!.costPerMessage).toBeNull();
    expect(
      compareWithBaseline(both, parseBaseline(stringifyBaseline(baselineWithNaN), "b.json")),
    ).toEqual([]);
    expect(compareWithBaseline(changed, baseline)).toMatchObject([
      {figure: "byMarket.Germany", kind: "missing", label: "Germany cost, mean"},
    ]);
  });

  it("a replication more or fewer is reported per replication", () => {
    const changed = copy();
    changed.runs[0]!.replicationTotals.pop();
    expect(compareWithBaseline(changed, baseline)).toMatchObject([
      {
        figure: "replicationTotals[11]",
        kind: "missing",
        baseline: result.runs[0]!.replicationTotals[11],
        current: null,
      },
    ]);
  });
});

describe("optional run figures", () => {
  it("a run's users, Meta's charges and markup are kept when the result has them, and compared", () => {
    const reseller = copy();
    for (const run of reseller.runs) {
      run.users = 60000;
      run.metaCharges = {...run.total};
      run.markup = {mean: 0, low: 0, high: 0, n: 12};
    }
    const stored = parseBaseline(stringifyBaseline(createBaseline(reseller)), "b.json");
    expect(stored.runs[0]).toMatchObject({
      users: 60000,
      markup: 0,
      metaCharges: reseller.runs[0]!.total.mean,
    });
    expect(compareWithBaseline(reseller, stored)).toEqual([]);
    const moved = structuredClone(reseller);
    moved.runs[3]!.users = 60001;
    moved.runs[3]!.markup = {mean: 12.5, low: 12, high: 13, n: 12};
    expect(
      compareWithBaseline(moved, stored).map((d) => [d.figure, d.rule, d.baseline, d.current]),
    ).toEqual([
      ["users", "exact", 60000, 60001],
      ["markup", "relative", 0, 12.5],
    ]);
    // a baseline from before these fields existed reports them as new, not as a crash
    expect(
      compareWithBaseline(reseller, baseline)
        .map((d) => [d.figure, d.kind])
        .slice(0, 3),
    ).toEqual([
      ["users", "added"],
      ["metaCharges", "added"],
      ["markup", "added"],
    ]);
  });
});

describe("formatBaselineDiff", () => {
  it("formatBaselineDiff([]) says the scenario matches", () => {
    expect(formatBaselineDiff([], {scenario: "loja", file: "baselines/loja.json"})).toBe(
      "loja: matches baselines/loja.json\n",
    );
  });

  it("formatBaselineDiff lists at most maxPerRun lines per run and counts the rest", () => {
    const changed = copy();
    changed.runs[0]!.replicationTotals = changed.runs[0]!.replicationTotals.map((t) =>
      (Number(t) + 1).toFixed(6).replace(/\.?0+$/, ""),
    );
    const diffs = compareWithBaseline(changed, baseline);
    expect(diffs).toHaveLength(12);
    const text = formatBaselineDiff(diffs, {scenario: "s", maxPerRun: 5});
    expect(text.split("\n").filter((l) => l.startsWith("    replication"))).toHaveLength(5);
    expect(text).toContain("    ... and 7 more\n");
    expect(text).toContain("replication 1 total: 6711.359 → 6712.359 USD (+1, +0.01 %) [exact]");
  });
});

describe("parseBaseline", () => {
  it("parseBaseline(text, file) reports every problem with its path in the file", () => {
    const bad = JSON.parse(stringifyBaseline(baseline));
    bad.format = "walab-baseline/0";
    bad.runs[2].replicationTotals[0] = "12,5";
    bad.runs[3].total.mean = "7000";
    try {
      parseBaseline(JSON.stringify(bad), "baselines/x.json");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const paths = (error as InputError).problems.map((p) => p.path);
      expect(paths).toEqual([
        "baselines/x.json#/format",
        "baselines/x.json#/runs/2/replicationTotals/0",
        "baselines/x.json#/runs/3/total/mean",
      ]);
      expect((error as InputError).problems[0]!.expected).toContain("re-create the baseline");
    }
  });

  it("parseBaseline(not JSON) is bad input naming the file", () => {
    expect(() => parseBaseline("{", "baselines/x.json")).toThrow(
      /invalid JSON: .* at baselines\/x.json/,
    );
  });
});
