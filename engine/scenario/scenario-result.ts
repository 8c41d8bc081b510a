import type {MeanInterval} from "../stats/index.ts";

/**
 * What a scenario run produces (issue 4): per strategy x sweep point, statistics over the
 * replications, all in the scenario's currency (USD floats for means and intervals; exact
 * decimal strings for the per-replication totals, which CI compares exactly). `summary.json` is
 * this object; the HTML report, the server and `walab check` read it.
 */
export interface ScenarioResult {
  /** Scenario name (file name without extension unless the file says otherwise). */
  scenario: string;
  /** The question the scenario answers (its header comment or `question` field). */
  question: string;
  /** The scenario file, relative to the project. */
  file: string;
  seed: string | number;
  replications: number;
  period: {start: string; end: string; timezone: string};
  currency: string;
  /** Local days of the period in `period.timezone`. */
  days: string[];
  /** Simulated users (all businesses). */
  users: number;
  /** The sweep parameters, in order (empty without sweeps). */
  sweepParameters: string[];
  /** One run per strategy x sweep point: strategies outer, sweep points inner, in file order. */
  runs: StrategyRun[];
}

/** A strategy at one sweep point, over all replications (common random numbers across runs). */
export interface StrategyRun {
  strategy: string;
  /** The strategy's description (from the file). */
  description: string;
  /** Sweep point: parameter → value; empty without sweeps. */
  sweep: Record<string, number | string>;
  /** Exact total per replication, e.g. "1234.5678". */
  replicationTotals: string[];
  total: MeanInterval;
  byCategory: Record<string, MeanInterval>;
  byMarket: Record<string, MeanInterval>;
  costPerUser: MeanInterval;
  costPerMessage: MeanInterval;
  /** Paired difference to the first strategy at the same sweep point; null for the first. */
  deltaVsFirst: MeanInterval | null;
  /** Mean counts over replications: delivered business messages and conversations by category. */
  messagesByCategory: Record<string, number>;
  conversationsByCategory: Record<string, number>;
  /** Cost per local day (mean and 95 % CI over replications), in `days` order. */
  daily: MeanInterval[];
  /** Mean cost per local day by charge category (for stacked charts), in `days` order. */
  dailyByCategory: Record<string, number[]>;
  /** Simulated users of this run (a sweep over the traffic may change them). */
  users?: number;
  /** Meta's charges alone; `total` = `metaCharges` + `markup`. */
  metaCharges?: MeanInterval;
  /** A reseller's markup (zero without one); `daily` and the breakdowns are Meta's charges. */
  markup?: MeanInterval;
  /** Billing warnings (stand-in cards, stale tiers, ...), counts summed over replications. */
  warnings?: {code: string; message: string; count: number}[];
}
