// errors and their JSON answers
export {
  BadRequestError,
  formatFieldProblem,
  HttpError,
  NotFoundError,
  QueueFullError,
  RunTimeoutError,
  ValidationError,
} from "./http-error.ts";
export type {FieldProblem, HttpErrorOptions} from "./http-error.ts";
export {errorAnswer} from "./error-body.ts";
export type {ErrorBody} from "./error-body.ts";
// request schemas and validation
export {
  PRICING_CHOICES,
  QUOTE_CATEGORIES,
  QUOTE_MAX_MESSAGES,
  quoteRequestSchema,
  RESULT_KEY,
  runOverridesSchema,
  runRequestSchema,
  SCENARIO_NAME,
} from "./schemas.ts";
export type {QuoteCategory, QuoteRequest, RunOverrides} from "./schemas.ts";
export {fieldProblems, parseJsonBody, parseValue} from "./parse-json-body.ts";
export {confinedPath} from "./confined-path.ts";
// scenarios, runs and the result cache
export {createScenarioService} from "./scenario-service.ts";
export type {
  RunContext,
  ScenarioFiles,
  ScenarioRunner,
  ScenarioService,
  ScenarioServiceOptions,
  ScenarioSummary,
  StoredResult,
} from "./scenario-service.ts";
export {applyOverrides, changesDocument} from "./apply-overrides.ts";
export {canonicalJson, contentKey, sha256Hex} from "./content-key.ts";
export {scenarioQuestion} from "./scenario-question.ts";
// what the API answers
export {resultHeadline} from "./headline.ts";
export type {Headline} from "./headline.ts";
export {isResultTableId, RESULT_TABLE_IDS, resultTable} from "./result-tables.ts";
export type {ResultTableId} from "./result-tables.ts";
export {tableCsv, tableRecords} from "./data-table.ts";
export type {Cell, DataTable} from "./data-table.ts";
export {compareStrategies} from "./compare-strategies.ts";
export type {StrategyComparison} from "./compare-strategies.ts";
export {openApiDocument} from "./openapi.ts";
