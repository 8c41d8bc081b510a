import {
  DEVICE_NAMES,
  DIRECTION,
  DIRECTION_NAMES,
  ENTRY_POINT_NAMES,
  NO_CATEGORY,
  STATUS_NAMES,
  TEMPLATE_CATEGORY_NAMES,
  TEMPLATE_TYPE,
} from "../../models/codes.ts";
import {addPhone} from "../../models/accounts/index.ts";
import type {CompiledAccounts} from "../../models/accounts/index.ts";
import {InputError} from "../../models/input-error.ts";
import type {MarketTable} from "../../models/markets/index.ts";
import {BATCH_ROWS, batchCapacity, createMessageBatch, MESSAGE_COLUMNS} from "../message-batch.ts";
import type {MessageBatch} from "../message-batch.ts";
import {parseIsoInstant} from "./iso-instant.ts";
import {sortedBatches} from "./sorted-batches.ts";
import {
  COMPACT,
  COMPACT_SLOTS,
  hashBytes,
  readCompactLine,
  valuesOfOffsets,
} from "./compact-line.ts";
import {FIELD, FIELD_COUNT, scanLine} from "./ndjson-scanner.ts";
import {createNumberIndex} from "./number-index.ts";
import {createUserInterner} from "./user-interner.ts";

const E164 = /^\+[1-9]\d{4,14}$/;
const codes = (names: readonly string[]) =>
  new Map(names.map((name, code) => [name, code] as const));
const TEMPLATE_CATEGORY_CODE = codes(TEMPLATE_CATEGORY_NAMES);
const DIRECTION_CODE = codes(DIRECTION_NAMES);
const ENTRY_POINT_CODE = codes(ENTRY_POINT_NAMES);
const DEVICE_CODE = codes(DEVICE_NAMES);
const STATUS_CODE = codes(STATUS_NAMES);
/** The log's keys (formats.md §2), in the order an unknown key's error lists them. */
const FIELDS = new Set(Object.keys(FIELD));
const MAX_TYPES = 255;

/** Reads an NDJSON message log (formats.md §2) line by line into message batches. */
export interface MessageLogReader {
  /** Parses one line (blank lines are skipped); may hand a full batch to `onBatch`. */
  push(line: string): void;
  /** The same for the UTF-8 bytes [start, end) of a line, without decoding most of them. */
  pushBytes(bytes: Uint8Array, start: number, end: number): void;
  /** Hands over what is left (sorted first with `sort`). */
  end(): void;
  /** The user dictionary (E.164 numbers) shared by every batch. */
  readonly users: string[];
  /** Lines read so far. */
  readonly lineCount: number;
}

export interface MessageLogReaderOptions {
  /** File name for error paths. */
  file?: string;
  /** Rows per batch (default `BATCH_ROWS`). */
  batchSize?: number;
  /** Sort by time (stable) before handing batches over; out-of-order times are then no error. */
  sort?: boolean;
  /**
   * Leaves `user`, `pair` and `country` unset and gives each row's user as its digits' value in
   * `userDigits`, for a `UserInterner` on another thread (not with `sort`: users and pairs are
   * numbered in the order lines are read).
   */
  deferUsers?: boolean;
}

/**
 * A batch of the reader, with each row's user also as the value of its E.164 digits; with
 * `deferUsers` (`usersDeferred`), only that way.
 */
export type LogBatch = MessageBatch & {userDigits: Float64Array | null; usersDeferred: boolean};

/**
 * Creates a reader that validates each line and fills batches of integer codes. Users are
 * interned once (their market-attribution country computed then), (phone, user) pairs get dense
 * ids, phones a WABA does not list are added as the log names them. The batch handed to
 * `onBatch` is reused: bill it before returning.
 * @throws InputError naming `file:line#field` and what was expected.
 */
export function createMessageLogReader(
  accounts: CompiledAccounts,
  markets: MarketTable,
  onBatch: (batch: LogBatch) => void,
  options: MessageLogReaderOptions = {},
): MessageLogReader {
  const file = options.file ?? "messages";
  const batchSize = options.batchSize ?? BATCH_ROWS;
  const sorting = options.sort === true;
  const deferUsers = options.deferUsers === true && !sorting;
  const interner = createUserInterner(markets);
  const users = interner.users;
  const types: string[] = ["template"];
  const typeIndex = new Map<string, number>([["template", TEMPLATE_TYPE]]);
  let batch = createLogBatch(sorting ? 1024 : batchSize);
  /** Where the next id's bytes go in `batch.idBytes`. */
  let idEnd = 0;
  let lineNumber = 0;
  /**
   * The last line's time.
   * NOTE (perf): in a typed array, not a closure variable: a closure's variable holds a double as
   * a heap number, a new one (and a write barrier) at every line read.
   */
  const lastTime = new Float64Array([-Infinity]);
  // phones by the numeric value of their digits (exact: E.164 has at most 15)
  const phoneByDigits = createNumberIndex();
  accounts.phones.forEach(
    (phone, p) => phone.number !== null && phoneByDigits.set(Number(phone.number.slice(1)), p),
  );
  const wabaTable = createWabaTable(accounts.wabas.map((waba) => waba.id));
  /**
   * Each WABA's phone for a line without one (formats.md §2, R-18): its only listed number, or
   * once a line has named it, the implicit phone of a WABA that lists none; -1 leaves the line to
   * `parse` (a WABA with several numbers, or before its implicit phone exists).
   */
  const phoneWithout = new Int32Array(accounts.wabas.length).fill(-1);
  accounts.wabas.forEach((waba, w) => {
    if (waba.listsPhones && waba.phones.length === 1) phoneWithout[w] = waba.phones[0]!;
  });
  /** `types` as bytes, for the fast path (`parse` adds types; `typeCodeOf` catches up). */
  const typeBytes: Uint8Array[] = [];
  const offsets = new Int32Array(2 * FIELD_COUNT);
  const values = new Float64Array(COMPACT_SLOTS);
  const decoder = new TextDecoder();

  const fail = (field: string, message: string, value?: unknown, expected?: string): never => {
    throw new InputError({
      path: `${file}:${lineNumber}${field === "" ? "" : "#" + field}`,
      message,
      value,
      expected,
    });
  };

  function createLogBatch(capacity: number): LogBatch {
    const created: LogBatch = {
      ...createMessageBatch(capacity, users, types),
      userDigits: new Float64Array(capacity),
      usersDeferred: deferUsers,
    };
    created.source = file;
    created.lines = new Uint32Array(capacity);
    created.idBytes = new Uint8Array(capacity * 16);
    created.idEnds = new Uint32Array(capacity);
    return created;
  }

  function code(map: ReadonlyMap<string, number>, field: string, value: unknown): number {
    const c = typeof value === "string" ? map.get(value) : undefined;
    if (c === undefined)
      fail(
        field,
        value === undefined ? `missing ${field}` : "unknown value",
        value,
        [...map.keys()].join(", "),
      );
    return c!;
  }

  function resolveWaba(value: unknown): number {
    if (value === undefined) {
      if (accounts.wabas.length === 1) return 0;
      return fail(
        "waba",
        "missing WABA",
        undefined,
        `one of ${accounts.wabas.map((w) => w.id).join(", ")} (the accounts have several)`,
      );
    }
    const w = typeof value === "string" ? accounts.wabaById.get(value) : undefined;
    if (w === undefined)
      fail(
        "waba",
        "WABA not in the accounts file",
        value,
        accounts.wabas.map((x) => x.id).join(", "),
      );
    return w!;
  }

  function resolvePhone(w: number, value: unknown): number {
    const waba = accounts.wabas[w]!;
    if (value === undefined) return defaultPhone(w);
    if (typeof value !== "string" || !E164.test(value))
      fail("phone", "invalid phone", value, "E.164, e.g. +551130004000");
    const phone = accounts.phoneByKey.get(`${w} ${value}`);
    if (phone !== undefined) return phone;
    if (waba.listsPhones)
      fail(
        "phone",
        `phone not listed for WABA ${waba.id}`,
        value,
        waba.phones.map((p) => accounts.phones[p]!.number).join(", "),
      );
    const added = addPhone(accounts, w, value as string);
    phoneByDigits.set(Number((value as string).slice(1)), added);
    return added;
  }

  /**
   * formats.md §2, R-18: without `phone`, the WABA's only listed number; a WABA that lists none
   * has one implicit phone (no number), kept apart from the numbers the log names.
   */
  function defaultPhone(w: number): number {
    const waba = accounts.wabas[w]!;
    if (!waba.listsPhones)
      return (phoneWithout[w] = accounts.phoneByKey.get(`${w} `) ?? addPhone(accounts, w, null));
    if (waba.phones.length === 1) return waba.phones[0]!;
    return fail(
      "phone",
      "missing business phone",
      undefined,
      `one of ${waba.phones.map((p) => accounts.phones[p]!.number).join(", ")} (R-18: the WABA has several)`,
    );
  }

  function grow(): void {
    const bigger = createLogBatch(batchCapacity(batch) * 2);
    for (const key of [...MESSAGE_COLUMNS, "lines", "idEnds"] as const) {
      (bigger[key] as Uint8Array).set(batch[key] as Uint8Array);
    }
    if (batch.userDigits !== null) bigger.userDigits!.set(batch.userDigits);
    bigger.idBytes = batch.idBytes;
    bigger.length = batch.length;
    batch = bigger;
  }

  function push(line: string): void {
    lineNumber++;
    parse(line);
  }

  function pushBytes(bytes: Uint8Array, start: number, end: number): void {
    lineNumber++;
    const read =
      readCompactLine(bytes, start, end, values) ||
      (scanLine(bytes, start, end, offsets) && valuesOfOffsets(bytes, offsets, values));
    if (!read || !appendValues(bytes)) parse(decoder.decode(bytes.subarray(start, end)));
  }

  /** Parses a line with JSON.parse and validates every field, naming the first problem. */
  function parse(line: string): void {
    if (line.trim() === "") return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      fail(
        "",
        "invalid JSON",
        line.length > 80 ? line.slice(0, 77) + "..." : line,
        "one JSON object per line",
      );
    }
    if (typeof record !== "object" || record === null || Array.isArray(record))
      fail("", "not a JSON object", record);
    const m = record as Record<string, unknown>;
    for (const key in m)
      if (!FIELDS.has(key)) fail(key, "unknown field", m[key], [...FIELDS].join(", "));

    const tMs = typeof m.time === "string" ? parseIsoInstant(m.time) : NaN;
    if (Number.isNaN(tMs))
      fail(
        "time",
        m.time === undefined ? "missing time" : "invalid time",
        m.time,
        "ISO 8601 with an offset or Z, e.g. 2024-03-04T10:00:00-03:00",
      );
    if (!sorting && tMs < lastTime[0]!)
      fail(
        "time",
        "time earlier than the previous line's",
        m.time,
        "lines in time order (or --sort)",
      );
    lastTime[0] = tMs;
    if (m.id !== undefined && typeof m.id !== "string") fail("id", "invalid id", m.id, "a string");
    const w = resolveWaba(m.waba);
    const phone = resolvePhone(w, m.phone);
    if (typeof m.user !== "string" || !E164.test(m.user))
      fail(
        "user",
        m.user === undefined ? "missing user" : "invalid user",
        m.user,
        "E.164, e.g. +5511987654321",
      );
    const user = m.user as string;
    const direction = code(DIRECTION_CODE, "direction", m.direction);
    if (typeof m.type !== "string" || m.type === "")
      fail(
        "type",
        m.type === undefined ? "missing type" : "invalid type",
        m.type,
        "template or a WhatsApp message type",
      );
    const type = m.type as string;
    let typeCode = typeIndex.get(type);
    if (typeCode === undefined) {
      if (types.length >= MAX_TYPES)
        fail("type", "too many message types", type, `at most ${MAX_TYPES}`);
      typeCode = types.length;
      types.push(type);
      typeIndex.set(type, typeCode);
    }
    let category = NO_CATEGORY;
    if (typeCode === TEMPLATE_TYPE) category = code(TEMPLATE_CATEGORY_CODE, "category", m.category);
    else if (m.category !== undefined)
      fail(
        "category",
        "category on a non-template message",
        m.category,
        "no category unless type is template",
      );
    const inbound = direction === DIRECTION.inbound;
    if (!inbound && m.entryPoint !== undefined)
      fail(
        "entryPoint",
        "entry point on an outbound message",
        m.entryPoint,
        "entryPoint only on inbound messages",
      );
    if (!inbound && m.device !== undefined)
      fail("device", "device on an outbound message", m.device, "device only on inbound messages");
    if (inbound && m.status !== undefined)
      fail("status", "status on an inbound message", m.status, "status only on outbound messages");
    const entryPoint =
      m.entryPoint === undefined ? 0 : code(ENTRY_POINT_CODE, "entryPoint", m.entryPoint);
    const device = m.device === undefined ? 0 : code(DEVICE_CODE, "device", m.device);
    const status = m.status === undefined ? 0 : code(STATUS_CODE, "status", m.status);

    if (m.id === undefined) putLineNumberId();
    else putIdBytesOf(JSON.stringify(m.id).slice(1, -1));
    append(
      tMs,
      w,
      phone,
      Number(user.slice(1)),
      direction,
      typeCode,
      category,
      entryPoint,
      device,
      status,
    );
  }

  /**
   * The fast path: a line of the simple shape, its values read from its bytes (`readCompactLine`,
   * or `scanLine` with whitespace), is appended if they are all valid here too; false hands the
   * line to `parse` (which also words any error).
   */
  function appendValues(bytes: Uint8Array): boolean {
    const v = values;
    const tMs = v[COMPACT.time]!;
    if (!sorting && tMs < lastTime[0]!) return false;
    let w = 0;
    if (v[COMPACT.waba]! >= 0) {
      w = wabaOfHash(bytes, v[COMPACT.waba]!, v[COMPACT.wabaEnd]!, v[COMPACT.wabaHash]!);
      if (w < 0) return false;
    } else if (accounts.wabas.length !== 1) return false;
    const phone = phoneOf(w, v[COMPACT.phone]!);
    if (phone < 0) return false;
    const direction = v[COMPACT.direction]!;
    const typeCode = typeCodeOf(bytes, v[COMPACT.type]!, v[COMPACT.typeEnd]!);
    if (typeCode < 0) return false;
    let category = NO_CATEGORY;
    if (typeCode === TEMPLATE_TYPE) {
      category = v[COMPACT.category]!;
      if (category < 0) return false;
    } else if (v[COMPACT.category]! >= 0) return false;
    const entryPoint = v[COMPACT.entryPoint]!;
    const device = v[COMPACT.device]!;
    const status = v[COMPACT.status]!;
    if (direction === DIRECTION.inbound ? status >= 0 : entryPoint >= 0 || device >= 0)
      return false;
    lastTime[0] = tMs;
    // the scanners let through printable ASCII without escapes: already a JSON string's contents
    if (v[COMPACT.id]! < 0) putLineNumberId();
    else putIdBytes(bytes, v[COMPACT.id]!, v[COMPACT.idEnd]!);
    append(
      tMs,
      w,
      phone,
      v[COMPACT.user]!,
      direction,
      typeCode,
      category,
      entryPoint < 0 ? 0 : entryPoint,
      device < 0 ? 0 : device,
      status < 0 ? 0 : status,
    );
    return true;
  }

  /** The WABA whose id the bytes [s, e) spell, given their hash, or -1. */
  function wabaOfHash(bytes: Uint8Array, s: number, e: number, hash: number): number {
    const {slots, mask, ids} = wabaTable;
    for (let slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const w = slots[2 * slot + 1]! - 1;
      if (w < 0) return -1;
      if (slots[2 * slot] !== (hash | 0)) continue;
      // ids sharing a hash have a slot each: the one whose bytes match
      const id = ids[w]!;
      if (id.length !== e - s) continue;
      let k = 0;
      while (k < id.length && bytes[s + k] === id[k]) k++;
      if (k === id.length) return w;
    }
  }

  /**
   * The listed phone of WABA `w` whose digits have the value `digits`, or without a phone (-1)
   * the WABA's only one; -1 when the line needs `parse` (an unlisted phone, R-18's choices).
   */
  function phoneOf(w: number, digits: number): number {
    if (digits >= 0) {
      const found = phoneByDigits.get(digits);
      return found >= 0 && accounts.phones[found]!.waba === w ? found : -1;
    }
    return phoneWithout[w]!;
  }

  /** The code of the type the bytes [s, e) spell, or -1 for a type no line has had yet. */
  function typeCodeOf(bytes: Uint8Array, s: number, e: number): number {
    for (let c = typeBytes.length; c < types.length; c++)
      typeBytes.push(idEncoder.encode(types[c]));
    const n = e - s;
    for (let c = 0; c < typeBytes.length; c++) {
      const type = typeBytes[c]!;
      if (type.length !== n) continue;
      let k = 0;
      while (k < n && bytes[s + k] === type[k]) k++;
      if (k === n) return c;
    }
    return -1;
  }

  /**
   * Appends the id bytes [from, to) of a line (JSON string contents) to the batch's pool.
   * NOTE (perf): only lines' bytes come here (one kind of array: the copy loop stays monomorphic);
   * an id of `parse` goes through `putIdBytesOf`.
   */
  function putIdBytes(bytes: Uint8Array, from: number, to: number): void {
    const at = idEnd;
    const n = to - from;
    const pool = idPool(at + n);
    for (let k = 0; k < n; k++) pool[at + k] = bytes[from + k]!;
    endId(at + n);
  }

  /** formats.md §2: a line without `id` is named by its line number. */
  function putLineNumberId(): void {
    putIdBytesOf(String(lineNumber));
  }

  function putIdBytesOf(json: string): void {
    const encoded = idEncoder.encode(json);
    idPool(idEnd + encoded.length).set(encoded, idEnd);
    endId(idEnd + encoded.length);
  }

  /** The batch's id pool, grown to hold at least `bytes`. */
  function idPool(bytes: number): Uint8Array {
    const pool = batch.idBytes!;
    if (bytes <= pool.length) return pool;
    const bigger = new Uint8Array(Math.max(pool.length * 2, bytes));
    bigger.set(pool.subarray(0, idEnd));
    return (batch.idBytes = bigger);
  }

  /** Ends the id of the row being read at `to` in the pool. */
  function endId(to: number): void {
    idEnd = to;
    if (batch.length === batchCapacity(batch)) grow();
    batch.idEnds![batch.length] = to;
  }

  /** Appends the row whose id `putIdBytes` has just stored. */
  function append(
    tMs: number,
    w: number,
    phone: number,
    userDigits: number,
    direction: number,
    typeCode: number,
    category: number,
    entryPoint: number,
    device: number,
    status: number,
  ): void {
    if (batch.length === batchCapacity(batch)) grow();
    const i = batch.length++;
    batch.tMs[i] = tMs;
    batch.waba[i] = w;
    batch.phone[i] = phone;
    batch.userDigits![i] = userDigits;
    if (!deferUsers) {
      const user = interner.userOf(userDigits);
      batch.user[i] = user;
      batch.pair[i] = interner.pairOf(phone, user);
      batch.country[i] = interner.countryOf(user);
    }
    batch.direction[i] = direction;
    batch.type[i] = typeCode;
    batch.category[i] = category;
    batch.entryPoint[i] = entryPoint;
    batch.device[i] = device;
    batch.status[i] = status;
    batch.lines![i] = lineNumber;
    if (!sorting && batch.length === batchSize) flush();
  }

  function flush(): void {
    if (batch.length === 0) return;
    onBatch(batch);
    batch.length = 0;
    idEnd = 0;
  }

  function end(): void {
    if (sorting) {
      for (const sorted of sortedBatches(batch, batchSize)) onBatch(sorted);
      batch.length = 0;
      idEnd = 0;
    } else flush();
  }

  return {
    push,
    pushBytes,
    end,
    users,
    get lineCount() {
      return lineNumber;
    },
  };
}

const idEncoder = new TextEncoder();

/**
 * The accounts' WABA ids by the hash of their bytes (`hashBytes`): open addressing in one typed
 * array, slot s holding the hash at `2s` and the WABA plus one at `2s + 1` (0: empty); ids that
 * share a hash take a slot each.
 * NOTE (perf): ~3x cheaper a line than a `NumberIndex` and a compare with the id string.
 */
function createWabaTable(wabaIds: string[]): {slots: Int32Array; mask: number; ids: Uint8Array[]} {
  let size = 16;
  while (size < 4 * wabaIds.length) size *= 2;
  const slots = new Int32Array(2 * size);
  const mask = size - 1;
  const ids = wabaIds.map((id) => idEncoder.encode(id));
  ids.forEach((id, w) => {
    const hash = hashBytes(id, 0, id.length);
    let slot = (hash ^ (hash >>> 16)) & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash | 0;
    slots[2 * slot + 1] = w + 1;
  });
  return {slots, mask, ids};
}
