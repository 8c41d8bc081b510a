import type {CompiledAccounts} from "../../models/accounts/compiled-accounts.ts";
import {addPhone} from "../../models/accounts/compiled-accounts.ts";
import type {LogBatch} from "../log/message-log-reader.ts";
import {MESSAGE_COLUMNS} from "../message-batch.ts";
import type {MessageBatch} from "../message-batch.ts";
import {copyIntoSlot} from "./batch-slots.ts";
import type {BatchSlot} from "./batch-slots.ts";

type Column = (typeof MESSAGE_COLUMNS)[number];

/**
 * A batch on its way to the billing thread: its used rows, plus what the shared dictionaries and
 * the accounts gained since the previous batch (the reader adds users, types and phones as the
 * log names them; the thread adds them in the same order, so indices agree).
 */
export interface BatchTransfer {
  length: number;
  source: string | null;
  /** The shared slot holding the rows (`batch-slots.ts`), or -1: they come in this message. */
  slot: number;
  /**
   * Without a slot, the used rows of each column (typed arrays keep their types through a
   * structured clone); null with one, as are the other arrays.
   */
  columns: Pick<MessageBatch, Column> | null;
  lines: Uint32Array | null;
  idBytes: Uint8Array | null;
  idEnds: Uint32Array | null;
  /** Each row's user as its digits' value (a log reader's batch), or null. */
  userDigits: Float64Array | null;
  /** The reader left `user`, `pair` and `country` to the billing thread (`deferUsers`). */
  usersDeferred: boolean;
  idPrefix: string;
  idStart: number;
  newUsers: string[];
  newTypes: string[];
  newPhones: {waba: number; number: string | null}[];
}

/** How much of the dictionaries and accounts the other thread has seen. */
export interface TransferMark {
  users: number;
  types: number;
  phones: number;
}

/**
 * A batch as a message to post at once, and moves `mark` past what it sends. Its rows go into
 * `slot` (a free shared slot and its number) when they fit; otherwise the message carries them
 * (its arrays are views of the reader's, which it reuses: posting copies them).
 * NOTE (perf): posted as a copy, not transferred: detaching a buffer (a transfer) invalidates
 * V8's ArrayBufferDetaching protector, after which every typed-array access in the thread's
 * optimized code checks for detached buffers (a one-thread `walab bill` of 1 M lines after one
 * detach: ~1.9-2.0 s instead of ~1.55-1.8 s on a loaded machine). The copy replaces the one
 * into fresh buffers that a transfer needed.
 */
export function packBatch(
  batch: MessageBatch | LogBatch,
  accounts: CompiledAccounts,
  mark: TransferMark,
  slot: {number: number; views: BatchSlot} | null = null,
): BatchTransfer {
  const n = batch.length;
  const usersDeferred = "usersDeferred" in batch && batch.usersDeferred;
  const inSlot =
    slot !== null &&
    "userDigits" in batch &&
    batch.userDigits !== null &&
    copyIntoSlot({...batch, userDigits: batch.userDigits}, slot.views, !usersDeferred);
  const idEnds = inSlot || batch.idEnds === null ? null : batch.idEnds.subarray(0, n);
  const transfer: BatchTransfer = {
    length: n,
    source: batch.source,
    slot: inSlot ? slot.number : -1,
    columns: inSlot ? null : columnsOf(batch),
    lines: inSlot || batch.lines === null ? null : batch.lines.subarray(0, n),
    idBytes:
      batch.idBytes === null || idEnds === null
        ? null
        : batch.idBytes.subarray(0, n === 0 ? 0 : idEnds[n - 1]!),
    idEnds,
    userDigits:
      !inSlot && "userDigits" in batch && batch.userDigits !== null
        ? batch.userDigits.subarray(0, n)
        : null,
    usersDeferred,
    idPrefix: batch.idPrefix,
    idStart: batch.idStart,
    newUsers: batch.users.slice(mark.users),
    newTypes: batch.types.slice(mark.types),
    newPhones: accounts.phones.slice(mark.phones).map((p) => ({waba: p.waba, number: p.number})),
  };
  mark.users = batch.users.length;
  mark.types = batch.types.length;
  mark.phones = accounts.phones.length;
  return transfer;
}

/** The used rows of each column of `batch`, as views. */
function columnsOf(batch: MessageBatch): Pick<MessageBatch, Column> {
  const columns = {} as Pick<MessageBatch, Column>;
  for (const name of MESSAGE_COLUMNS)
    (columns as Record<Column, ArrayBufferView>)[name] = batch[name].subarray(0, batch.length);
  return columns;
}

/**
 * The batch again, on the billing thread's dictionaries and accounts (extended first); its rows
 * are those of the message or of its slot among `slots` (valid until the slot is used again).
 */
export function unpackBatch(
  transfer: BatchTransfer,
  accounts: CompiledAccounts,
  users: string[],
  types: string[],
  slots: readonly BatchSlot[] = [],
): MessageBatch & {userDigits: Float64Array | null} {
  for (const user of transfer.newUsers) users.push(user);
  for (const type of transfer.newTypes) types.push(type);
  for (const phone of transfer.newPhones) addPhone(accounts, phone.waba, phone.number);
  const slot = transfer.slot < 0 ? null : slots[transfer.slot]!;
  return {
    length: transfer.length,
    ...(slot ?? transfer.columns!),
    source: transfer.source,
    lines: slot?.lines ?? transfer.lines,
    idBytes: slot?.idBytes ?? transfer.idBytes,
    idEnds: slot?.idEnds ?? transfer.idEnds,
    idPrefix: transfer.idPrefix,
    idStart: transfer.idStart,
    users,
    types,
    userDigits: slot?.userDigits ?? transfer.userDigits,
  };
}
