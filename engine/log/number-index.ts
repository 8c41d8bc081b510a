/** A map from whole numbers in [0, 2^53) to indices, for the reader's fast path. */
export interface NumberIndex {
  /** The index stored for `key`, or -1. */
  get(key: number): number;
  /** Stores `index` (>= 0) for `key`. */
  set(key: number, index: number): void;
}

const EMPTY = -1;

/**
 * Creates an open-addressing hash table over typed arrays (linear probing, grows at half full).
 * NOTE (perf): a `Map` keyed by numbers above 2^31 boxes every key it is asked for; E.164 numbers
 * as integers are that large, and the reader looks one up per line.
 * @example const users = createNumberIndex(); users.set(5511987654321, 0); users.get(5511987654321) // => 0
 */
export function createNumberIndex(capacity = 1024): NumberIndex {
  let size = 16;
  while (size < capacity * 2) size *= 2;
  let keys = new Float64Array(size);
  let values = new Int32Array(size).fill(EMPTY);
  let used = 0;

  function slotOf(key: number, table: Float64Array, tableValues: Int32Array): number {
    const mask = table.length - 1;
    // NOTE (perf): no `%` on a double (a slow library call); the split is exact below 2^53
    const high = Math.floor(key / 4_294_967_296);
    const low = (key - high * 4_294_967_296) | 0;
    const mixed = Math.imul(low ^ Math.imul(high | 0, 0x9e3779b1), 0x85ebca6b);
    let slot = ((mixed ^ (mixed >>> 15)) >>> 0) & mask;
    while (tableValues[slot] !== EMPTY && table[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  function get(key: number): number {
    return values[slotOf(key, keys, values)]!;
  }

  function set(key: number, index: number): void {
    if (2 * (used + 1) > keys.length) {
      const oldKeys = keys;
      const oldValues = values;
      keys = new Float64Array(oldKeys.length * 2);
      values = new Int32Array(oldKeys.length * 2).fill(EMPTY);
      for (let k = 0; k < oldKeys.length; k++) {
        if (oldValues[k] === EMPTY) continue;
        const slot = slotOf(oldKeys[k]!, keys, values);
        keys[slot] = oldKeys[k]!;
        values[slot] = oldValues[k]!;
      }
    }
    const slot = slotOf(key, keys, values);
    if (values[slot] === EMPTY) used++;
    keys[slot] = key;
    values[slot] = index;
  }

  return {get, set};
}
