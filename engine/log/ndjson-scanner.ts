/**
 * A byte scanner for the common shape of a message-log line: one flat JSON object whose keys are
 * the known field names and whose values are ASCII strings without escapes. It only finds where
 * each value lies; anything else (escapes, numbers, nesting, unknown or repeated keys, non-ASCII)
 * makes it return false, and the reader falls back to JSON.parse, which also words the errors.
 */

/** Field slots in the offsets array: value start at `2 * slot`, end at `2 * slot + 1`. */
export const FIELD = {
  id: 0,
  time: 1,
  waba: 2,
  phone: 3,
  user: 4,
  direction: 5,
  type: 6,
  category: 7,
  entryPoint: 8,
  device: 9,
  status: 10,
} as const;
export const FIELD_COUNT = 11;

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN = 123;
const CLOSE = 125;

function isSpace(b: number): boolean {
  return b === 32 || b === 9 || b === 13;
}

/** Each slot's key name, by slot. */
export const KEY_NAMES: string[] = [];
for (const [name, slot] of Object.entries(FIELD)) KEY_NAMES[slot] = name;

/**
 * 1 for the bytes a string of the simple shape may hold as they are: ASCII from the space on,
 * but the quote and the backslash (an escape sends the line to JSON.parse).
 */
export const PLAIN = new Uint8Array(256);
for (let b = 32; b < 128; b++) PLAIN[b] = b === QUOTE || b === BACKSLASH ? 0 : 1;

/** Slot of the key bytes [s, e), or -1. */
function keySlot(buf: Uint8Array, s: number, e: number): number {
  const c = buf[s]!;
  let slot: number;
  // NOTE (perf): a switch on length and first byte instead of decoding the key to a string.
  switch (e - s) {
    case 2:
      slot = FIELD.id;
      break;
    case 4:
      slot =
        c === 119
          ? FIELD.waba
          : c === 117
            ? FIELD.user
            : buf[s + 1] === 105
              ? FIELD.time
              : FIELD.type;
      break;
    case 5:
      slot = FIELD.phone;
      break;
    case 6:
      slot = c === 115 ? FIELD.status : FIELD.device;
      break;
    case 8:
      slot = FIELD.category;
      break;
    case 9:
      slot = FIELD.direction;
      break;
    case 10:
      slot = FIELD.entryPoint;
      break;
    default:
      return -1;
  }
  return bytesEqual(buf, s, e, KEY_NAMES[slot]!) ? slot : -1;
}

/**
 * Finds the string values of a line's fields in `offsets` (-1 where absent). Returns false when
 * the line is not of the simple shape.
 * @example scanLine(bytes('{"time":"2024-03-04T10:00:00Z"}'), 0, 31, offsets) // => true, offsets[2] = 9
 */
export function scanLine(
  buf: Uint8Array,
  start: number,
  end: number,
  offsets: Int32Array,
): boolean {
  offsets.fill(-1);
  let k = start;
  while (k < end && isSpace(buf[k]!)) k++;
  if (buf[k] !== OPEN) return false;
  k++;
  // a comma must be followed by a key: `{"a":"b",}` is not JSON
  for (let first = true; ; first = false) {
    while (k < end && isSpace(buf[k]!)) k++;
    if (first && buf[k] === CLOSE) break;
    if (buf[k] !== QUOTE) return false;
    const keyStart = ++k;
    while (k < end && PLAIN[buf[k]!] === 1) k++;
    if (k >= end || buf[k] !== QUOTE) return false;
    const slot = keySlot(buf, keyStart, k);
    if (slot < 0 || offsets[2 * slot] !== -1) return false;
    k++;
    while (k < end && isSpace(buf[k]!)) k++;
    if (buf[k] !== COLON) return false;
    k++;
    while (k < end && isSpace(buf[k]!)) k++;
    if (buf[k] !== QUOTE) return false;
    const valueStart = ++k;
    while (k < end && PLAIN[buf[k]!] === 1) k++;
    if (k >= end || buf[k] !== QUOTE) return false;
    offsets[2 * slot] = valueStart;
    offsets[2 * slot + 1] = k;
    k++;
    while (k < end && isSpace(buf[k]!)) k++;
    if (buf[k] === COMMA) {
      k++;
      continue;
    }
    if (buf[k] === CLOSE) break;
    return false;
  }
  k++;
  while (k < end && isSpace(buf[k]!)) k++;
  return k === end;
}

/** True if bytes [s, e) spell `text` (ASCII). */
export function bytesEqual(buf: Uint8Array, s: number, e: number, text: string): boolean {
  if (e - s !== text.length) return false;
  for (let k = 0; k < text.length; k++) if (buf[s + k] !== text.charCodeAt(k)) return false;
  return true;
}
