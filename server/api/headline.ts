import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {scenarioHeadline} from "../report/index.ts";

/** The headline of a result as the API and the list page show it (plain JSON). */
export interface Headline {
  /** The strategy with the lowest mean total at the first sweep point. */
  cheapest: string;
  total: {mean: number; low: number; high: number};
  /** The next cheapest strategy, null with one strategy. */
  runnerUp: string | null;
  /** The saving against the runner-up as a share of its mean total; null with one strategy. */
  savingRatio: number | null;
  /** Whether the paired 95 % CI of the saving excludes zero. */
  significant: boolean;
  /** The headline sentence of the report. */
  text: string;
}

/**
 * The headline of a result (the report's `scenarioHeadline` at the first sweep point) as plain
 * JSON; null for a result without runs. O(strategies x replications).
 * @example resultHeadline(result)?.cheapest // => "pmp-2025-07"
 */
export function resultHeadline(result: ScenarioResult): Headline | null {
  if (result.runs.length === 0) return null;
  const headline = scenarioHeadline(result, 0);
  const {mean, low, high} = headline.cheapest.total;
  return {
    cheapest: headline.cheapest.strategy,
    total: {mean, low, high},
    runnerUp: headline.runnerUp?.strategy ?? null,
    savingRatio: headline.savingRatio,
    significant: headline.significant,
    text: headline.text,
  };
}
