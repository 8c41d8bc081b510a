// scenarios and what-ifs
export {createScenario, mapTraffic} from "./scenario.ts";
export type {Scenario} from "./scenario.ts";
export {compose} from "./what-if.ts";
export type {WhatIf} from "./what-if.ts";
// billing what-ifs
export {withPricing, withRateCard, withServiceFreePerPhone} from "./with-pricing.ts";
export {
  changeRates,
  formatRateChangeAmount,
  maybeRateChangeAmount,
  RATE_CATEGORIES,
  rateChangeAmountSchema,
  rateChangesSchema,
} from "./rate-change.ts";
export type {RateCategory, RateChange, RateChangeAmount} from "./rate-change.ts";
export {markupSchema, withMarkup} from "./markup.ts";
export type {Markup} from "./markup.ts";
// business levers (traffic transforms)
export {utilityInWindow, utilityInWindowSchema, withMedian} from "./utility-in-window.ts";
export {ctwaShareSchema, shiftToCtwaAds} from "./shift-to-ctwa-ads.ts";
export type {CtwaShare} from "./shift-to-ctwa-ads.ts";
export {replyFaster, replyFasterSchema} from "./reply-faster.ts";
export type {ReplyFaster} from "./reply-faster.ts";
export {moveCampaigns, moveCampaignsSchema, signedDurationSchema} from "./move-campaigns.ts";
export type {MoveCampaigns} from "./move-campaigns.ts";
export {capMarketing, capMarketingSchema} from "./cap-marketing.ts";
// the scenario file
export {
  editionSchema,
  MAX_RUNS,
  strategySchema,
  sweepSchema,
  WHAT_IF_KEYS,
  whatIfFields,
} from "./strategy-schema.ts";
export type {StrategySpec, SweepSpec, WhatIfSpec} from "./strategy-schema.ts";
export {
  MAX_REPLICATIONS,
  scenarioFields,
  scenarioFileSchema,
  scenarioJsonSchema,
  scenarioTopLevelSchema,
} from "./scenario-file-schema.ts";
export {headerQuestion, parseScenarioFile} from "./parse-scenario-file.ts";
export type {ScenarioFile} from "./parse-scenario-file.ts";
export {parseScenarioBase, scenarioFieldNames} from "./parse-scenario-base.ts";
export type {ScenarioContext} from "./parse-scenario-base.ts";
export {parseStrategies} from "./parse-strategies.ts";
export type {Strategy} from "./parse-strategies.ts";
export {parseSweeps, sweepPoints} from "./parse-sweeps.ts";
export type {ParsedSweep, SweepPoint} from "./parse-sweeps.ts";
export {resolveWhatIfs} from "./resolve-what-ifs.ts";
export type {ResolvedWhatIfs, WhatIfContext} from "./resolve-what-ifs.ts";
export {marketCoverageGaps} from "./market-coverage.ts";
export type {CoverageGap} from "./market-coverage.ts";
// problems and paths
export {expandUnknownFields, issueProblems, pointer} from "./scenario-problems.ts";
export {schemaFieldNames} from "./schema-field-names.ts";
export {pointerSegments, setPointer} from "./set-pointer.ts";
