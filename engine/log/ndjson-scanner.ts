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

/** Slot of the key bytes [s, e), or -1. Compares lengths first, then bytes. */
function keySlot(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  const c = buf[s]!;
  let name: string;
  let slot: number;
  // NOTE (perf): a switch on length and first byte instead of decoding the key to a string.
  switch (n) {
    case 2:
      [name, slot] = ["id", FIELD.id];
      break;
    case 4:
      if (c === 119) [name, slot] = ["waba", FIELD.waba];
      else if (c === 117) [name, slot] = ["user", FIELD.user];
      else if (buf[s + 1] === 105) [name, slot] = ["time", FIELD.time];
      else [name, slot] = ["type", FIELD.type];
      break;
    case 5:
      [name, slot] = ["phone", FIELD.phone];
      break;
    case 6:
      [name, slot] = c === 115 ? ["status", FIELD.status] : ["device", FIELD.device];
      break;
    case 8:
      [name, slot] = ["category", FIELD.category];
      break;
    case 9:
      [name, slot] = ["direction", FIELD.direction];
      break;
    case 10:
      [name, slot] = ["entryPoint", FIELD.entryPoint];
      break;
    default:
      return -1;
  }
  for (let k = 0; k < n; k++) if (buf[s + k] !== name.charCodeAt(k)) return -1;
  return slot;
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
  for (;;) {
    while (k < end && isSpace(buf[k]!)) k++;
    if (buf[k] === CLOSE) break;
    if (buf[k] !== QUOTE) return false;
    const keyStart = ++k;
    while (k < end && buf[k] !== QUOTE) {
      if (buf[k] === BACKSLASH || buf[k]! >= 128) return false;
      k++;
    }
    if (k >= end) return false;
    const slot = keySlot(buf, keyStart, k);
    if (slot < 0 || offsets[2 * slot] !== -1) return false;
    k++;
    while (k < end && isSpace(buf[k]!)) k++;
    if (buf[k] !== COLON) return false;
    k++;
    while (k < end && isSpace(buf[k]!)) k++;
    if (buf[k] !== QUOTE) return false;
    const valueStart = ++k;
    while (k < end && buf[k] !== QUOTE) {
      const b = buf[k]!;
      if (b === BACKSLASH || b >= 128 || b < 32) return false;
      k++;
    }
    if (k >= end) return false;
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
