import type {InputProblem} from "../../models/input-error.ts";
import type {BillingWarning} from "../billing-kernel.ts";
import type {BillingRunOptions} from "../billing-run.ts";
import type {ChargeSummary} from "../charges/charge-summary.ts";
import type {BatchTransfer} from "./batch-transfer.ts";

/** What a log-billing thread starts from. */
export interface LogBillingStart {
  options: Omit<BillingRunOptions, "messagesFile" | "sort" | "batchSize">;
  summary: boolean;
  /** Where the thread writes the charge bytes itself; otherwise it posts them. */
  fd: number | undefined;
}

/** Main thread to billing thread. */
export type ToBillingThread = {kind: "batch"; batch: BatchTransfer} | {kind: "end"};

/** Billing thread to main thread, in the order of the batches. */
export type FromBillingThread =
  | {kind: "charges"; bytes: Uint8Array | null}
  | {kind: "done"; warnings: BillingWarning[]; summary: ChargeSummary | null}
  | {kind: "input-error"; problems: InputProblem[]}
  | {kind: "crash"; message: string; stack: string | undefined};
