import {
  DEVICE_NAMES,
  DIRECTION_NAMES,
  ENTRY_POINT_NAMES,
  STATUS_NAMES,
  TEMPLATE_CATEGORY_NAMES,
} from "../../models/codes.ts";
import {parseIsoInstantBytes} from "./iso-instant.ts";
import {bytesEqual, FIELD, FIELD_COUNT, KEY_NAMES, PLAIN} from "./ndjson-scanner.ts";

/**
 * Slots of `readCompactLine`'s values, -1 where a field is absent: ranges of the line's bytes
 * for the id, the WABA and the type; numbers for the rest.
 */
export const COMPACT = {
  id: 0,
  idEnd: 1,
  time: 2,
  waba: 3,
  wabaEnd: 4,
  /** `hashBytes` of the WABA's bytes. */
  wabaHash: 5,
  /** A phone or user as the value of its E.164 digits. */
  phone: 6,
  user: 7,
  direction: 8,
  type: 9,
  typeEnd: 10,
  /** Codes among the names of models/codes.ts. */
  category: 11,
  entryPoint: 12,
  device: 13,
  status: 14,
} as const;
export const COMPACT_SLOTS = 15;

const QUOTE = 34;
/** The length of `2024-03-04T10:00:00.000Z`, the way JavaScript writes an instant. */
const USUAL_TIME = 24;
const COMMA = 44;
const PLUS = 43;
const OPEN = 123;
const CLOSE = 125;

/** The names a coded field's value is one of, by field (empty for the others). */
const NAMES_OF: (readonly string[])[] = Array.from({length: FIELD_COUNT}, () => []);
NAMES_OF[FIELD.direction] = DIRECTION_NAMES;
NAMES_OF[FIELD.category] = TEMPLATE_CATEGORY_NAMES;
NAMES_OF[FIELD.entryPoint] = ENTRY_POINT_NAMES;
NAMES_OF[FIELD.device] = DEVICE_NAMES;
NAMES_OF[FIELD.status] = STATUS_NAMES;
/** Where each coded field's code goes. */
const CODE_SLOT = new Int8Array(FIELD_COUNT).fill(-1);
CODE_SLOT[FIELD.direction] = COMPACT.direction;
CODE_SLOT[FIELD.category] = COMPACT.category;
CODE_SLOT[FIELD.entryPoint] = COMPACT.entryPoint;
CODE_SLOT[FIELD.device] = COMPACT.device;
CODE_SLOT[FIELD.status] = COMPACT.status;

/** Each field's `"name":"` as bytes: the key's quotes, the colon and the value's quote. */
const KEY_PATTERNS: Uint8Array[] = KEY_NAMES.map((name) => new TextEncoder().encode(`"${name}":"`));
/**
 * The patterns of keys of 8 bytes and more as little-endian 64-bit floats, 2 slots a field: the
 * 8 bytes at `PATTERN_AT` 0 and, if longer, the 8 ending the pattern (at most 16 bytes).
 * NOTE (perf): 8 bytes of printable ASCII read as a float are a finite number other than 0 (the
 * top byte is below 0x7f), and such floats are equal only when their bits are: one compare
 * checks 8 bytes.
 */
const PATTERN_WORDS = new Float64Array(2 * FIELD_COUNT);
const PATTERN_AT = new Int32Array(2 * FIELD_COUNT);
const PATTERN_COUNT = new Int32Array(FIELD_COUNT);
const PATTERN_LENGTH = new Int32Array(FIELD_COUNT);
KEY_PATTERNS.forEach((pattern, field) => {
  const n = pattern.length;
  const view = new DataView(pattern.buffer, pattern.byteOffset, n);
  PATTERN_LENGTH[field] = n;
  PATTERN_COUNT[field] = n > 8 ? 2 : 1;
  for (let j = 0; j < PATTERN_COUNT[field]!; j++) {
    PATTERN_AT[2 * field + j] = Math.max(0, n - 8) * j;
    PATTERN_WORDS[2 * field + j] = n < 8 ? 0 : view.getFloat64(Math.max(0, n - 8) * j, true);
  }
});
const ID_PATTERN = new DataView(KEY_PATTERNS[FIELD.id]!.buffer);
/** The id's pattern (6 bytes: `"id":"`) as the 32-bit words at 0 and 2. */
const ID_HEAD = ID_PATTERN.getInt32(0, true);
const ID_TAIL = ID_PATTERN.getInt32(2, true);
/**
 * Each coded field's names with their closing quote, as two overlapping words (8-byte floats
 * from 8 bytes on, else 32-bit integers) that cover the bytes: `NAME_HEAD` at 0 and `NAME_TAIL`
 * ending with the quote. Names of field f are [NAME_FIRST[f], NAME_FIRST[f + 1]).
 */
const NAME_FIRST = new Int32Array(FIELD_COUNT + 1);
const NAME_LENGTH: number[] = [];
const NAME_HEAD: number[] = [];
const NAME_TAIL: number[] = [];
NAMES_OF.forEach((names, field) => {
  NAME_FIRST[field] = NAME_LENGTH.length;
  for (const name of names) {
    const bytes = new TextEncoder().encode(name + '"');
    const n = bytes.length; // at least 4: the shortest name ("web") has 3 letters
    const view = new DataView(bytes.buffer);
    NAME_LENGTH.push(n);
    NAME_HEAD.push(n >= 8 ? view.getFloat64(0, true) : view.getInt32(0, true));
    NAME_TAIL.push(n >= 8 ? view.getFloat64(n - 8, true) : view.getInt32(n - 4, true));
  }
  NAME_FIRST[field + 1] = NAME_LENGTH.length;
});
const NAME_LENGTHS = Int32Array.from(NAME_LENGTH);
const NAME_HEADS = Float64Array.from(NAME_HEAD);
const NAME_TAILS = Float64Array.from(NAME_TAIL);

const DAY_MS = 86_400_000;
/** The date bytes (`YYYY-MM-DD`) of the last usual time read, as words; -1 matches no bytes. */
let lastDate0 = 0;
let lastDate1 = 0;
let lastDate2 = -1;
let lastDays = 0;

/** A DataView of the last buffer read (a reader reads many lines of one chunk in a row). */
let viewed: Uint8Array | null = null;
let view: DataView = new DataView(new ArrayBuffer(0));

/**
 * Reads a line written without whitespace (`{"id":"m1","time":...}`, the way logs are usually
 * written) straight into values: times parsed, numbers valued, coded fields coded, in the one pass
 * that finds them. False for anything else, and for a line lacking `time`, `user`, `direction` or
 * `type` or with a value those slots cannot hold (an invalid time or number, an unknown code): the
 * reader then tries the general scanner and JSON.parse, which words any error. Accepts only lines
 * `scanLine` accepts (ASCII strings without escapes, known keys once each).
 * NOTE (perf): one pass over the bytes, not a scan for offsets and then a parse of each value;
 * keys and coded values are compared 8 bytes at a time (DataView floats against the patterns'),
 * phone digits read 4 at a time, and a usual time's date is not parsed when the line before had
 * it: ~0.17 us a line of 130 bytes (was ~0.29 byte by byte with `parseIsoInstantBytes`).
 * @example readCompactLine(bytes('{"time":"2024-03-04T10:00:00Z","user":"+5511987654321",...}'), 0, n, out) // => true, out[COMPACT.user] = 5511987654321
 */
export function readCompactLine(
  buf: Uint8Array,
  start: number,
  end: number,
  out: Float64Array,
): boolean {
  if (buf !== viewed) {
    viewed = buf;
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  // NOTE (perf): the codes and bytes are this function's own constants, and the tables locals: a
  // module's constant is a load from the module's context at every use (and FIELD.id a load and
  // a map check more), and TurboFan folds only a function's own. 893 -> 733 M instructions for
  // 300 k lines (callgrind). The codes are FIELD's and COMPACT's: the property test comparing this
  // reader with scanLine and valuesOfOffsets holds them to those.
  const F_ID = 0;
  const F_TIME = 1;
  const F_WABA = 2;
  const F_PHONE = 3;
  const F_USER = 4;
  const F_DIRECTION = 5;
  const F_TYPE = 6;
  const F_CATEGORY = 7;
  const F_ENTRY_POINT = 8;
  const F_DEVICE = 9;
  const F_STATUS = 10;
  const C_ID = 0;
  const C_ID_END = 1;
  const C_TIME = 2;
  const C_WABA = 3;
  const C_WABA_END = 4;
  const C_WABA_HASH = 5;
  const C_PHONE = 6;
  const C_USER = 7;
  const C_DIRECTION = 8;
  const C_TYPE = 9;
  const C_CATEGORY = 11;
  const C_ENTRY_POINT = 12;
  const C_DEVICE = 13;
  const C_STATUS = 14;
  const QUOTE = 34;
  const COMMA = 44;
  const PLUS = 43;
  const OPEN = 123;
  const CLOSE = 125;
  const USUAL_TIME = 24;
  const patternLength = PATTERN_LENGTH;
  const patternAt = PATTERN_AT;
  const patternWords = PATTERN_WORDS;
  const patternCount = PATTERN_COUNT;
  const nameFirst = NAME_FIRST;
  const nameLengths = NAME_LENGTHS;
  const nameHeads = NAME_HEADS;
  const nameTails = NAME_TAILS;
  const codeSlot = CODE_SLOT;
  const plain = PLAIN;
  const dv = view;
  let seen = 0;
  let k = start;
  if (buf[k] !== OPEN) return false;
  k++;
  for (;;) {
    if (k + 2 >= end || buf[k] !== QUOTE) return false;
    let field: number;
    switch (buf[k + 1]) {
      case 105: // i
        field = F_ID;
        break;
      case 116: // t
        field = buf[k + 2] === 105 ? F_TIME : F_TYPE;
        break;
      case 119: // w
        field = F_WABA;
        break;
      case 112: // p
        field = F_PHONE;
        break;
      case 117: // u
        field = F_USER;
        break;
      case 100: // d
        field = buf[k + 2] === 105 ? F_DIRECTION : F_DEVICE;
        break;
      case 99: // c
        field = F_CATEGORY;
        break;
      case 101: // e
        field = F_ENTRY_POINT;
        break;
      case 115: // s
        field = F_STATUS;
        break;
      default:
        return false;
    }
    if (k + patternLength[field]! > end || (seen & (1 << field)) !== 0) return false;
    if (field === F_ID) {
      if (dv.getInt32(k, true) !== ID_HEAD || dv.getInt32(k + 2, true) !== ID_TAIL) return false;
    } else if (dv.getFloat64(k + patternAt[2 * field]!, true) !== patternWords[2 * field])
      return false;
    else if (
      patternCount[field] === 2 &&
      dv.getFloat64(k + patternAt[2 * field + 1]!, true) !== patternWords[2 * field + 1]
    )
      return false;
    seen |= 1 << field;
    k += patternLength[field]!;
    const from = k;
    if (field === F_USER || field === F_PHONE) {
      // E.164: "+", 1-9, then 4 to 14 more digits; the value is exact below 2^53
      if (buf[k] !== PLUS || buf[k + 1] === 48) return false;
      let value = 0;
      // NOTE (perf): four digits at a time while four bytes are all digits (in 0x30-0x39)
      for (k++; k + 4 <= end; k += 4) {
        const w = dv.getInt32(k, true);
        if ((w & 0xf0f0f0f0) !== 0x30303030 || ((w + 0x06060606) & 0xf0f0f0f0) !== 0x30303030)
          break;
        const d = w - 0x30303030; // the digits' values in its bytes, the first one lowest
        const pairs = (d * 10 + (d >>> 8)) & 0x00ff00ff; // d0d1 and d2d3 as numbers
        value = value * 10_000 + (pairs & 0xff) * 100 + (pairs >>> 16);
      }
      for (; k < end; k++) {
        const d = buf[k]! - 48;
        if (d < 0 || d > 9) break;
        value = value * 10 + d;
      }
      if (k - from < 6 || k - from > 16) return false;
      out[field === F_USER ? C_USER : C_PHONE] = value;
    } else if (field === F_TIME) {
      let tMs = NaN;
      if (k + USUAL_TIME < end && buf[k + USUAL_TIME] === QUOTE) tMs = usualTime(buf, dv, k);
      if (Number.isNaN(tMs)) {
        while (k < end && plain[buf[k]!] === 1) k++;
        if (k >= end) return false;
        tMs = parseIsoInstantBytes(buf, from, k);
        if (Number.isNaN(tMs)) return false;
      } else k += USUAL_TIME;
      out[C_TIME] = tMs;
    } else if (field === F_WABA) {
      let hash = 0x811c9dc5;
      for (; k < end && plain[buf[k]!] === 1; k++) hash = Math.imul(hash ^ buf[k]!, 0x01000193);
      out[C_WABA] = from;
      out[C_WABA_END] = k;
      out[C_WABA_HASH] = hash >>> 0;
    } else if (field === F_ID || field === F_TYPE) {
      while (k < end && plain[buf[k]!] === 1) k++;
      const slot = field === F_ID ? C_ID : C_TYPE;
      out[slot] = from;
      out[slot + 1] = k;
    } else {
      // a name followed by the closing quote is the whole value (names hold no quote)
      const first = nameFirst[field]!;
      const last = nameFirst[field + 1]!;
      let c = first;
      for (; c < last; c++) {
        const n = nameLengths[c]!;
        if (k + n > end) continue;
        if (
          n >= 8
            ? dv.getFloat64(k, true) === nameHeads[c] &&
              dv.getFloat64(k + n - 8, true) === nameTails[c]
            : dv.getInt32(k, true) === nameHeads[c] && dv.getInt32(k + n - 4, true) === nameTails[c]
        )
          break;
      }
      if (c === last) return false;
      k += nameLengths[c]! - 1;
      out[codeSlot[field]!] = c - first;
    }
    if (k >= end || buf[k] !== QUOTE) return false;
    k++;
    if (buf[k] === COMMA) {
      k++;
      continue;
    }
    if (buf[k] !== CLOSE || k + 1 !== end || (seen & REQUIRED) !== REQUIRED) return false;
    // the slots of the optional fields the line lacks (the required ones are all set)
    if ((seen & (1 << F_ID)) === 0) out[C_ID] = out[C_ID_END] = -1;
    if ((seen & (1 << F_WABA)) === 0) out[C_WABA] = out[C_WABA_END] = out[C_WABA_HASH] = -1;
    if ((seen & (1 << F_PHONE)) === 0) out[C_PHONE] = -1;
    if ((seen & (1 << F_CATEGORY)) === 0) out[C_CATEGORY] = -1;
    if ((seen & (1 << F_ENTRY_POINT)) === 0) out[C_ENTRY_POINT] = -1;
    if ((seen & (1 << F_DEVICE)) === 0) out[C_DEVICE] = -1;
    if ((seen & (1 << F_STATUS)) === 0) out[C_STATUS] = -1;
    return true;
  }
}

/**
 * ms since the epoch of the time `YYYY-MM-DDTHH:MM:SS.fffZ` at `k` (the way JavaScript writes an
 * instant), or NaN for any other text (the caller then parses it the general way).
 * NOTE (perf): a log's times come in order: a date equal to the last one read (which was
 * validated) is not parsed again, a byte compare validates it.
 */
function usualTime(buf: Uint8Array, dv: DataView, k: number): number {
  if (
    buf[k + 10] !== 84 || // T
    buf[k + 13] !== 58 || // :
    buf[k + 16] !== 58 ||
    buf[k + 19] !== 46 || // .
    buf[k + 23] !== 90 // Z
  )
    return NaN;
  const d0 = dv.getInt32(k, true);
  const d1 = dv.getInt32(k + 4, true);
  const d2 = dv.getUint16(k + 8, true);
  if (d0 !== lastDate0 || d1 !== lastDate1 || d2 !== lastDate2) {
    const tMs = parseIsoInstantBytes(buf, k, k + USUAL_TIME);
    if (Number.isNaN(tMs)) return NaN;
    lastDate0 = d0;
    lastDate1 = d1;
    lastDate2 = d2;
    lastDays = Math.floor(tMs / DAY_MS);
    return tMs;
  }
  const h1 = buf[k + 11]! - 48;
  const h2 = buf[k + 12]! - 48;
  const m1 = buf[k + 14]! - 48;
  const m2 = buf[k + 15]! - 48;
  const s1 = buf[k + 17]! - 48;
  const s2 = buf[k + 18]! - 48;
  const f1 = buf[k + 20]! - 48;
  const f2 = buf[k + 21]! - 48;
  const f3 = buf[k + 22]! - 48;
  // each digit 0-9 (unsigned: a byte below "0" wraps high); hour to 23, minute and second to 59
  if (
    h1 >>> 0 > 2 ||
    h2 >>> 0 > 9 ||
    m1 >>> 0 > 5 ||
    m2 >>> 0 > 9 ||
    s1 >>> 0 > 5 ||
    s2 >>> 0 > 9 ||
    f1 >>> 0 > 9 ||
    f2 >>> 0 > 9 ||
    f3 >>> 0 > 9
  )
    return NaN;
  const hour = h1 * 10 + h2;
  if (hour > 23) return NaN;
  return (
    lastDays * DAY_MS +
    ((hour * 60 + m1 * 10 + m2) * 60 + s1 * 10 + s2) * 1000 +
    f1 * 100 +
    f2 * 10 +
    f3
  );
}

/**
 * The same values from the offsets `scanLine` found (a line of the simple shape with whitespace);
 * false on the same grounds as `readCompactLine`.
 */
export function valuesOfOffsets(buf: Uint8Array, offsets: Int32Array, out: Float64Array): boolean {
  const o = offsets;
  for (let s = 0; s < COMPACT_SLOTS; s++) out[s] = -1;
  for (const field of [FIELD.time, FIELD.user, FIELD.direction, FIELD.type])
    if (o[2 * field]! < 0) return false;
  const tMs = parseIsoInstantBytes(buf, o[2 * FIELD.time]!, o[2 * FIELD.time + 1]!);
  const user = digitsValue(buf, o[2 * FIELD.user]!, o[2 * FIELD.user + 1]!);
  if (Number.isNaN(tMs) || user < 0) return false;
  out[COMPACT.time] = tMs;
  out[COMPACT.user] = user;
  if (o[2 * FIELD.phone]! >= 0) {
    const phone = digitsValue(buf, o[2 * FIELD.phone]!, o[2 * FIELD.phone + 1]!);
    if (phone < 0) return false;
    out[COMPACT.phone] = phone;
  }
  const ranges = [
    [FIELD.id, COMPACT.id],
    [FIELD.waba, COMPACT.waba],
    [FIELD.type, COMPACT.type],
  ] as const;
  for (const [field, slot] of ranges) {
    if (o[2 * field]! < 0) continue;
    out[slot] = o[2 * field]!;
    out[slot + 1] = o[2 * field + 1]!;
  }
  if (out[COMPACT.waba]! >= 0)
    out[COMPACT.wabaHash] = hashBytes(buf, o[2 * FIELD.waba]!, o[2 * FIELD.waba + 1]!);
  for (let field = 0; field < FIELD_COUNT; field++) {
    if (CODE_SLOT[field]! < 0 || o[2 * field]! < 0) continue;
    const code = indexOfBytes(buf, o[2 * field]!, o[2 * field + 1]!, NAMES_OF[field]!);
    if (code < 0) return false;
    out[CODE_SLOT[field]!] = code;
  }
  return true;
}

/** FNV-1a of the bytes [s, e), as a uint32 (`readCompactLine` hashes a WABA's bytes the same way). */
export function hashBytes(bytes: Uint8Array, s: number, e: number): number {
  let hash = 0x811c9dc5;
  for (let k = s; k < e; k++) hash = Math.imul(hash ^ bytes[k]!, 0x01000193);
  return hash >>> 0;
}

/** The number spelled by an E.164 value `+[1-9]` and 4 to 14 more digits, or -1. Exact: < 2^53. */
function digitsValue(bytes: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n < 6 || n > 16 || bytes[s] !== PLUS || bytes[s + 1] === 48) return -1;
  let value = 0;
  for (let k = s + 1; k < e; k++) {
    const d = bytes[k]! - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const REQUIRED = (1 << FIELD.time) | (1 << FIELD.user) | (1 << FIELD.direction) | (1 << FIELD.type);

/** Index of the name the bytes [s, e) spell (ASCII), or -1. */
export function indexOfBytes(
  buf: Uint8Array,
  s: number,
  e: number,
  names: readonly string[],
): number {
  for (let c = 0; c < names.length; c++) if (bytesEqual(buf, s, e, names[c]!)) return c;
  return -1;
}
