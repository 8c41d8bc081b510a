import {createChargeColumns} from "../../models/pricing/index.ts";
import type {BillingContext, ChargeColumns} from "../../models/pricing/index.ts";
import {createBillingKernel} from "../billing-kernel.ts";
import type {BillingKernel, BillingOptions, BillingWarning} from "../billing-kernel.ts";
import {createChargeEncoder} from "../charges/charge-encoder.ts";
import {createChargeSummary} from "../charges/charge-summary.ts";
import type {ChargeSummary} from "../charges/charge-summary.ts";
import type {MessageBatch} from "../message-batch.ts";

/** Bills batches into charge-record bytes (or, with `summary`, into totals). */
export interface BatchBiller {
  readonly kernel: BillingKernel;
  /**
   * The NDJSON bytes of the batch's charges, or null with `summary`: a view valid until the
   * `views`-th call after this one.
   */
  bill(batch: MessageBatch): Uint8Array | null;
  result(): {warnings: BillingWarning[]; summary: ChargeSummary | null};
}

/**
 * Creates the billing half of `walab bill`, the same on the main thread and on a billing thread.
 * The encoder keeps `views` buffers in turn, so that many batches' bytes stay valid at once (2
 * lets one batch's bytes be written while the next is billed).
 */
export function createBatchBiller(
  context: BillingContext,
  options: BillingOptions,
  summary: boolean,
  views = 1,
): BatchBiller {
  const kernel = createBillingKernel(context, options);
  const totals = summary ? createChargeSummary(context) : null;
  const encode = summary ? null : createChargeEncoder(context, views);
  let charges: ChargeColumns = createChargeColumns(0);
  return {
    kernel,
    bill(batch) {
      if (charges.row.length < batch.length) charges = createChargeColumns(batch.length);
      kernel.bill(batch, charges);
      if (totals !== null) {
        totals.add(charges);
        return null;
      }
      return encode!(batch, charges);
    },
    result: () => ({warnings: kernel.warnings(), summary: totals?.result() ?? null}),
  };
}
