import {createMessageBatch} from "../message-batch.ts";
import type {LogBatch} from "./message-log-reader.ts";

/** Splits a batch into time-ordered batches; ties keep log order (a stable sort of an index). */
export function* sortedBatches(all: LogBatch, batchSize: number): Generator<LogBatch> {
  const n = all.length;
  const order = Uint32Array.from({length: n}, (_, i) => i);
  order.sort((a, b) => all.tMs[a]! - all.tMs[b]! || a - b);
  const out: LogBatch = {
    ...createMessageBatch(Math.min(batchSize, Math.max(n, 1)), all.users, all.types),
    userDigits: new Float64Array(Math.min(batchSize, Math.max(n, 1))),
    usersDeferred: false,
  };
  out.source = all.source;
  out.lines = new Uint32Array(out.tMs.length);
  out.idEnds = new Uint32Array(out.tMs.length);
  const idBytes = all.idBytes!;
  const idEnds = all.idEnds!;
  const idStart = (i: number) => (i === 0 ? 0 : idEnds[i - 1]!);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    let idEnd = 0;
    for (let k = start; k < end; k++) idEnd += idEnds[order[k]!]! - idStart(order[k]!);
    out.idBytes = new Uint8Array(idEnd);
    idEnd = 0;
    for (let k = start; k < end; k++) {
      const i = order[k]!;
      const j = k - start;
      out.tMs[j] = all.tMs[i]!;
      out.waba[j] = all.waba[i]!;
      out.phone[j] = all.phone[i]!;
      out.user[j] = all.user[i]!;
      out.pair[j] = all.pair[i]!;
      out.country[j] = all.country[i]!;
      out.direction[j] = all.direction[i]!;
      out.type[j] = all.type[i]!;
      out.category[j] = all.category[i]!;
      out.entryPoint[j] = all.entryPoint[i]!;
      out.device[j] = all.device[i]!;
      out.status[j] = all.status[i]!;
      out.lines[j] = all.lines![i]!;
      out.userDigits![j] = all.userDigits![i]!;
      out.idBytes.set(idBytes.subarray(idStart(i), idEnds[i]!), idEnd);
      idEnd += idEnds[i]! - idStart(i);
      out.idEnds[j] = idEnd;
    }
    out.length = end - start;
    yield out;
  }
}
