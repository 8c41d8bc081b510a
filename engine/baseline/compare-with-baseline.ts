import {formatMicros, parseMicros} from "../../models/money/index.ts";
import type {ScenarioResult} from "../scenario/scenario-result.ts";
import type {Baseline, BaselineFloat, BaselineInterval, BaselineRun} from "./baseline.ts";
import {createBaseline} from "./create-baseline.ts";

/** How far a derived float may move before it counts as a regression. */
export interface BaselineTolerances {
  /** Relative tolerance: |current − baseline| <= relative x max(|current|, |baseline|). */
  relative: number;
  /** Absolute floor for figures near zero, in their own unit. */
  absolute: number;
}

/**
 * The stated tolerances of `walab check`: exact decimal strings for the deterministic billing
 * totals of a fixed seed; 1e-9 relative (1e-9 absolute near zero) for the derived floats, which
 * only absorbs the last bits of floating-point summation.
 */
export const DEFAULT_TOLERANCES: Readonly<BaselineTolerances> = {relative: 1e-9, absolute: 1e-9};

/** One figure that moved, or a run that appeared or disappeared. */
export interface BaselineDiff {
  /** The run: strategy and sweep point; null for the scenario's own figures (seed, period, ...). */
  strategy: string | null;
  sweep: Record<string, number | string> | null;
  /** A path to the figure: `seed`, `replicationTotals[3]`, `total.mean`, `byMarket.Brazil`, `run`. */
  figure: string;
  /** The figure in words: "replication 4 total", "mean total", "Brazil (mean)". */
  label: string;
  /** changed; missing: in the baseline, not in the run; added: in the run, not in the baseline. */
  kind: "changed" | "missing" | "added";
  /** exact: compared as strings or exact integers; relative: within the tolerances. */
  rule: "exact" | "relative";
  baseline: string | number | null;
  current: string | number | null;
  /** current − baseline: an exact decimal string for exact amounts, a float otherwise; null if not numeric. */
  delta: string | number | null;
  /** delta / |baseline|; null when it cannot be computed. */
  ratio: number | null;
  /** The unit of the figure: the currency, "messages", "conversations", or "". */
  unit: string;
}

/**
 * Compares a fresh scenario result with a stored baseline: the scenario's identity (seed,
 * replications, period, currency, users, sweep parameters) and the set of runs exactly, each
 * replication total exactly as a decimal string, and every derived float within `tolerances`.
 * Returns the differences in a stable order (scenario, then runs in baseline order, then added
 * runs); an empty list means no regression. Pure.
 * O(runs x (replications + categories + markets)).
 * @example compareWithBaseline(result, createBaseline(result)) // => []
 */
export function compareWithBaseline(
  result: ScenarioResult,
  baseline: Baseline,
  tolerances: BaselineTolerances = DEFAULT_TOLERANCES,
): BaselineDiff[] {
  const current = createBaseline(result);
  const diffs: BaselineDiff[] = [];
  const scenarioDiff = (figure: string, label: string, a: unknown, b: unknown) => {
    const x = typeof a === "object" ? JSON.stringify(a) : (a as string | number);
    const y = typeof b === "object" ? JSON.stringify(b) : (b as string | number);
    if (x !== y) {
      const numeric = typeof x === "number" && typeof y === "number";
      diffs.push({
        strategy: null,
        sweep: null,
        figure,
        label,
        kind: "changed",
        rule: "exact",
        baseline: x,
        current: y,
        delta: numeric ? y - x : null,
        ratio: numeric ? ratio(y - x, x) : null,
        unit: "",
      });
    }
  };
  scenarioDiff("scenario", "scenario name", baseline.scenario, current.scenario);
  scenarioDiff("seed", "seed", baseline.seed, current.seed);
  scenarioDiff("replications", "replications", baseline.replications, current.replications);
  scenarioDiff("period", "period", baseline.period, current.period);
  scenarioDiff("currency", "currency", baseline.currency, current.currency);
  scenarioDiff("users", "simulated users", baseline.users, current.users);
  scenarioDiff(
    "sweepParameters",
    "sweep parameters",
    baseline.sweepParameters,
    current.sweepParameters,
  );

  const key = (run: BaselineRun) =>
    JSON.stringify([
      run.strategy,
      Object.entries(run.sweep).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ]);
  const currentRuns = new Map(current.runs.map((run) => [key(run), run]));
  const seen = new Set<string>();
  for (const old of baseline.runs) {
    const k = key(old);
    seen.add(k);
    const run = currentRuns.get(k);
    if (run === undefined) {
      diffs.push(runDiff(old, "missing", current.currency));
      continue;
    }
    compareRun(old, run, current.currency, tolerances, diffs);
  }
  for (const run of current.runs)
    if (!seen.has(key(run))) diffs.push(runDiff(run, "added", current.currency));
  return diffs;
}

function runDiff(run: BaselineRun, kind: "missing" | "added", unit: string): BaselineDiff {
  const mean = run.total.mean;
  return {
    strategy: run.strategy,
    sweep: run.sweep,
    figure: "run",
    label:
      kind === "missing"
        ? "run in the baseline, not in this result"
        : "run in this result, not in the baseline",
    kind,
    rule: "exact",
    baseline: kind === "missing" ? mean : null,
    current: kind === "added" ? mean : null,
    delta: null,
    ratio: null,
    unit,
  };
}

function compareRun(
  old: BaselineRun,
  run: BaselineRun,
  currency: string,
  tolerances: BaselineTolerances,
  diffs: BaselineDiff[],
): void {
  const at = {strategy: run.strategy, sweep: run.sweep};
  const count = Math.max(old.replicationTotals.length, run.replicationTotals.length);
  for (let k = 0; k < count; k++) {
    const a = old.replicationTotals[k];
    const b = run.replicationTotals[k];
    if (a === b) continue;
    const delta = a === undefined || b === undefined ? null : exactDifference(a, b);
    diffs.push({
      ...at,
      figure: `replicationTotals[${k}]`,
      label: `replication ${k + 1} total`,
      kind: a === undefined ? "added" : b === undefined ? "missing" : "changed",
      rule: "exact",
      baseline: a ?? null,
      current: b ?? null,
      delta,
      ratio: delta === null || a === undefined ? null : ratio(Number(delta), Number(a)),
      unit: currency,
    });
  }
  const float = (
    figure: string,
    label: string,
    unit: string,
    a: BaselineFloat | undefined,
    b: BaselineFloat | undefined,
  ) => {
    if (a === undefined && b === undefined) return;
    if (a === undefined || b === undefined) {
      diffs.push({
        ...at,
        figure,
        label,
        kind: a === undefined ? "added" : "missing",
        rule: "relative",
        baseline: a ?? null,
        current: b ?? null,
        delta: null,
        ratio: null,
        unit,
      });
      return;
    }
    if (withinTolerance(a, b, tolerances)) return;
    const delta = a !== null && b !== null ? b - a : null;
    diffs.push({
      ...at,
      figure,
      label,
      kind: "changed",
      rule: "relative",
      baseline: a,
      current: b,
      delta,
      ratio: delta === null || a === null ? null : ratio(delta, a),
      unit,
    });
  };
  const intervalFigures = (
    name: string,
    words: string,
    a: BaselineInterval | null,
    b: BaselineInterval | null,
  ) => {
    if (a === null && b === null) return;
    float(`${name}.mean`, `${words}, mean`, currency, a?.mean, b?.mean);
    float(`${name}.low`, `${words}, 95 % CI low`, currency, a?.low, b?.low);
    float(`${name}.high`, `${words}, 95 % CI high`, currency, a?.high, b?.high);
  };
  intervalFigures("total", "total", old.total, run.total);
  intervalFigures(
    "deltaVsFirst",
    "difference to the first strategy",
    old.deltaVsFirst,
    run.deltaVsFirst,
  );
  if (old.users !== run.users) {
    const numeric = old.users !== undefined && run.users !== undefined;
    diffs.push({
      ...at,
      figure: "users",
      label: "simulated users",
      kind: old.users === undefined ? "added" : run.users === undefined ? "missing" : "changed",
      rule: "exact",
      baseline: old.users ?? null,
      current: run.users ?? null,
      delta: numeric ? run.users! - old.users! : null,
      ratio: numeric ? ratio(run.users! - old.users!, old.users!) : null,
      unit: "users",
    });
  }
  float("metaCharges", "Meta's charges, mean", currency, old.metaCharges, run.metaCharges);
  float("markup", "markup, mean", currency, old.markup, run.markup);
  float("costPerUser", "cost per user, mean", currency, old.costPerUser, run.costPerUser);
  float(
    "costPerMessage",
    "cost per message, mean",
    currency,
    old.costPerMessage,
    run.costPerMessage,
  );
  const maps = (name: keyof BaselineRun, words: string, unit: string) => {
    const a = old[name] as Record<string, BaselineFloat>;
    const b = run[name] as Record<string, BaselineFloat>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) =>
      x < y ? -1 : x > y ? 1 : 0,
    );
    for (const k of keys) float(`${name}.${k}`, `${k} ${words}`, unit, a[k], b[k]);
  };
  maps("byCategory", "cost, mean", currency);
  maps("byMarket", "cost, mean", currency);
  maps("messagesByCategory", "messages, mean", "messages");
  maps("conversationsByCategory", "conversations, mean", "conversations");
}

/** Floats match within the tolerance; null (NaN in the run) matches only null. */
function withinTolerance(a: BaselineFloat, b: BaselineFloat, t: BaselineTolerances): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  return Math.abs(b - a) <= Math.max(t.absolute, t.relative * Math.max(Math.abs(a), Math.abs(b)));
}

/** b − a of two exact decimal amounts, exactly (micro-units); a float difference beyond them. */
function exactDifference(a: string, b: string): string {
  try {
    return formatMicros(BigInt(parseMicros(b)) - BigInt(parseMicros(a)));
  } catch {
    return String(Number(b) - Number(a));
  }
}

function ratio(delta: number, base: number): number | null {
  return base === 0 || !Number.isFinite(delta) ? null : delta / Math.abs(base);
}
