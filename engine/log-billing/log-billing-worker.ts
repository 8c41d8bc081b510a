// Billing thread of `createLogBiller`: bills each batch the main thread reads, with the context its
// first message gives, and writes the charge bytes to the output's descriptor (or, without one,
// posts them back), in order.
import {write} from "node:fs";
import {parentPort} from "node:worker_threads";
import {InputError} from "../../models/input-error.ts";
import {createUserInterner} from "../log/user-interner.ts";
import {slotViews} from "./batch-slots.ts";
import {unpackBatch} from "./batch-transfer.ts";
import {createBatchBiller} from "./batch-biller.ts";
import type {FromBillingThread, LogBillingStart, ToBillingThread} from "./log-billing-messages.ts";

const port = parentPort!;
const post = (message: FromBillingThread, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);
/** After a failure the thread ignores what is still coming. */
let failed = false;

/**
 * How many batches' bytes may be on their way to the file while the next is billed.
 * NOTE (perf): a batch's bytes are written on the thread pool while this thread bills the next:
 * writing ~190 MB of charges to fresh page cache costs ~0.3 s of system time, which then runs
 * beside billing (on whichever core has time) instead of in it.
 */
const WRITES_IN_FLIGHT = 2;
/**
 * Each encoder buffer's last write (a buffer is reused only once its bytes are written). A batch
 * counts as billed once its bytes are written, and a failure is posted once no write is running,
 * so the main thread never removes the output file under a write.
 */
const writes: Promise<void>[] = [];

/** Makes the handler of the batches and the end from the start message. */
function begin({context, options, summary, fd, slots}: LogBillingStart) {
  const biller = createBatchBiller(context, options, summary, WRITES_IN_FLIGHT);
  const users: string[] = [];
  const types: string[] = [];
  // the users of a reader with `deferUsers`, numbered here in log order as the reader would
  const interner = createUserInterner(context.markets, null);
  const views = slotViews(slots);
  let turn = 0;
  let position = 0;
  return async (message: Exclude<ToBillingThread, {kind: "start"}>): Promise<void> => {
    if (failed) return;
    try {
      if (message.kind === "end") {
        await Promise.all(writes);
        if (!failed) post({kind: "done", ...biller.result()});
        return;
      }
      const batch = unpackBatch(message.batch, context.accounts, users, types, views);
      if (message.batch.usersDeferred) interner.fillBatch(batch, batch.userDigits!);
      await writes[turn];
      if (failed) return;
      const view = biller.bill(batch);
      if (view !== null && fd !== undefined) {
        const written = writeAt(fd, view, position);
        writes[turn] = written.then(() => post({kind: "charges", bytes: null}), fail);
        turn = (turn + 1) % WRITES_IN_FLIGHT;
        position += view.length;
        return;
      }
      const bytes = view === null ? null : view.slice();
      post({kind: "charges", bytes}, bytes === null ? [] : [bytes.buffer]);
    } catch (error) {
      fail(error);
    }
  };
}

let handle: ReturnType<typeof begin> | undefined;
// one message at a time, in order, each after the previous one's awaits
let queue = Promise.resolve();
port.on("message", (message: ToBillingThread) => {
  if (message.kind !== "start") queue = queue.then(() => handle?.(message));
  else
    try {
      handle = begin(message.start);
    } catch (error) {
      fail(error);
    }
});

/** Writes all of `bytes` to `fd` at `position`, on the thread pool. */
function writeAt(fd: number, bytes: Uint8Array, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const from = (done: number): void => {
      if (done === bytes.length) return resolve();
      write(fd, bytes, done, bytes.length - done, position + done, (error, written) =>
        error === null ? from(done + written) : reject(error),
      );
    };
    from(0);
  });
}

function fail(error: unknown): void {
  if (failed) return;
  failed = true;
  const message: FromBillingThread =
    error instanceof InputError
      ? {kind: "input-error", problems: [...error.problems]}
      : {
          kind: "crash",
          message: error instanceof Error ? error.message : String(error),
          stack: error instanceof Error ? error.stack : undefined,
        };
  void Promise.allSettled(writes).then(() => post(message));
}
