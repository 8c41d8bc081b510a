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
import {parseIsoInstant, parseIsoInstantBytes} from "./iso-instant.ts";
import {bytesEqual, FIELD, FIELD_COUNT, scanCompactLine, scanLine} from "./ndjson-scanner.ts";
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
    if (!parseFast(bytes, start, end)) parse(decoder.decode(bytes.subarray(start, end)));
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
   * The fast path: a line of the simple shape whose values are all valid is read from its bytes;
   * false hands the line to `parse` (which also words any error).
   */
  function parseFast(bytes: Uint8Array, start: number, end: number): boolean {
    if (!scanCompactLine(bytes, start, end, offsets) && !scanLine(bytes, start, end, offsets))
      return false;
    // NOTE (perf): offsets are read inline; closures made per line cost more than the parse.
    const o = offsets;
    if (o[2 * FIELD.time]! < 0) return false;
    const tMs = parseIsoInstantBytes(bytes, o[2 * FIELD.time]!, o[2 * FIELD.time + 1]!);
    if (Number.isNaN(tMs) || (!options.sort && tMs < lastTime)) return false;
    let w = 0;
    if (o[2 * FIELD.waba]! >= 0) {
      w = wabaOfBytes(bytes, o[2 * FIELD.waba]!, o[2 * FIELD.waba + 1]!);
      if (w < 0) return false;
    } else if (accounts.wabas.length !== 1) return false;
    let phone: number;
    if (o[2 * FIELD.phone]! >= 0) {
      const found = phoneByDigits.get(
        digitsValue(bytes, o[2 * FIELD.phone]!, o[2 * FIELD.phone + 1]!),
      );
      if (found < 0 || accounts.phones[found]!.waba !== w) return false;
      phone = found;
    } else {
      const waba = accounts.wabas[w]!;
      if (!waba.listsPhones || waba.phones.length !== 1) return false;
      phone = waba.phones[0]!;
    }
    if (o[2 * FIELD.user]! < 0) return false;
    const userDigits = digitsValue(bytes, o[2 * FIELD.user]!, o[2 * FIELD.user + 1]!);
    if (userDigits < 0) return false;
    const direction = codeOfBytes(bytes, FIELD.direction, DIRECTION_NAMES);
    const typeCode = codeOfBytes(bytes, FIELD.type, types);
    if (direction < 0 || typeCode < 0) return false;
    let category = NO_CATEGORY;
    if (typeCode === TEMPLATE_TYPE) {
      category = codeOfBytes(bytes, FIELD.category, TEMPLATE_CATEGORY_NAMES);
      if (category < 0) return false;
    } else if (o[2 * FIELD.category]! >= 0) return false;
    const hasEntryPoint = o[2 * FIELD.entryPoint]! >= 0;
    const hasDevice = o[2 * FIELD.device]! >= 0;
    const hasStatus = o[2 * FIELD.status]! >= 0;
    if (direction === DIRECTION.inbound ? hasStatus : hasEntryPoint || hasDevice) return false;
    const entryPoint = hasEntryPoint ? codeOfBytes(bytes, FIELD.entryPoint, ENTRY_POINT_NAMES) : 0;
    const device = hasDevice ? codeOfBytes(bytes, FIELD.device, DEVICE_NAMES) : 0;
    const status = hasStatus ? codeOfBytes(bytes, FIELD.status, STATUS_NAMES) : 0;
    if (entryPoint < 0 || device < 0 || status < 0) return false;
    lastTime = tMs;
    // the scanner let through printable ASCII without escapes: already a JSON string's contents
    if (o[2 * FIELD.id]! < 0) putLineNumberId();
    else putIdBytes(bytes, o[2 * FIELD.id]!, o[2 * FIELD.id + 1]!);
    append(tMs, w, phone, userDigits, direction, typeCode, category, entryPoint, device, status);
    return true;
  }

  /** Code of a field's value among `names`, -1 if absent or unknown. */
  function codeOfBytes(bytes: Uint8Array, field: number, names: readonly string[]): number {
    const s = offsets[2 * field]!;
    if (s < 0) return -1;
    const e = offsets[2 * field + 1]!;
    for (let c = 0; c < names.length; c++) if (bytesEqual(bytes, s, e, names[c]!)) return c;
    return -1;
  }

  function wabaOfBytes(bytes: Uint8Array, s: number, e: number): number {
    const w = wabaByHash.get(hashBytes(bytes, s, e));
    if (w === AMBIGUOUS) return accounts.wabaById.get(decoder.decode(bytes.subarray(s, e))) ?? -1;
    return w >= 0 && bytesEqual(bytes, s, e, accounts.wabas[w]!.id) ? w : -1;
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

/** Splits a batch into time-ordered batches; ties keep log order (a stable sort of an index). */
function* sortedBatches(all: LogBatch, batchSize: number): Generator<LogBatch> {
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

const AMBIGUOUS = -2;
const idEncoder = new TextEncoder();

/** FNV-1a of the bytes [s, e), as a uint32. */
function hashBytes(bytes: Uint8Array, s: number, e: number): number {
  let hash = 0x811c9dc5;
  for (let k = s; k < e; k++) hash = Math.imul(hash ^ bytes[k]!, 0x01000193);
  return hash >>> 0;
}

/** The same hash of a string's UTF-8 bytes. */
function hashAscii(text: string): number {
  const bytes = idEncoder.encode(text);
  return hashBytes(bytes, 0, bytes.length);
}

/** The number spelled by an E.164 value `+[1-9]` and 4 to 14 more digits, or -1. Exact: < 2^53. */
function digitsValue(bytes: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n < 6 || n > 16 || bytes[s] !== 43 || bytes[s + 1] === 48) return -1;
  let value = 0;
  for (let k = s + 1; k < e; k++) {
    const d = bytes[k]! - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
