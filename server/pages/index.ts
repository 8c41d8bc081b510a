// server-rendered pages (their scripts live in ./client and run in the browser)
export {escapeHtml, renderPage, scriptJson} from "./html.ts";
export type {PageParts} from "./html.ts";
export {renderComparePage, renderListPage, renderScenarioPage} from "./scenario-pages.ts";
export {renderQuotePage} from "./quote-page.ts";
export type {QuoteFormOptions} from "./quote-page.ts";
export {overridesFromQuery, renderLeverControls} from "./levers.ts";
// the quote chart, pure: (quote) => PlotOptions
export {QUOTE_METHODS, quoteChart, quoteChartRows} from "./quote-chart.ts";
export type {QuoteChartRow} from "./quote-chart.ts";
