/**
 * A growable block of simulated messages of one business, as columns in time order. The
 * simulator appends rows as its events fire; the driver merges the blocks of all businesses into
 * MessageBatch blocks and clears them.
 */
export interface RowBuffer {
  length: number;
  tMs: Float64Array;
  /** Compiled-accounts phone index. */
  phone: Uint32Array;
  /** Business-local contact index (first appearance order). */
  contact: Uint32Array;
  /** Market-attribution country of the contact (models/markets `countryOf`). */
  country: Uint16Array;
  direction: Uint8Array;
  type: Uint8Array;
  category: Uint8Array;
  entryPoint: Uint8Array;
  device: Uint8Array;
  status: Uint8Array;
}

/**
 * Creates an empty buffer with room for `capacity` rows; it doubles when full.
 * @example createRowBuffer(16).length // => 0
 */
export function createRowBuffer(capacity = 256): RowBuffer {
  const n = Math.max(16, capacity);
  return {
    length: 0,
    tMs: new Float64Array(n),
    phone: new Uint32Array(n),
    contact: new Uint32Array(n),
    country: new Uint16Array(n),
    direction: new Uint8Array(n),
    type: new Uint8Array(n),
    category: new Uint8Array(n),
    entryPoint: new Uint8Array(n),
    device: new Uint8Array(n),
    status: new Uint8Array(n),
  };
}

function grown<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(
  column: T,
  size: number,
): T {
  const next = new (column.constructor as new (n: number) => T)(size);
  next.set(column);
  return next;
}

function grow(buffer: RowBuffer): void {
  const size = buffer.tMs.length * 2;
  buffer.tMs = grown(buffer.tMs, size);
  buffer.phone = grown(buffer.phone, size);
  buffer.contact = grown(buffer.contact, size);
  buffer.country = grown(buffer.country, size);
  buffer.direction = grown(buffer.direction, size);
  buffer.type = grown(buffer.type, size);
  buffer.category = grown(buffer.category, size);
  buffer.entryPoint = grown(buffer.entryPoint, size);
  buffer.device = grown(buffer.device, size);
  buffer.status = grown(buffer.status, size);
}

/**
 * Appends one message but its time and returns its row, whose `tMs` the caller writes (after
 * the call: the buffer may have grown). Amortised O(1), no allocation except when the buffer
 * doubles.
 * NOTE (perf): the simulator's rows take their time from this: a time (~1.7e12 ms) passed to a
 * call V8 does not inline is boxed, one heap number per message (campaign sends, ~3 MB per run
 * of the Brazilian shop's month, sampling heap profile).
 * @example buffer.tMs[pushRow(buffer, 0, 0, 0, 0, 1, 255, 0, 0, 0)] = 0; buffer.length // => 1
 */
export function pushRow(
  buffer: RowBuffer,
  phone: number,
  contact: number,
  country: number,
  direction: number,
  type: number,
  category: number,
  entryPoint: number,
  device: number,
  status: number,
): number {
  if (buffer.length === buffer.tMs.length) grow(buffer);
  const i = buffer.length++;
  buffer.phone[i] = phone;
  buffer.contact[i] = contact;
  buffer.country[i] = country;
  buffer.direction[i] = direction;
  buffer.type[i] = type;
  buffer.category[i] = category;
  buffer.entryPoint[i] = entryPoint;
  buffer.device[i] = device;
  buffer.status[i] = status;
  return i;
}
