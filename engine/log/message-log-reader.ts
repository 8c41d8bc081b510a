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
import {batchCapacity, createMessageBatch, MESSAGE_COLUMNS} from "../message-batch.ts";
import type {MessageBatch} from "../message-batch.ts";
import {parseIsoInstant} from "./iso-instant.ts";
import {sortedBatches} from "./sorted-batches.ts";
import {
  COMPACT,
  COMPACT_SLOTS,
  hashBytes,
  indexOfBytes,
  readCompactLine,
  valuesOfOffsets,
} from "./compact-line.ts";
import {bytesEqual, FIELD, FIELD_COUNT, scanLine} from "./ndjson-scanner.ts";
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
  /** Rows per batch. */
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
  const batchSize = options.batchSize ?? 65_536;
  const deferUsers = options.deferUsers === true && options.sort !== true;
  const interner = createUserInterner(markets);
  const users = interner.users;
  const types: string[] = ["template"];
  const typeIndex = new Map<string, number>([["template", TEMPLATE_TYPE]]);
  let batch = createLogBatch(options.sort ? 1024 : batchSize);
  /** Where the next id's bytes go in `batch.idBytes`. */
  let idEnd = 0;
  let lineNumber = 0;
  let lastTime = -Infinity;
  // phones by the numeric value of their digits (exact: E.164 has at most 15)
  const phoneByDigits = createNumberIndex();
  accounts.phones.forEach(
    (phone, p) => phone.number !== null && phoneByDigits.set(Number(phone.number.slice(1)), p),
  );
  // WABA ids by a hash of their bytes; AMBIGUOUS where two ids share one (then decoded).
  const wabaByHash = createNumberIndex();
  accounts.wabas.forEach((waba, w) => {
    const hash = hashAscii(waba.id);
    wabaByHash.set(hash, wabaByHash.get(hash) === -1 ? w : AMBIGUOUS);
  });
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
    if (!waba.listsPhones) return accounts.phoneByKey.get(`${w} `) ?? addPhone(accounts, w, null);
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
    if (!options.sort && tMs < lastTime)
      fail(
        "time",
        "time earlier than the previous line's",
        m.time,
        "lines in time order (or --sort)",
      );
    lastTime = tMs;
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
    if (!options.sort && tMs < lastTime) return false;
    let w = 0;
    if (v[COMPACT.waba]! >= 0) {
      w = wabaOfHash(bytes, v[COMPACT.waba]!, v[COMPACT.wabaEnd]!, v[COMPACT.wabaHash]!);
      if (w < 0) return false;
    } else if (accounts.wabas.length !== 1) return false;
    const phone = phoneOf(w, v[COMPACT.phone]!);
    if (phone < 0) return false;
    const direction = v[COMPACT.direction]!;
    const typeCode = indexOfBytes(bytes, v[COMPACT.type]!, v[COMPACT.typeEnd]!, types);
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
    lastTime = tMs;
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
    const w = wabaByHash.get(hash);
    if (w === AMBIGUOUS) return accounts.wabaById.get(decoder.decode(bytes.subarray(s, e))) ?? -1;
    return w >= 0 && bytesEqual(bytes, s, e, accounts.wabas[w]!.id) ? w : -1;
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
    const waba = accounts.wabas[w]!;
    return waba.listsPhones && waba.phones.length === 1 ? waba.phones[0]! : -1;
  }

  /** Appends the id bytes of the row being read (JSON string contents) to the batch's pool. */
  function putIdBytes(id: Uint8Array, from: number, to: number): void {
    const n = to - from;
    let pool = batch.idBytes!;
    if (idEnd + n > pool.length) {
      const bigger = new Uint8Array(Math.max(pool.length * 2, idEnd + n));
      bigger.set(pool.subarray(0, idEnd));
      batch.idBytes = pool = bigger;
    }
    for (let k = 0; k < n; k++) pool[idEnd + k] = id[from + k]!;
    idEnd += n;
    if (batch.length === batchCapacity(batch)) grow();
    batch.idEnds![batch.length] = idEnd;
  }

  /** formats.md §2: a line without `id` is named by its line number. */
  function putLineNumberId(): void {
    putIdBytesOf(String(lineNumber));
  }

  function putIdBytesOf(json: string): void {
    const encoded = idEncoder.encode(json);
    putIdBytes(encoded, 0, encoded.length);
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
    if (!options.sort && batch.length === batchSize) flush();
  }

  function flush(): void {
    if (batch.length === 0) return;
    onBatch(batch);
    batch.length = 0;
    idEnd = 0;
  }

  function end(): void {
    if (options.sort) {
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

const AMBIGUOUS = -2;
const idEncoder = new TextEncoder();

/** `hashBytes` of a string's UTF-8 bytes. */
function hashAscii(text: string): number {
  const bytes = idEncoder.encode(text);
  return hashBytes(bytes, 0, bytes.length);
}
