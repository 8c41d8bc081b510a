import type {ScaleOptions} from "@observablehq/plot";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {strategyNames} from "./sweep-points.ts";

/** Tableau 10: distinct on white and in print; strategy k gets colour k mod 10. */
export const STRATEGY_PALETTE: readonly string[] = [
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
];

/**
 * The colour scale of strategies, the same in every chart of a result: every strategy of the
 * scenario in file order, even when a chart draws only some of them.
 * @example strategyColor(result).domain // => ["cbp-2023-06", "pmp-2025-07", "pmp-2026-10"]
 */
export function strategyColor(
  result: Pick<ScenarioResult, "runs">,
  {legend = true}: {legend?: boolean} = {},
): ScaleOptions & {domain: string[]; range: string[]} {
  const domain = strategyNames(result);
  const range = domain.map((_, k) => STRATEGY_PALETTE[k % STRATEGY_PALETTE.length]!);
  return {type: "ordinal", domain, range, legend};
}
