import type {Worker} from "node:worker_threads";
import {InputError} from "../../models/input-error.ts";
import type {BillingContext} from "../../models/pricing/index.ts";
import {createBillingKernel} from "../billing-kernel.ts";
import type {BillingWarning} from "../billing-kernel.ts";
import {createBillingContext} from "../billing-run.ts";
import type {BillingRunOptions} from "../billing-run.ts";
import type {ChargeSummary} from "../charges/charge-summary.ts";
import {createMessageLogReader} from "../log/message-log-reader.ts";
import {BATCH_ROWS} from "../message-batch.ts";
import {createBatchSlotLayout, slotViews} from "./batch-slots.ts";
import {packBatch} from "./batch-transfer.ts";
import type {TransferMark} from "./batch-transfer.ts";
import {createBatchBiller} from "./batch-biller.ts";
import {startTypeScriptWorker} from "../scenario/start-typescript-worker.ts";
import type {FromBillingThread, LogBillingStart, ToBillingThread} from "./log-billing-messages.ts";

/** What billing a whole log gives besides the charge bytes. */
export interface LogBillingResult {
  warnings: BillingWarning[];
  /** With `summary`: the totals instead of charge records. */
  summary: ChargeSummary | null;
}

/** Where charge bytes go, in log order. */
export interface ChargeSink {
  writeBytes(bytes: Uint8Array): void;
  /**
   * A file descriptor the billing thread may write to directly, when nothing else writes to it
   * until billing is done (the atomic output's temporary file).
   */
  readonly fd?: number;
}

/** A message log being billed, line by line; charge bytes go to the sink in log order. */
export interface LogBiller {
  readonly context: BillingContext;
  /** Reads one line; throws the first error in log order (a line's, or billing's before it). */
  pushBytes(bytes: Uint8Array, start: number, end: number): void;
  /** Bills what is left and resolves with the warnings (and summary); rejects like `pushBytes`. */
  end(): Promise<LogBillingResult>;
  /**
   * After `pushBytes` threw: resolves with the error a one-thread run reports, which is billing's
   * if a batch read before the failing line fails to bill.
   */
  settle(error: unknown): Promise<unknown>;
  /** Resolves when the billing thread has caught up enough to read on (bounded memory). */
  pace(): Promise<void>;
  /** Stops the billing thread, if any. */
  close(): void;
}

export interface LogBillerOptions extends BillingRunOptions {
  /** Totals by market x category instead of charge records. */
  summary?: boolean;
  /**
   * Bills on a second thread while this one reads (for large logs: starting the thread costs
   * about half a second). Output, errors and warnings are the same either way.
   */
  thread?: boolean;
}

/**
 * Creates the reader and the biller of `walab bill` (formats.md §4).
 * @throws InputError for bad accounts, options or data, before any line is read.
 */
export function createLogBiller(options: LogBillerOptions, sink: ChargeSink): LogBiller {
  // NOTE (perf): the billing thread starts (0.1 to 0.4 s) while the data and accounts compile
  // here; they reach it by message
  const thread = options.thread ? startTypeScriptWorker(BILLING_THREAD, null) : undefined;
  try {
    const context = createBillingContext(options);
    const summary = options.summary ?? false;
    const readerOptions = {
      file: options.messagesFile,
      sort: options.sort,
      batchSize: options.batchSize,
    };
    return thread === undefined
      ? createInlineLogBiller(context, options, summary, readerOptions, sink)
      : createThreadedLogBiller(context, options, summary, readerOptions, sink, thread);
  } catch (error) {
    void thread?.terminate();
    throw error;
  }
}

/** Reads and bills on this thread alone. */
function createInlineLogBiller(
  context: BillingContext,
  options: LogBillerOptions,
  summary: boolean,
  readerOptions: {file?: string; sort?: boolean; batchSize?: number},
  sink: ChargeSink,
): LogBiller {
  const biller = createBatchBiller(context, options, summary);
  const reader = createMessageLogReader(
    context.accounts,
    context.markets,
    (batch) => {
      const bytes = biller.bill(batch);
      if (bytes !== null) sink.writeBytes(bytes);
    },
    readerOptions,
  );
  return {
    context,
    pushBytes: reader.pushBytes,
    end: async () => {
      reader.end();
      return biller.result();
    },
    settle: async (error) => error,
    pace: async () => {},
    close: () => {},
  };
}

const BILLING_THREAD = new URL("./log-billing-worker.ts", import.meta.url);

/**
 * Batches read ahead of billing at most, between two `pace` calls: few enough that memory stays
 * flat and is soon reused (~0.5 MiB a batch of 8,192 rows). NOTE (perf): reading further ahead
 * while the billing thread starts (16 or 32 batches) measured no faster: that thread is the
 * slower of the two.
 */
const BATCHES_IN_FLIGHT = 8;
/**
 * Shared slots for the batches in flight, with a few to spare (a 1 MiB chunk read between two
 * `pace` calls holds one or two batches); a batch finding none free comes in its message.
 */
const BATCH_SLOTS = BATCHES_IN_FLIGHT + 4;
/** Id bytes a slot holds per row; a batch of longer ids comes in its message. */
const SLOT_ID_BYTES_PER_ROW = 32;

function createThreadedLogBiller(
  context: BillingContext,
  options: LogBillerOptions,
  summary: boolean,
  readerOptions: {file?: string; sort?: boolean; batchSize?: number},
  sink: ChargeSink,
  worker: Worker,
): LogBiller {
  createBillingKernel(context, options); // the option and currency checks, here and now
  const {pricing, rates, serviceFreePerPhone} = options;
  const rows = readerOptions.batchSize ?? BATCH_ROWS;
  const slots = createBatchSlotLayout(BATCH_SLOTS, rows, rows * SLOT_ID_BYTES_PER_ROW);
  const views = slotViews(slots);
  /** The number of the batch last put in each slot (-1: none yet); batches bill in order. */
  const slotBatch = new Float64Array(BATCH_SLOTS).fill(-1);
  let nextSlot = 0;
  const start: LogBillingStart = {
    // as it is now (posting clones it at once): the reader adds the log's phones to it, and the
    // batches bring them over
    context,
    options: {pricing, rates, serviceFreePerPhone},
    summary,
    // Deno's worker threads do not share the process's file descriptors: bytes come back instead
    fd: "Deno" in globalThis ? undefined : sink.fd,
    slots,
  };
  let failure: unknown;
  let posted = 0;
  let billed = 0;
  let result: LogBillingResult | undefined;
  let wake = () => {};
  const post = (message: ToBillingThread) => worker.postMessage(message);
  worker.on("message", (message: FromBillingThread) => {
    if (message.kind === "charges") {
      billed++;
      if (message.bytes !== null && failure === undefined) sink.writeBytes(message.bytes);
    } else if (message.kind === "done") {
      result = {warnings: message.warnings, summary: message.summary};
    } else if (message.kind === "input-error") {
      failure ??= new InputError(message.problems);
    } else {
      const error = new Error(message.message);
      error.stack = message.stack;
      failure ??= error;
    }
    wake();
  });
  worker.on("error", (error) => {
    failure ??= error;
    wake();
  });
  worker.on("exit", (code) => {
    if (result === undefined) failure ??= new Error(`the billing thread exited (${code})`);
    wake();
  });
  post({kind: "start", start});
  // the billing thread has the accounts' phones, not the log's yet
  const mark: TransferMark = {users: 0, types: 0, phones: context.accounts.phones.length};
  const reader = createMessageLogReader(
    context.accounts,
    context.markets,
    (batch) => {
      // a slot is free once the batch last put in it is billed (its bytes written)
      const free = slotBatch[nextSlot]! < billed;
      const slot = free ? {number: nextSlot, views: views[nextSlot]!} : null;
      const transfer = packBatch(batch, context.accounts, mark, slot);
      if (transfer.slot >= 0) {
        slotBatch[nextSlot] = posted;
        nextSlot = (nextSlot + 1) % BATCH_SLOTS;
      }
      post({kind: "batch", batch: transfer});
      posted++;
    },
    // NOTE (perf): users and pairs are numbered on the billing thread: numbered here (with the
    // same read-ahead, without strings) 1 M lines measured no faster (8 alternating runs each)
    {...readerOptions, deferUsers: true},
  );

  /** Resolves once `done()` holds or billing failed; rejects with the failure. */
  async function until(done: () => boolean): Promise<void> {
    while (failure === undefined && !done()) await new Promise<void>((resolve) => (wake = resolve));
    if (failure !== undefined) throw failure;
  }

  return {
    context,
    pushBytes(bytes, start, end) {
      if (failure !== undefined) throw failure;
      reader.pushBytes(bytes, start, end);
    },
    async end() {
      reader.end();
      post({kind: "end"});
      await until(() => result !== undefined);
      return result!;
    },
    pace: () => until(() => posted - billed <= BATCHES_IN_FLIGHT),
    async settle(error) {
      try {
        await until(() => billed === posted);
        return error;
      } catch (billingError) {
        return billingError;
      }
    },
    close: () => void worker.terminate(),
  };
}
