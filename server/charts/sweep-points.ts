import type {ScenarioResult, StrategyRun} from "../../engine/scenario/scenario-result.ts";

/** A sweep point: parameter → value (empty without sweeps). */
export type SweepPoint = Record<string, number | string>;

/**
 * The distinct sweep points of a result, in run order (one empty point without sweeps).
 * O(runs x parameters).
 * @example sweepPoints({sweepParameters: ["share"], runs: [{sweep: {share: 0.1}}, {sweep: {share: 0.3}}, {sweep: {share: 0.1}}]})
 * // => [{share: 0.1}, {share: 0.3}]
 */
export function sweepPoints(
  result: Pick<ScenarioResult, "sweepParameters" | "runs">,
): SweepPoint[] {
  const seen = new Map<string, SweepPoint>();
  for (const run of result.runs) {
    const key = sweepKey(run.sweep, result.sweepParameters);
    if (!seen.has(key)) seen.set(key, run.sweep);
  }
  if (seen.size === 0) seen.set("", {});
  return [...seen.values()];
}

/**
 * A canonical, readable key of a sweep point in parameter order; "" without sweeps.
 * @example sweepKey({share: 0.3, edition: "pmp-2026-10"}, ["edition", "share"]) // => "edition=pmp-2026-10, share=0.3"
 */
export function sweepKey(sweep: SweepPoint, parameters: readonly string[]): string {
  return parameters
    .filter((p) => sweep[p] !== undefined)
    .map((p) => `${p}=${String(sweep[p])}`)
    .join(", ");
}

/**
 * The strategies of a result, in file order.
 * @example strategyNames({runs: [{strategy: "a"}, {strategy: "b"}, {strategy: "a"}]}) // => ["a", "b"]
 */
export function strategyNames(result: Pick<ScenarioResult, "runs">): string[] {
  return [...new Set(result.runs.map((run) => run.strategy))];
}

/**
 * The runs at one sweep point (index into `sweepPoints(result)`), one per strategy in file order.
 * @throws RangeError if the index is not a sweep point of the result.
 * @example runsAtPoint(result, 0).map((r) => r.strategy) // => ["cbp-2023-06", "pmp-2025-07"]
 */
export function runsAtPoint(result: ScenarioResult, point = 0): StrategyRun[] {
  const points = sweepPoints(result);
  const target = points[point];
  if (target === undefined || !Number.isInteger(point)) {
    throw new RangeError(
      `invalid sweep point: ${point} (expected an index in [0, ${points.length}))`,
    );
  }
  const key = sweepKey(target, result.sweepParameters);
  return result.runs.filter((run) => sweepKey(run.sweep, result.sweepParameters) === key);
}
