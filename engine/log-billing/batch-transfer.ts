import type {CompiledAccounts} from "../../models/accounts/compiled-accounts.ts";
import {addPhone} from "../../models/accounts/compiled-accounts.ts";
import type {LogBatch} from "../log/message-log-reader.ts";
import {MESSAGE_COLUMNS} from "../message-batch.ts";
import type {MessageBatch} from "../message-batch.ts";

type Column = (typeof MESSAGE_COLUMNS)[number];

/**
 * A batch on its way to the billing thread: its used rows, plus what the shared dictionaries and
 * the accounts gained since the previous batch (the reader adds users, types and phones as the
 * log names them; the thread adds them in the same order, so indices agree).
 */
export interface BatchTransfer {
  length: number;
  source: string | null;
  /** The used rows of each column (typed arrays keep their types through a structured clone). */
  columns: Pick<MessageBatch, Column>;
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
 * Copies a batch for posting (the reader reuses its arrays) and moves `mark` past what it sends.
 * Returns the transfer and the buffers to hand over rather than clone.
 */
export function packBatch(
  batch: MessageBatch | LogBatch,
  accounts: CompiledAccounts,
  mark: TransferMark,
): {transfer: BatchTransfer; buffers: ArrayBuffer[]} {
  const n = batch.length;
  const columns = {} as Pick<MessageBatch, Column>;
  const buffers: ArrayBuffer[] = [];
  for (const name of MESSAGE_COLUMNS) {
    const copy = batch[name].slice(0, n);
    (columns as Record<Column, ArrayBufferView>)[name] = copy;
    buffers.push(copy.buffer as ArrayBuffer);
  }
  const lines = batch.lines === null ? null : batch.lines.slice(0, n);
  const idEnds = batch.idEnds === null ? null : batch.idEnds.slice(0, n);
  const idBytes =
    batch.idBytes === null || idEnds === null
      ? null
      : batch.idBytes.slice(0, n === 0 ? 0 : idEnds[n - 1]!);
  const userDigits =
    "userDigits" in batch && batch.userDigits !== null ? batch.userDigits.slice(0, n) : null;
  for (const array of [lines, idEnds, idBytes, userDigits])
    if (array !== null) buffers.push(array.buffer as ArrayBuffer);
  const transfer: BatchTransfer = {
    length: n,
    source: batch.source,
    columns,
    lines,
    idBytes,
    idEnds,
    userDigits,
    usersDeferred: "usersDeferred" in batch && batch.usersDeferred,
    idPrefix: batch.idPrefix,
    idStart: batch.idStart,
    newUsers: batch.users.slice(mark.users),
    newTypes: batch.types.slice(mark.types),
    newPhones: accounts.phones.slice(mark.phones).map((p) => ({waba: p.waba, number: p.number})),
  };
  mark.users = batch.users.length;
  mark.types = batch.types.length;
  mark.phones = accounts.phones.length;
  return {transfer, buffers};
}

/** The batch again, on the billing thread's dictionaries and accounts (extended first). */
export function unpackBatch(
  transfer: BatchTransfer,
  accounts: CompiledAccounts,
  users: string[],
  types: string[],
): MessageBatch & {userDigits: Float64Array | null} {
  for (const user of transfer.newUsers) users.push(user);
  for (const type of transfer.newTypes) types.push(type);
  for (const phone of transfer.newPhones) addPhone(accounts, phone.waba, phone.number);
  return {
    length: transfer.length,
    ...transfer.columns,
    source: transfer.source,
    lines: transfer.lines,
    idBytes: transfer.idBytes,
    idEnds: transfer.idEnds,
    idPrefix: transfer.idPrefix,
    idStart: transfer.idStart,
    users,
    types,
    userDigits: transfer.userDigits,
  };
}
