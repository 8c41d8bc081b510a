// Billing thread of `createLogBiller`: bills each batch the main thread reads, with the context it
// is given, and writes the charge bytes to the output's descriptor (or, without one, posts them
// back), in order.
import {writeSync} from "node:fs";
import {parentPort, workerData} from "node:worker_threads";
import {InputError} from "../../models/input-error.ts";
import {createUserInterner} from "../log/user-interner.ts";
import {unpackBatch} from "./batch-transfer.ts";
import {createBatchBiller} from "./batch-biller.ts";
import type {FromBillingThread, LogBillingStart, ToBillingThread} from "./log-billing-messages.ts";

const {context, options, summary, fd} = workerData as LogBillingStart;
const port = parentPort!;
const post = (message: FromBillingThread, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);
/** After a failure the thread ignores what is still coming. */
let failed = false;

try {
  const biller = createBatchBiller(context, options, summary);
  const users: string[] = [];
  const types: string[] = [];
  // the users of a reader with `deferUsers`, numbered here in log order as the reader would
  const interner = createUserInterner(context.markets, null);
  port.on("message", (message: ToBillingThread) => {
    if (failed) return;
    try {
      if (message.kind === "end") {
        post({kind: "done", ...biller.result()});
        return;
      }
      const batch = unpackBatch(message.batch, context.accounts, users, types);
      if (message.batch.usersDeferred) interner.fillBatch(batch, message.batch.userDigits!);
      const view = biller.bill(batch);
      if (view !== null && fd !== undefined) {
        for (let done = 0; done < view.length;)
          done += writeSync(fd, view, done, view.length - done);
        post({kind: "charges", bytes: null});
        return;
      }
      const bytes = view === null ? null : view.slice();
      post({kind: "charges", bytes}, bytes === null ? [] : [bytes.buffer]);
    } catch (error) {
      fail(error);
    }
  });
} catch (error) {
  fail(error);
}

function fail(error: unknown): void {
  failed = true;
  if (error instanceof InputError) post({kind: "input-error", problems: [...error.problems]});
  else
    post({
      kind: "crash",
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
}
