import * as Plot from "@observablehq/plot";
import type {PlotOptions} from "@observablehq/plot";
import {categoryLabel, sortCategories} from "../charts/chart-options.ts";
import {formatCompact} from "../charts/format-figures.ts";
import type {QuoteResult} from "../quote/quote.ts";

/** One bar of the quote chart. */
export interface QuoteChartRow {
  category: string;
  method: string;
  amount: number;
}

/** The three readings of a quote, in the order the chart shows them. */
export const QUOTE_METHODS = [
  "list rate x records",
  "exact (separate contacts)",
  "time-aware month",
] as const;

/**
 * The rows of the quote chart: per charge category, the calculator's list rate times records,
 * the exact bill and the time-aware month's bill. O(categories).
 * @example quoteChartRows(quote)[0] // => {category: "marketing", method: "list rate x records", amount: 1250}
 */
export function quoteChartRows(quote: QuoteResult): QuoteChartRow[] {
  const rows: QuoteChartRow[] = [];
  const categories = sortCategories(
    [...quote.exact.byCategory, ...quote.simulated.byCategory].map((c) => c.category),
  );
  for (const category of categories) {
    const exact = quote.exact.byCategory.find((c) => c.category === category);
    const simulated = quote.simulated.byCategory.find((c) => c.category === category);
    rows.push({category, method: QUOTE_METHODS[0], amount: Number(exact?.naiveAmount ?? 0)});
    rows.push({category, method: QUOTE_METHODS[1], amount: Number(exact?.amount ?? 0)});
    rows.push({category, method: QUOTE_METHODS[2], amount: Number(simulated?.amount ?? 0)});
  }
  return rows;
}

/**
 * Cost per category under the three readings of the same monthly volumes, as grouped bars.
 * Pure: returns Plot options. O(categories).
 * @example Plot.plot(quoteChart(quote)) // => <figure> with three bars per category
 */
export function quoteChart(quote: QuoteResult, {width = 720}: {width?: number} = {}): PlotOptions {
  const rows = quoteChartRows(quote);
  const categories = [...new Set(rows.map((r) => r.category))];
  return {
    width,
    height: 320,
    marginLeft: 56,
    marginBottom: 40,
    title: `One month in ${quote.market} (${quote.request.month}), ${quote.request.pricing}`,
    subtitle: "Cost per category: list rate × records, the exact bill, and the time-aware month",
    color: {legend: true, domain: [...QUOTE_METHODS], range: ["#bab0ab", "#4e79a7", "#f28e2c"]},
    fx: {label: null, domain: categories, tickFormat: categoryLabel, padding: 0.15},
    x: {axis: null, domain: [...QUOTE_METHODS]},
    y: {label: `Cost (${quote.currency})`, grid: true, tickFormat: formatCompact},
    marks: [
      Plot.barY(rows, {fx: "category", x: "method", y: "amount", fill: "method", tip: true}),
      Plot.ruleY([0]),
    ],
  };
}
