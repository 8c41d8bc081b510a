import {MESSAGE_COLUMNS} from "../message-batch.ts";
import type {MessageBatch} from "../message-batch.ts";

/**
 * A batch's columns in shared memory: the reading thread copies a batch into a free slot and
 * posts only its number; the billing thread reads the columns where they are.
 * NOTE (perf): posting a batch's columns as a structured clone serialized ~0.5 MB a batch on the
 * reading thread and deserialized it into fresh buffers on the billing thread: ~5,000 page faults
 * (~10 us each here) and two copies per 1 M lines. Shared memory cannot be detached, so V8's
 * ArrayBufferDetaching protector stays intact (see packBatch).
 */
export type BatchSlot = Pick<MessageBatch, (typeof MESSAGE_COLUMNS)[number]> & {
  userDigits: Float64Array;
  lines: Uint32Array;
  idEnds: Uint32Array;
  idBytes: Uint8Array;
};

/** What a slot's memory holds, and how many: the same numbers make the same views on both threads. */
export interface BatchSlotLayout {
  rows: number;
  idBytes: number;
  buffers: SharedArrayBuffer[];
}

/** Bytes of a slot's rows, by column, widest first (each column stays aligned). */
const WIDTHS = {
  tMs: 8,
  userDigits: 8,
  waba: 4,
  phone: 4,
  user: 4,
  pair: 4,
  lines: 4,
  idEnds: 4,
  country: 2,
  direction: 1,
  type: 1,
  category: 1,
  entryPoint: 1,
  device: 1,
  status: 1,
} as const;
const ROW_BYTES = Object.values(WIDTHS).reduce((sum: number, width) => sum + width, 0);

/**
 * Creates `count` slots of `rows` rows and `idBytes` bytes of ids each. Only the memory that
 * batches fill is ever touched.
 */
export function createBatchSlotLayout(
  count: number,
  rows: number,
  idBytes: number,
): BatchSlotLayout {
  const bytes = rows * ROW_BYTES + idBytes;
  return {rows, idBytes, buffers: Array.from({length: count}, () => new SharedArrayBuffer(bytes))};
}

/** The views of each slot of a layout (made once per thread). */
export function slotViews(layout: BatchSlotLayout): BatchSlot[] {
  const {rows} = layout;
  return layout.buffers.map((buffer) => {
    let at = 0;
    /** The next column's place, `width` bytes a row. */
    const next = (width: number): number => {
      const start = at;
      at += width * rows;
      return start;
    };
    return {
      tMs: new Float64Array(buffer, next(WIDTHS.tMs), rows),
      userDigits: new Float64Array(buffer, next(WIDTHS.userDigits), rows),
      waba: new Uint32Array(buffer, next(WIDTHS.waba), rows),
      phone: new Uint32Array(buffer, next(WIDTHS.phone), rows),
      user: new Uint32Array(buffer, next(WIDTHS.user), rows),
      pair: new Uint32Array(buffer, next(WIDTHS.pair), rows),
      lines: new Uint32Array(buffer, next(WIDTHS.lines), rows),
      idEnds: new Uint32Array(buffer, next(WIDTHS.idEnds), rows),
      country: new Uint16Array(buffer, next(WIDTHS.country), rows),
      direction: new Uint8Array(buffer, next(WIDTHS.direction), rows),
      type: new Uint8Array(buffer, next(WIDTHS.type), rows),
      category: new Uint8Array(buffer, next(WIDTHS.category), rows),
      entryPoint: new Uint8Array(buffer, next(WIDTHS.entryPoint), rows),
      device: new Uint8Array(buffer, next(WIDTHS.device), rows),
      status: new Uint8Array(buffer, next(WIDTHS.status), rows),
      idBytes: new Uint8Array(buffer, next(0), layout.idBytes),
    };
  });
}

/**
 * Copies the used rows of `batch` (a log reader's, with each row's user digits) into `slot`;
 * false, copying nothing, when they do not fit. Without `users` the rows' `user`, `pair` and
 * `country` are left for the billing thread to set (the reader's `deferUsers`).
 */
export function copyIntoSlot(
  batch: MessageBatch & {userDigits: Float64Array},
  slot: BatchSlot,
  users: boolean,
): boolean {
  const n = batch.length;
  const idEnd = n === 0 || batch.idEnds === null ? 0 : batch.idEnds[n - 1]!;
  if (n > slot.tMs.length || idEnd > slot.idBytes.length) return false;
  if (batch.idBytes === null || batch.idEnds === null || batch.lines === null) return false;
  for (const name of MESSAGE_COLUMNS) {
    if (!users && (name === "user" || name === "pair" || name === "country")) continue;
    slot[name].set(batch[name].subarray(0, n) as never);
  }
  slot.userDigits.set(batch.userDigits.subarray(0, n));
  slot.lines.set(batch.lines.subarray(0, n));
  slot.idEnds.set(batch.idEnds.subarray(0, n));
  slot.idBytes.set(batch.idBytes.subarray(0, idEnd));
  return true;
}
