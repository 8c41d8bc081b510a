import type {InputProblem} from "../../models/input-error.ts";
import type {BillingContext} from "../../models/pricing/index.ts";
import type {BillingOptions, BillingWarning} from "../billing-kernel.ts";
import type {ChargeSummary} from "../charges/charge-summary.ts";
import type {BatchSlotLayout} from "./batch-slots.ts";
import type {BatchTransfer} from "./batch-transfer.ts";

/** What a log-billing thread starts from. */
export interface LogBillingStart {
  /**
   * The compiled data and accounts, as the reading thread has them before its first line.
   * NOTE (perf): a structured clone costs ~5 ms; compiling them again in the thread cost ~0.1 s
   * and loading the YAML and schema packages as much again.
   */
  context: BillingContext;
  options: BillingOptions;
  summary: boolean;
  /** Where the thread writes the charge bytes itself; otherwise it posts them. */
  fd: number | undefined;
  /** The shared slots batches may come in (shared, not copied, by posting). */
  slots: BatchSlotLayout;
}

/** Main thread to billing thread: first `start`, then the batches and `end`. */
export type ToBillingThread =
  {kind: "start"; start: LogBillingStart} | {kind: "batch"; batch: BatchTransfer} | {kind: "end"};

/** Billing thread to main thread, in the order of the batches. */
export type FromBillingThread =
  | {kind: "charges"; bytes: Uint8Array | null}
  | {kind: "done"; warnings: BillingWarning[]; summary: ChargeSummary | null}
  | {kind: "input-error"; problems: InputProblem[]}
  | {kind: "crash"; message: string; stack: string | undefined};
