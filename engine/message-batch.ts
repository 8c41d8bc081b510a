import {NO_CATEGORY, TEMPLATE_TYPE} from "../models/codes.ts";

/**
 * A time-ordered block of messages as columns: typed arrays of integer codes plus the string
 * dictionaries they index. Producers (the log reader, the simulator) fill it; the billing kernel
 * reads it. Codes are those of `models/codes.ts`.
 */
export interface MessageBatch {
  /** Number of rows in use; the arrays may be longer. */
  length: number;
  /** Time in ms since the epoch (UTC); for outbound messages the delivery time. */
  tMs: Float64Array;
  /** Compiled-accounts WABA index. */
  waba: Uint32Array;
  /** Compiled-accounts business phone index. */
  phone: Uint32Array;
  /** Index into `users` (the customer's E.164 number). */
  user: Uint32Array;
  /** Conversation key: a dense index of (business phone, user), assigned by the producer. */
  pair: Uint32Array;
  /** Market-attribution country of the user (models/markets `countryOf`), fixed per number. */
  country: Uint16Array;
  /** DIRECTION code. */
  direction: Uint8Array;
  /** Index into `types`; TEMPLATE_TYPE (0) is `template`. */
  type: Uint8Array;
  /** TEMPLATE_CATEGORY code, NO_CATEGORY for non-templates. */
  category: Uint8Array;
  /** ENTRY_POINT code (inbound). */
  entryPoint: Uint8Array;
  /** DEVICE code (inbound). */
  device: Uint8Array;
  /** STATUS code (outbound). */
  status: Uint8Array;
  /** Where the rows come from, for error paths: a file name and each row's line, or null. */
  source: string | null;
  lines: Uint32Array | null;
  /**
   * Message ids as the UTF-8 bytes of their JSON string contents (escaped, without the quotes),
   * row after row, the row's id ending at `idEnds[row]`; `null` when ids are
   * `idPrefix + (idStart + row)`.
   * NOTE (perf): a log's ids stay bytes from the line to the charge record; no string per message.
   */
  idBytes: Uint8Array | null;
  idEnds: Uint32Array | null;
  idPrefix: string;
  idStart: number;
  /** Shared, growing dictionaries (the same objects across the batches of one stream). */
  users: string[];
  types: string[];
}

/**
 * Rows of the batches the log reader and the simulator fill, unless told.
 * NOTE (perf): small enough that a batch's columns, its charge columns and its encoded records
 * (~1.5 MB) stay in the caches from reading or simulating to billing and encoding, and that
 * little of their memory is ever new (touching memory for the first time costs ~2 ms a MB on
 * this VM). Against 65,536 rows: `walab bill` of 1 M lines ~1.1-1.35 -> ~0.8-0.95 s on 2 threads
 * (one thread ~1.5 -> ~1.25 s); simulate+bill of otp-fintech-in-id ~1.6-1.8 -> ~1.95-2.1 M msg/s
 * and of loja-br-ecommerce ~1.2-1.65 -> ~1.45-1.9 M msg/s. 4,096 and 16,384 measured no better.
 */
export const BATCH_ROWS = 8192;

/** The per-row message columns of a batch (not `lines` or the ids). */
export const MESSAGE_COLUMNS = [
  "tMs",
  "waba",
  "phone",
  "user",
  "pair",
  "country",
  "direction",
  "type",
  "category",
  "entryPoint",
  "device",
  "status",
] as const;

/** Creates an empty batch with room for `capacity` rows, sharing the given dictionaries. */
export function createMessageBatch(
  capacity: number,
  users: string[] = [],
  types: string[] = ["template"],
): MessageBatch {
  if (types[TEMPLATE_TYPE] !== "template") throw new Error("types[0] must be 'template'");
  return {
    length: 0,
    tMs: new Float64Array(capacity),
    waba: new Uint32Array(capacity),
    phone: new Uint32Array(capacity),
    user: new Uint32Array(capacity),
    pair: new Uint32Array(capacity),
    country: new Uint16Array(capacity),
    direction: new Uint8Array(capacity),
    type: new Uint8Array(capacity),
    category: new Uint8Array(capacity).fill(NO_CATEGORY),
    entryPoint: new Uint8Array(capacity),
    device: new Uint8Array(capacity),
    status: new Uint8Array(capacity),
    source: null,
    lines: null,
    idBytes: null,
    idEnds: null,
    idPrefix: "",
    idStart: 0,
    users,
    types,
  };
}

/** The row capacity of a batch (the length of its columns). */
export function batchCapacity(batch: MessageBatch): number {
  return batch.tMs.length;
}

/** Where a row came from, for error paths: `file:line`, or `message <id>`. */
export function rowPath(batch: MessageBatch, row: number): string {
  return batch.source !== null && batch.lines !== null
    ? `${batch.source}:${batch.lines[row]}`
    : `message ${messageIdAt(batch, row)}`;
}

const utf8 = new TextDecoder();

/** The message id of a row. */
export function messageIdAt(batch: MessageBatch, row: number): string {
  if (batch.idBytes === null || batch.idEnds === null)
    return batch.idPrefix + String(batch.idStart + row);
  const start = row === 0 ? 0 : batch.idEnds[row - 1]!;
  return JSON.parse(
    `"${utf8.decode(batch.idBytes.subarray(start, batch.idEnds[row]!))}"`,
  ) as string;
}
