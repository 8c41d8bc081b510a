import {compileAccounts, DEFAULT_ACCOUNTS, parseAccounts} from "../models/accounts/index.ts";
import {createChargeColumns} from "../models/pricing/index.ts";
import type {BillingContext, ChargeColumns} from "../models/pricing/index.ts";
import {compileBillingData} from "./billing-data.ts";
import type {RateCardTexts} from "./billing-data.ts";
import {createBillingKernel} from "./billing-kernel.ts";
import type {BillingKernel, BillingOptions} from "./billing-kernel.ts";
import {createMessageLogReader} from "./log/message-log-reader.ts";
import type {MessageLogReader} from "./log/message-log-reader.ts";
import type {MessageBatch} from "./message-batch.ts";

/** What a billing run of a message log needs. */
export interface BillingRunOptions extends BillingOptions {
  data: RateCardTexts;
  /** Accounts file text (YAML or JSON); without it the defaults of formats.md §1. */
  accounts?: string;
  accountsFile?: string;
  /** The log's name in error paths. */
  messagesFile?: string;
  sort?: boolean;
  batchSize?: number;
}

/**
 * Compiles the data and the accounts of a run (formats.md §1 defaults without accounts).
 * @throws InputError for bad accounts or data.
 */
export function createBillingContext(
  options: Pick<BillingRunOptions, "data" | "accounts" | "accountsFile">,
): BillingContext {
  const {markets, cards} = compileBillingData(options.data);
  const file =
    options.accounts === undefined
      ? DEFAULT_ACCOUNTS
      : parseAccounts(options.accounts, options.accountsFile ?? "accounts");
  return {accounts: compileAccounts(file), markets, cards};
}

/** A log being billed: push its lines, then end; charges reach the sink batch by batch. */
export interface BillingRun {
  context: BillingContext;
  kernel: BillingKernel;
  reader: MessageLogReader;
}

/**
 * Wires accounts, data, the log reader and the kernel: each batch read is billed at once and
 * handed to `sink` with its charges (both reused afterwards), so memory stays flat in the log's
 * length (except with `sort`, which must read everything first).
 * @throws InputError for bad accounts, options or data.
 */
export function createBillingRun(
  options: BillingRunOptions,
  sink: (batch: MessageBatch, charges: ChargeColumns) => void,
): BillingRun {
  const context = createBillingContext(options);
  const {markets} = context;
  const kernel = createBillingKernel(context, options);
  let charges: ChargeColumns = createChargeColumns(0);
  const reader = createMessageLogReader(
    context.accounts,
    markets,
    (batch) => {
      if (charges.row.length < batch.length) charges = createChargeColumns(batch.tMs.length);
      kernel.bill(batch, charges);
      sink(batch, charges);
    },
    {file: options.messagesFile, sort: options.sort, batchSize: options.batchSize},
  );
  return {context, kernel, reader};
}
