// the scenario report: one self-contained HTML page
export {renderScenarioReport} from "./render-scenario-report.ts";
export type {ScenarioReportOptions} from "./render-scenario-report.ts";
export {scenarioHeadline} from "./scenario-headline.ts";
export type {ScenarioHeadline} from "./scenario-headline.ts";
// charts rendered server-side
export {CHART_CLASS, renderChartSvg} from "./render-svg.ts";
