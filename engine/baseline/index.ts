// the baseline of a scenario: what walab check compares
export {BASELINE_FORMAT} from "./baseline.ts";
export type {Baseline, BaselineFloat, BaselineInterval, BaselineRun} from "./baseline.ts";
export {createBaseline} from "./create-baseline.ts";
// comparing and reporting
export {compareWithBaseline, DEFAULT_TOLERANCES} from "./compare-with-baseline.ts";
export type {BaselineDiff, BaselineTolerances} from "./compare-with-baseline.ts";
export {formatBaselineDiff} from "./format-baseline-diff.ts";
export type {BaselineDiffFormatOptions} from "./format-baseline-diff.ts";
// the baseline file's text
export {parseBaseline, stringifyBaseline} from "./baseline-json.ts";
