import {createBillingKernel, compileBillingData} from "../../engine/index.ts";
import type {MessageBatch} from "../../engine/index.ts";
import {DIRECTION, STATUS} from "../../models/codes.ts";
import {createChargeColumns, createRows, PAIR, PAIR_STRIDE} from "../../models/pricing/index.ts";
import {readShippedData} from "../../io/index.ts";
import {createSyntheticTrace} from "./synthetic-trace.ts";

const DAY_MS = 86_400_000;

/**
 * The baseline: a bare typed-array loop over the same trace doing only the per-user state reads
 * and writes the kernel does (windows per pair, one output column), no pricing.
 */
function bareLoop(batch: MessageBatch, pairs: number, out: Int32Array): number {
  // The kernel's layout: one row of PAIR_STRIDE window ends per pair, on cache-line-aligned memory.
  const windows = createRows(pairs * PAIR_STRIDE, -Infinity);
  const {tMs, pair, direction, status, entryPoint} = batch;
  let records = 0;
  // hot path: i < batch.length <= column lengths
  for (let i = 0; i < batch.length; i++) {
    const t = tMs[i]!;
    const base = pair[i]! * PAIR_STRIDE;
    if (direction[i] === DIRECTION.inbound) {
      windows[base + PAIR.cswEnd] = t + DAY_MS;
      if (entryPoint[i] !== 0) windows[base + PAIR.fepEligibleEnd] = t + DAY_MS;
      continue;
    }
    if (status[i] === STATUS.failed) continue;
    if (t < windows[base + PAIR.fepEligibleEnd]!) windows[base + PAIR.fepEligibleEnd] = -Infinity;
    out[records++] =
      t < windows[base + PAIR.fepEnd]! ? 0 : t < windows[base + PAIR.cswEnd]! ? 1 : 2;
  }
  return records;
}

function best(runs: number, body: () => void): number {
  let bestMs = Infinity;
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const t0 = performance.now();
    body();
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  return bestMs;
}

/** Billing core vs the bare loop on an in-memory trace; best of `runs`. */
export function benchBillingCore(
  messages = 10_000_000,
  users = 1_000_000,
  runs = 3,
): Record<string, number> {
  const {markets, cards} = compileBillingData(readShippedData());
  const trace = createSyntheticTrace(markets, messages, users);
  const context = {accounts: trace.accounts, markets, cards};
  const out = createChargeColumns(messages);
  let records = 0;
  const coreMs = best(runs, () => {
    const kernel = createBillingKernel(context, {pricing: "auto"});
    kernel.bill(trace.batch, out);
    records = out.length;
  });
  const bareOut = new Int32Array(messages);
  const bareMs = best(runs, () => bareLoop(trace.batch, users, bareOut));
  const marketsSeen = new Set<number>();
  for (let j = 0; j < out.length; j++) marketsSeen.add(out.market[j]!);
  return {
    messages,
    users,
    countries: trace.countries,
    markets: marketsSeen.size,
    records,
    coreMs,
    bareLoopMs: bareMs,
    coreMsgPerSec: messages / (coreMs / 1000),
    bareLoopMsgPerSec: messages / (bareMs / 1000),
    coreToBareRatio: bareMs / coreMs,
  };
}
