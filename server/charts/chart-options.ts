import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {CATEGORY_NAMES} from "../../models/codes.ts";
import {sweepKey, sweepPoints} from "./sweep-points.ts";

/** Options every chart builder takes. */
export interface ChartOptions {
  /** The sweep point to draw (index into `sweepPoints(result)`); default 0. Ignored without sweeps. */
  point?: number;
  /** Outer width in pixels; default `CHART_WIDTH`. */
  width?: number;
}

/** The default outer width of a chart in pixels. */
export const CHART_WIDTH = 720;

/** The widest chart the pages draw, in px (the server renders a page's first charts at it). */
export const CHART_MAX_WIDTH = 1100;

/**
 * " at adEntryShare=0.3" for a result with sweeps, "" without.
 * @example pointSuffix(result, 1) // => " at adEntryShare=0.3"
 */
export function pointSuffix(result: ScenarioResult, point = 0): string {
  if (result.sweepParameters.length === 0) return "";
  const sweep = sweepPoints(result)[point];
  return sweep === undefined ? "" : ` at ${sweepKey(sweep, result.sweepParameters)}`;
}

/**
 * Orders category names as the charge records do (marketing, utility, authentication, ...), any
 * other name after them alphabetically.
 * @example sortCategories(["service", "zeta", "marketing"]) // => ["marketing", "service", "zeta"]
 */
export function sortCategories(names: Iterable<string>): string[] {
  const rank = (name: string) => {
    const k = (CATEGORY_NAMES as readonly string[]).indexOf(name);
    return k < 0 ? CATEGORY_NAMES.length : k;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A category name for people: "authentication_international" → "authentication international".
 * @example categoryLabel("authentication_international") // => "authentication international"
 */
export function categoryLabel(name: string): string {
  return name.replaceAll("_", " ");
}

/** The label of the currency axis, e.g. "Cost (USD)". */
export function currencyLabel(result: ScenarioResult, what = "Cost"): string {
  return `${what} (${result.currency})`;
}

/**
 * ", Meta's charges without the markup" when a strategy adds a reseller's markup (the daily and
 * per-category or per-market figures are Meta's charges alone), "" otherwise.
 * @example chargesNote(resellerResult) // => ", Meta's charges without the markup"
 */
export function chargesNote(result: ScenarioResult): string {
  return result.runs.some((run) => run.markup !== undefined && run.markup.mean !== 0)
    ? ", Meta's charges without the markup"
    : "";
}
