/** The format tag of a baseline file; a different tag is refused rather than misread. */
export const BASELINE_FORMAT = "walab-baseline/1";

/**
 * A float figure as stored: a number, or null where the run produced NaN (JSON has no NaN),
 * e.g. the interval of a single replication's cost per message when nothing was sent.
 */
export type BaselineFloat = number | null;

/** A mean and its 95 % CI as stored (n is implied by `replications`). */
export interface BaselineInterval {
  mean: BaselineFloat;
  low: BaselineFloat;
  high: BaselineFloat;
}

/**
 * The compact figures of one run (strategy x sweep point) that `walab check` compares: the exact
 * per-replication totals (decimal strings, compared as strings) and the derived floats (compared
 * with a relative tolerance).
 */
export interface BaselineRun {
  strategy: string;
  sweep: Record<string, number | string>;
  replicationTotals: string[];
  total: BaselineInterval;
  costPerUser: BaselineFloat;
  costPerMessage: BaselineFloat;
  deltaVsFirst: BaselineInterval | null;
  /** Mean cost per charge category and per market over the replications. */
  byCategory: Record<string, BaselineFloat>;
  byMarket: Record<string, BaselineFloat>;
  /** Mean counts per category over the replications. */
  messagesByCategory: Record<string, BaselineFloat>;
  conversationsByCategory: Record<string, BaselineFloat>;
  /** Present when the result gives them: the run's simulated users (exact), Meta's charges and a reseller's markup (means). */
  users?: number;
  metaCharges?: BaselineFloat;
  markup?: BaselineFloat;
}

/**
 * A scenario's summary figures, stored as `baselines/<scenario>.json` by `walab baseline` and
 * compared by `walab check`. The seed and replications say how to re-run it.
 */
export interface Baseline {
  format: typeof BASELINE_FORMAT;
  scenario: string;
  file: string;
  seed: string | number;
  replications: number;
  period: {start: string; end: string; timezone: string};
  currency: string;
  users: number;
  sweepParameters: string[];
  runs: BaselineRun[];
}
