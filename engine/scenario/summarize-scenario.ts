import {CATEGORY_COUNT, CATEGORY_NAMES} from "../../models/codes.ts";
import {formatMicros} from "../../models/money/index.ts";
import type {BillingWarning} from "../billing-kernel.ts";
import {MESSAGE_CATEGORY_NAMES} from "../aggregate/index.ts";
import {meanInterval, pairedDifference} from "../stats/index.ts";
import type {MeanInterval} from "../stats/index.ts";
import type {GroupReplication} from "./run-replication.ts";
import type {ReplicationFigures} from "./replication-figures.ts";
import type {ScenarioPlan} from "./scenario-plan.ts";
import type {ScenarioResult, StrategyRun} from "./scenario-result.ts";

/**
 * Builds the ScenarioResult from every group's replications (`byGroup[group][r]`): per run, the
 * exact total of each replication, means and 95 % intervals of the totals, of Meta's charges and
 * the markup, by charge category and market, per user and per delivered business message, per
 * day, and the paired difference to the first strategy at the same sweep point. Categories and
 * markets are those with a charge record in any run, so every run has the same keys. Figures
 * are rounded to micro-units. Deterministic: the same inputs give the same bytes whatever the
 * order the units were computed in.
 * O(runs x replications x (days + markets) x categories).
 * @example summarizeScenario(plan, byGroup).runs[1].deltaVsFirst.mean // => -1234.56
 */
export function summarizeScenario(
  plan: ScenarioPlan,
  byGroup: readonly (readonly GroupReplication[])[],
): ScenarioResult {
  const {file, runs, groups, calendar, data} = plan;
  const marketNames = data.markets.markets;
  const days = calendar.days.length;
  // per run: its figures and warnings by replication
  const figures: ReplicationFigures[][] = runs.map(() => []);
  const warnings: BillingWarning[][][] = runs.map(() => []);
  groups.forEach((group, g) => {
    for (const replication of byGroup[g]!) {
      group.runs.forEach((run, k) => {
        figures[run]!.push(replication.figures[k]!);
        warnings[run]!.push(replication.warnings[k]!);
      });
    }
  });

  const usedCategories = CATEGORY_NAMES.map((_, c) =>
    figures.some((list) => list.some((f) => recordsOfCategory(f, c, marketNames.length) > 0)),
  );
  const categories = CATEGORY_NAMES.flatMap((name, c) => (usedCategories[c] ? [{name, c}] : []));
  const markets = marketNames
    .map((name, m) => ({name, m}))
    .filter(({m}) => figures.some((list) => list.some((f) => recordsOfMarket(f, m) > 0)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const totalsUsd = figures.map((list) => list.map((f) => (f.metaMicros + f.markupMicros) / 1e6));
  const results: StrategyRun[] = runs.map((run, i) => {
    const list = figures[i]!;
    const totals = totalsUsd[i]!;
    const first = runs.findIndex((other) => other.point === run.point);
    const users = list[0]?.users ?? 0;
    const byDay = (d: number, f: ReplicationFigures) => {
      let sum = 0;
      for (let c = 0; c < CATEGORY_COUNT; c++) sum += f.amountByDay[d * CATEGORY_COUNT + c]!;
      return sum / 1e6;
    };
    return {
      strategy: run.strategy,
      description: run.description,
      sweep: run.sweep,
      replicationTotals: list.map((f) => formatMicros(f.metaMicros + f.markupMicros)),
      total: rounded(meanInterval(totals)),
      byCategory: Object.fromEntries(
        categories.map(({name, c}) => [
          name,
          rounded(meanInterval(list.map((f) => amountOfCategory(f, c, marketNames.length) / 1e6))),
        ]),
      ),
      byMarket: Object.fromEntries(
        markets.map(({name, m}) => [
          name,
          rounded(meanInterval(list.map((f) => amountOfMarket(f, m) / 1e6))),
        ]),
      ),
      costPerUser: rounded(meanInterval(totals.map((t) => (users > 0 ? t / users : 0)))),
      costPerMessage: rounded(
        meanInterval(
          list.map((f, r) => {
            const delivered = f.delivered.reduce((a, b) => a + b, 0);
            return delivered > 0 ? totals[r]! / delivered : 0;
          }),
        ),
      ),
      deltaVsFirst: first === i ? null : rounded(pairedDifference(totalsUsd[first]!, totals)),
      messagesByCategory: Object.fromEntries(
        MESSAGE_CATEGORY_NAMES.map((name, c) => [
          name,
          round6(mean(list.map((f) => f.delivered[c]!))),
        ]),
      ),
      conversationsByCategory: Object.fromEntries(
        categories.map(({name, c}) => [name, round6(mean(list.map((f) => f.conversations[c]!)))]),
      ),
      daily: Array.from({length: days}, (_, d) =>
        rounded(meanInterval(list.map((f) => byDay(d, f)))),
      ),
      dailyByCategory: Object.fromEntries(
        categories.map(({name, c}) => [
          name,
          Array.from({length: days}, (_, d) =>
            round6(mean(list.map((f) => f.amountByDay[d * CATEGORY_COUNT + c]! / 1e6))),
          ),
        ]),
      ),
      users,
      metaCharges: rounded(meanInterval(list.map((f) => f.metaMicros / 1e6))),
      markup: rounded(meanInterval(list.map((f) => f.markupMicros / 1e6))),
      warnings: mergeWarnings(warnings[i]!),
    };
  });

  return {
    scenario: file.name,
    question: file.question,
    file: file.file,
    seed: file.seed,
    replications: file.replications,
    period: plan.period,
    currency: data.cards.currency,
    days: [...calendar.days],
    users: groups[runs[0]?.group ?? 0]?.users ?? 0,
    sweepParameters: file.sweepParameters,
    runs: results,
  };
}

function recordsOfCategory(f: ReplicationFigures, c: number, markets: number): number {
  let sum = 0;
  for (let m = 0; m < markets; m++) sum += f.recordsByMarket[m * CATEGORY_COUNT + c]!;
  return sum;
}

function recordsOfMarket(f: ReplicationFigures, m: number): number {
  let sum = 0;
  for (let c = 0; c < CATEGORY_COUNT; c++) sum += f.recordsByMarket[m * CATEGORY_COUNT + c]!;
  return sum;
}

function amountOfCategory(f: ReplicationFigures, c: number, markets: number): number {
  let sum = 0;
  for (let m = 0; m < markets; m++) sum += f.amountByMarket[m * CATEGORY_COUNT + c]!;
  return sum;
}

function amountOfMarket(f: ReplicationFigures, m: number): number {
  let sum = 0;
  for (let c = 0; c < CATEGORY_COUNT; c++) sum += f.amountByMarket[m * CATEGORY_COUNT + c]!;
  return sum;
}

/** Warnings of all replications, counts summed, in order of first appearance. */
function mergeWarnings(lists: readonly BillingWarning[][]): BillingWarning[] {
  const byCode = new Map<string, BillingWarning>();
  for (const list of lists) {
    for (const warning of list) {
      const seen = byCode.get(warning.code);
      if (seen === undefined) byCode.set(warning.code, {...warning});
      else seen.count += warning.count;
    }
  }
  return [...byCode.values()];
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Rounds to micro-units (1e-6), keeping the figures readable and stable across platforms. */
function round6(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x;
}

function rounded(interval: MeanInterval): MeanInterval {
  return {
    mean: round6(interval.mean),
    low: round6(interval.low),
    high: round6(interval.high),
    n: interval.n,
  };
}
