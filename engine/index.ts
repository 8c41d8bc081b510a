// message batches
export {batchCapacity, createMessageBatch, messageIdAt} from "./message-batch.ts";
export type {MessageBatch} from "./message-batch.ts";
// billing
export {compileBillingData} from "./billing-data.ts";
export type {BillingData, RateCardTexts} from "./billing-data.ts";
export {createBillingKernel} from "./billing-kernel.ts";
export type {BillingKernel, BillingOptions, BillingWarning} from "./billing-kernel.ts";
export {createBillingContext, createBillingRun} from "./billing-run.ts";
export {createLogBiller} from "./log-billing/log-biller.ts";
export type {
  ChargeSink,
  LogBiller,
  LogBillerOptions,
  LogBillingResult,
} from "./log-billing/log-biller.ts";
export type {BillingRun, BillingRunOptions} from "./billing-run.ts";
export {billText} from "./bill-text.ts";
// message log and charge records
export {createMessageLogReader} from "./log/message-log-reader.ts";
export type {MessageLogReader, MessageLogReaderOptions} from "./log/message-log-reader.ts";
export {formatIsoInstant, parseIsoInstant} from "./log/iso-instant.ts";
export {chargeRecordAt} from "./charges/charge-record.ts";
export {createChargeEncoder} from "./charges/charge-encoder.ts";
export type {ChargeRecord} from "./charges/charge-record.ts";
export {createChargeSummary} from "./charges/charge-summary.ts";
export type {
  ChargeSummary,
  ChargeSummaryBuilder,
  ChargeSummaryRow,
} from "./charges/charge-summary.ts";
// aggregates and statistics
export {
  addToAggregate,
  createChargeAggregate,
  createDayCalendar,
  createWabaMonths,
  dayIndexOf,
  MESSAGE_CATEGORY_NAMES,
  mergeAggregates,
} from "./aggregate/index.ts";
export type {ChargeAggregate, DayCalendar, WabaMonths} from "./aggregate/index.ts";
export {meanInterval, pairedDifference, tQuantile975} from "./stats/index.ts";
export type {MeanInterval} from "./stats/index.ts";
